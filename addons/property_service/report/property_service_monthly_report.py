from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class ReportPropertyServiceMonthly(models.AbstractModel):
    _name = "report.property_service.report_service_monthly"
    _description = "Customer Service Monthly Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        teams = self.env["property.service.team"].browse(docids or (data or {}).get("team_ids"))
        date_from, date_to = self._get_period(data or {})
        Report = self.env["property.service.report"]
        domain = [
            ("team_id", "in", teams.ids),
            ("day", ">=", date_from),
            ("day", "<=", date_to),
        ]
        agent_kpis = Report._get_kpis(domain, ["team_id", "user_id"])
        team_kpis = Report._get_kpis(domain, ["team_id"])
        lines = {team.id: [] for team in teams}
        for (team, user), kpis in agent_kpis.items():
            lines[team.id].append((user, kpis))
        for team_lines in lines.values():
            team_lines.sort(key=lambda line: (not line[0], line[0].name or ""))
        return {
            "doc_ids": teams.ids,
            "doc_model": "property.service.team",
            "docs": teams,
            "date_from": date_from,
            "date_to": date_to,
            "lines": lines,
            "totals": {team.id: kpis for (team,), kpis in team_kpis.items()},
            "empty_kpis": dict.fromkeys(Report._kpi_measures(), 0),
        }

    @api.model
    def _get_period(self, data):
        """The month given by the wizard, else the previous calendar month."""
        if data.get("date_from") and data.get("date_to"):
            return fields.Date.to_date(data["date_from"]), fields.Date.to_date(data["date_to"])
        first = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        return first, first + relativedelta(months=1, days=-1)
