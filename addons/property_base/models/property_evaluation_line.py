from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .property_evaluation_template_line import check_weights


class PropertyEvaluationLine(models.Model):
    _name = "property.evaluation.line"
    _description = "Evaluation Criterion"
    _order = "evaluation_id, sequence, id"
    _inherit = ["property.protected.mixin"]
    # manual scores: the evaluator's (while the evaluation is a draft); KPI scores: computed;
    # the kind is chosen when the criterion is added and never changes
    _protected_fields = ("kind", "score", "no_data")

    evaluation_id = fields.Many2one(
        "property.evaluation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Criterion", required=True)
    description = fields.Char()
    weight = fields.Float(required=True, default=1.0)
    kind = fields.Selection(
        [("manual", "Manual Score")],
        required=True,
        default="manual",
        help="Manual: the evaluator scores the criterion. The other kinds are KPIs whose score "
        "is computed from the statistics of the evaluation period.",
    )
    score = fields.Float(
        digits=(5, 2),
        help="Score from 0 to 100: given by the evaluator for a manual criterion (while the "
        "evaluation is a draft), computed from the period's statistics for a KPI.",
    )
    no_data = fields.Boolean(
        help="A KPI without any data in the period: left out of the composite score.",
    )
    note = fields.Char(string="Comment")

    # Constraints

    @api.constrains("weight", "score")
    def _check_weight_score(self):
        check_weights(self)
        for line in self:
            if not 0 <= line.score <= 100:
                raise ValidationError(
                    self.env._(
                        "The score of criterion %(name)s must be between 0 and 100.",
                        name=line.name,
                    )
                )

    # Protected fields

    def _protected_create_allowed(self, fname, vals):
        return fname == "kind" or (fname == "score" and vals.get("kind", "manual") == "manual")

    def _protected_write_allowed(self, fname, value):
        if fname != "score":
            return self.browse()
        return self.filtered(lambda line: line.kind == "manual")

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        evaluation_ids = [vals.get("evaluation_id") for vals in vals_list]
        self.env["property.evaluation"].browse(evaluation_ids)._check_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.evaluation_id._check_editable()
        if "evaluation_id" in vals:
            self.env["property.evaluation"].browse(vals["evaluation_id"])._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.evaluation_id._check_editable()
