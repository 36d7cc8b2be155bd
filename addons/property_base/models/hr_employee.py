from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError


class HrEmployeeBase(models.AbstractModel):
    """Training completion on both employee models: not confidential, so every employee reads
    it on the public profile too (Odoo's hr: a field only on hr.employee needs
    ``groups="hr.group_hr_user"``, or reading employees fails for plain users)."""

    _inherit = "hr.employee.base"

    property_training_count = fields.Integer(
        string="Trainings", compute="_compute_property_training_count"
    )
    property_initial_training_done = fields.Boolean(
        string="Initial Training Completed",
        compute="_compute_property_training_done",
        search="_search_property_initial_training_done",
        help="The employee attended a done initial training and did not fail it.",
    )
    property_fire_training_this_year = fields.Boolean(
        string="Fire Training This Year",
        compute="_compute_property_training_done",
        search="_search_property_fire_training_this_year",
        help="The employee completed a fire-safety training during the current calendar year.",
    )

    # Computes

    def _compute_property_training_count(self):
        groups = (
            self.env["property.training.attendee"]
            .sudo()
            ._read_group([("employee_id", "in", self.ids)], ["employee_id"], ["__count"])
        )
        counts = {employee.id: count for employee, count in groups}
        for employee in self:
            employee.property_training_count = counts.get(employee.id, 0)

    def _compute_property_training_done(self):
        initial = self._property_training_done("initial")
        fire = self._property_training_done("fire_safety", *self._property_current_year())
        for employee in self:
            employee.property_initial_training_done = employee in initial
            employee.property_fire_training_this_year = employee in fire

    def _search_property_initial_training_done(self, operator, value):
        return self._property_training_search(operator, value, "initial")

    def _search_property_fire_training_this_year(self, operator, value):
        return self._property_training_search(
            operator, value, "fire_safety", *self._property_current_year()
        )

    # Business

    def _property_current_year(self):
        today = fields.Date.context_today(self)
        return date(today.year, 1, 1), date(today.year, 12, 31)

    @api.model
    def _property_training_domain(self, training_type, date_from=None, date_to=None):
        """Domain on property.training.attendee of completed trainings of one type."""
        domain = [
            ("training_type", "=", training_type),
            ("state", "=", "done"),
            ("attendance", "=", "present"),
            ("result", "!=", "failed"),
        ]
        if date_from:
            domain.append(("date_end", ">=", date_from))
        if date_to:
            domain.append(("date_end", "<=", date_to))
        return domain

    def _property_training_done(self, training_type, date_from=None, date_to=None):
        """Return the employees of ``self`` who completed a training of ``training_type``.

        Completed means: attended (present, not failed) a training in state done whose end
        date lies in [date_from, date_to] (bounds optional). One SQL query whatever the size
        of ``self``; training completion is not confidential, so it is read as superuser.
        """
        if not self:
            return self.browse()
        domain = self._property_training_domain(training_type, date_from, date_to)
        groups = (
            self.env["property.training.attendee"]
            .sudo()
            ._read_group(domain + [("employee_id", "in", self.ids)], ["employee_id"])
        )
        return self.browse([employee.id for (employee,) in groups])

    def _property_training_search(
        self, operator, value, training_type, date_from=None, date_to=None
    ):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported on this field."))
        domain = self._property_training_domain(training_type, date_from, date_to)
        query = self.env["property.training.attendee"].sudo()._search(domain)
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", query.subselect("employee_id"))]


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    property_training_attendee_ids = fields.One2many(
        "property.training.attendee",
        "employee_id",
        string="Training History",
        groups="hr.group_hr_user",
    )

    # Actions

    def action_open_property_trainings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_training_attendee_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action

    # Demo data

    @api.model
    def _property_demo_archive_odoo_employees(self):
        """Demo data only: archive the employees and departments of Odoo's own (English) demo,
        so that the property company's lists offer its own staff and departments."""
        for model in (self._name, "hr.department"):
            data = self.env["ir.model.data"].search([("module", "=", "hr"), ("model", "=", model)])
            self.env[model].browse(data.mapped("res_id")).exists().write({"active": False})
        return True
