from odoo import fields, models

STAGE_STATES = [
    ("new", "New"),
    ("in_progress", "In Progress"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]


class PropertyServiceStage(models.Model):
    _name = "property.service.stage"
    _description = "Service Ticket Stage"
    _inherit = ["property.protected.mixin"]
    _order = "sequence, id"
    # the tickets' state follows their stage's: changing it would move every ticket of the
    # stage at once, past the workflow's checks (and rewrite the statistics); a new stage gets
    # any state, an existing one keeps it
    _protected_fields = ("state",)

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    state = fields.Selection(
        STAGE_STATES,
        required=True,
        default="new",
        help="What the stage means for the workflow rules: resolving needs a resolution, "
        "closing needs the caller's confirmation and thanks.",
    )
    description = fields.Text(string="Stage Description", translate=True)
    active = fields.Boolean(default=True)

    def _protected_check_create(self, vals_list):
        """A new stage has no ticket yet: the manager gives it the state it stands for."""
