from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

MONTHS = [
    ("1", "January"),
    ("2", "February"),
    ("3", "March"),
    ("4", "April"),
    ("5", "May"),
    ("6", "June"),
    ("7", "July"),
    ("8", "August"),
    ("9", "September"),
    ("10", "October"),
    ("11", "November"),
    ("12", "December"),
]


class PropertyServiceMonthlyReportWizard(models.TransientModel):
    _name = "property.service.monthly.report.wizard"
    _description = "Print the Customer Service Monthly Report"

    team_ids = fields.Many2many(
        "property.service.team",
        "property_service_monthly_report_team_rel",
        "wizard_id",
        "team_id",
        string="Teams",
        required=True,
        default=lambda self: self._default_team_ids(),
    )
    month = fields.Selection(
        MONTHS, required=True, default=lambda self: str(self._default_month_start().month)
    )
    year = fields.Integer(required=True, default=lambda self: self._default_month_start().year)
    date_from = fields.Date(compute="_compute_dates")
    date_to = fields.Date(compute="_compute_dates")

    @api.model
    def _default_month_start(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)

    @api.model
    def _default_team_ids(self):
        if self.env.context.get("active_model") == "property.service.team":
            return self.env.context.get("active_ids")
        Team = self.env["property.service.team"]
        # a team manager prints their teams, the general manager and GM assistant all teams
        return Team.search([("manager_id", "=", self.env.uid)]).ids or (
            Team.search([("company_id", "in", self.env.companies.ids)]).ids
            if self.env.user.has_group("property_base.group_gm_assistant")
            else []
        )

    @api.depends("month", "year")
    def _compute_dates(self):
        for wizard in self:
            if wizard.month and 1900 < wizard.year < 3000:
                wizard.date_from = date(wizard.year, int(wizard.month), 1)
                wizard.date_to = wizard.date_from + relativedelta(months=1, days=-1)
            else:
                wizard.date_from = wizard.date_to = False

    @api.constrains("year")
    def _check_year(self):
        if any(not 1900 < wizard.year < 3000 for wizard in self):
            raise ValidationError(self.env._("Enter a year between 1901 and 2999."))

    # Actions

    def action_print(self):
        self.ensure_one()
        report = self.env.ref("property_service.property_service_monthly_report_action")
        return report.report_action(
            self.team_ids,
            data={
                # The web client puts no record ids in the URL of a report with data.
                "team_ids": self.team_ids.ids,
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            },
        )
