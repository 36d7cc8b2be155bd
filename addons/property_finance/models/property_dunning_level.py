from odoo import fields, models

CHANNELS = [
    ("email", "Reminder E-mail"),
    ("letter", "Dunning Letter"),
    ("phone", "Phone Call"),
    ("visit", "Site Visit"),
]


class PropertyDunningLevel(models.Model):
    """A level of dunning [催缴]: from how many days overdue, by which channel; a bill goes
    through the levels in order, each once."""

    _name = "property.dunning.level"
    _description = "Dunning Level"
    _order = "company_id, days_overdue, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    days_overdue = fields.Integer(
        required=True, help="Applies from this many days after the due date."
    )
    channel = fields.Selection(CHANNELS, required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Collector",
        check_company=True,
        help="Who makes the phone calls, sends the letters and visits (an activity each).",
    )
    text = fields.Text(
        string="Message",
        translate=True,
        help="What the e-mail or letter says to the owner, before the list of open bills.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("days_positive", "CHECK(days_overdue >= 0)", "Days overdue cannot be negative."),
    ]
