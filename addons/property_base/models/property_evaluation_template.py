from odoo import api, fields, models


class PropertyEvaluationTemplate(models.Model):
    _name = "property.evaluation.template"
    _description = "Evaluation Template"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the template between companies."
    )
    line_ids = fields.One2many(
        "property.evaluation.template.line", "template_id", string="Criteria", copy=True
    )
    total_weight = fields.Float(compute="_compute_total_weight")

    @api.depends("line_ids.weight")
    def _compute_total_weight(self):
        for template in self:
            template.total_weight = sum(template.line_ids.mapped("weight"))

    def _prepare_evaluation_lines(self):
        """Return the values of the evaluation lines this template yields."""
        self.ensure_one()
        return [
            {
                "sequence": line.sequence,
                "name": line.name,
                "description": line.description,
                "weight": line.weight,
                "kind": line.kind,
            }
            for line in self.line_ids
        ]
