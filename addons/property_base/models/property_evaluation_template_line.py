from odoo import api, fields, models
from odoo.exceptions import ValidationError


def check_weights(lines):
    """Criteria of templates and of evaluations weigh more than zero."""
    for line in lines:
        if line.weight <= 0:
            raise ValidationError(
                line.env._(
                    "The weight of criterion %(name)s must be greater than zero.",
                    name=line.name,
                )
            )


class PropertyEvaluationTemplateLine(models.Model):
    _name = "property.evaluation.template.line"
    _description = "Evaluation Template Criterion"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "property.evaluation.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Criterion", required=True, translate=True)
    description = fields.Char(translate=True)
    kind = fields.Selection(
        [("manual", "Manual Score")],
        required=True,
        default="manual",
        help="Manual: the evaluator scores the criterion. The other kinds are KPIs scored from "
        "the statistics of the evaluation period (see the module's configuration notes).",
    )
    weight = fields.Float(required=True, default=1.0)

    @api.constrains("weight")
    def _check_weight(self):
        check_weights(self)
