from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .property_evaluation_template_line import check_weights


class PropertyEvaluationLine(models.Model):
    _name = "property.evaluation.line"
    _description = "Evaluation Criterion"
    _order = "evaluation_id, sequence, id"

    evaluation_id = fields.Many2one(
        "property.evaluation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Criterion", required=True)
    description = fields.Char()
    weight = fields.Float(required=True, default=1.0)
    score = fields.Float(digits=(5, 2), help="Score from 0 to 100.")
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
