from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PropertyMeter(models.Model):
    """仪表: a water, electricity or gas meter of a unit. A replaced meter is closed and the new
    one starts its own series of readings from its initial reading."""

    _name = "property.meter"
    _description = "Meter"
    _inherit = ["mail.thread", "property.protected.mixin"]
    _order = "unit_id, fee_item_id, date_installed desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state", "date_replaced", "replaced_by_id")

    name = fields.Char(string="Meter Number", required=True, tracking=True)
    unit_id = fields.Many2one(
        "property.unit", required=True, index=True, ondelete="restrict", check_company=True
    )
    project_id = fields.Many2one(related="unit_id.project_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    fee_item_id = fields.Many2one(
        "property.fee.item",
        required=True,
        domain=[("method", "=", "metered")],
        check_company=True,
    )
    date_installed = fields.Date(required=True, default=fields.Date.context_today)
    initial_reading = fields.Float(digits=(16, 2), required=True, default=0.0)
    state = fields.Selection(
        [("active", "In Use"), ("replaced", "Replaced")],
        required=True,
        default="active",
        tracking=True,
    )
    date_replaced = fields.Date(readonly=True, copy=False)
    replaced_by_id = fields.Many2one("property.meter", readonly=True, copy=False)
    reading_ids = fields.One2many("property.meter.reading", "meter_id", string="Readings")

    _sql_constraints = [
        (
            "initial_positive",
            "CHECK(initial_reading >= 0)",
            "A meter reading cannot be negative.",
        ),
    ]

    @api.constrains("fee_item_id")
    def _check_metered(self):
        if any(meter.fee_item_id.method != "metered" for meter in self):
            raise ValidationError(self.env._("A meter belongs to a metered fee item."))

    def action_replace(self, name, date, initial_reading=0.0):
        """Close this meter on ``date`` and install ``name`` in its place; returns the new
        meter, which starts a new series from ``initial_reading``."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "active":
            raise UserError(self.env._("Meter %(meter)s was already replaced.", meter=self.name))
        new = self.create(
            {
                "name": name,
                "unit_id": self.unit_id.id,
                "fee_item_id": self.fee_item_id.id,
                "date_installed": date,
                "initial_reading": initial_reading,
            }
        )
        self._protected_write(
            {"state": "replaced", "date_replaced": date, "replaced_by_id": new.id}
        )
        return new


class PropertyMeterReading(models.Model):
    """抄表读数: readings of one meter never go backwards, in date order."""

    _name = "property.meter.reading"
    _description = "Meter Reading"
    _order = "meter_id, date desc, id desc"
    _check_company_auto = True

    meter_id = fields.Many2one(
        "property.meter", required=True, index=True, ondelete="restrict", check_company=True
    )
    unit_id = fields.Many2one(related="meter_id.unit_id", store=True, index=True)
    company_id = fields.Many2one(related="meter_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    value = fields.Float(string="Reading", digits=(16, 2), required=True)

    _sql_constraints = [
        ("meter_date_uniq", "unique(meter_id, date)", "A meter has one reading per day."),
    ]

    @api.constrains("value", "date", "meter_id")
    def _check_not_backwards(self):
        for reading in self:
            meter = reading.meter_id
            if reading.date < meter.date_installed or (
                meter.date_replaced and reading.date > meter.date_replaced
            ):
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s was not in use on %(date)s.",
                        meter=meter.name,
                        date=reading.date,
                    )
                )
            others = meter.reading_ids - reading
            before = [r.value for r in others if r.date < reading.date] + [meter.initial_reading]
            after = [r.value for r in others if r.date > reading.date]
            if reading.value < max(before) or (after and reading.value > min(after)):
                raise ValidationError(
                    self.env._(
                        "Reading %(value)s of meter %(meter)s on %(date)s goes backwards: "
                        "readings never decrease (a replaced meter starts a new series).",
                        value=reading.value,
                        meter=meter.name,
                        date=reading.date,
                    )
                )

    def write(self, vals):
        billed = (
            self.env["account.move.line"]
            .sudo()
            .search_count([("meter_reading_id", "in", self.ids)], limit=1)
        )
        if billed and not self.env.su:
            raise UserError(self.env._("A billed meter reading cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        if (
            self.env["account.move.line"]
            .sudo()
            .search_count([("meter_reading_id", "in", self.ids)], limit=1)
        ):
            raise UserError(self.env._("A billed meter reading cannot be deleted."))
