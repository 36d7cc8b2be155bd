from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.property_base.tools import person_lang

GRACE_PARAM = "property_service.initial_training_grace_days"
DEFAULT_GRACE_DAYS = 7


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    property_service_start_date = fields.Date(
        string="Customer Service Start Date",
        # on hr.employee only: HR officers only (Odoo's hr rule; a service manager without HR
        # rights reads employees through their public profile)
        groups="hr.group_hr_user",
        help="First day as a customer-service agent. The initial-training reminder counts its "
        "grace period from this date, or from the employee's creation when it is empty.",
    )

    # Business: initial training of new agents

    @api.model
    def _property_service_agent_users(self):
        """Internal users working as agents: team members and agents who are not managers."""
        teams = self.env["property.service.team"].sudo().search([("member_ids", "!=", False)])
        members = teams.member_ids
        agents = self.env.ref("property_service.group_service_agent").sudo().users
        managers = self.env.ref("property_service.group_service_manager").sudo().users
        return (members | (agents - managers)).filtered(lambda u: u.active and not u.share)

    def _property_service_start(self):
        self.ensure_one()
        return self.sudo().property_service_start_date or self.create_date.date()

    def _property_service_initial_training_late(self, grace_days, today):
        """Employees of ``self`` past ``grace_days`` of service without a completed initial
        training (one query for the trainings, whatever the size of ``self``)."""
        pending = self - self._property_training_done("initial")
        deadline = today - timedelta(days=grace_days)
        return pending.filtered(lambda e: e._property_service_start() < deadline)

    def _property_service_training_manager(self, teams):
        """The user to remind about this agent: the manager of one of the agent's teams (in
        the employee's company first), else the employee's manager or department head."""
        self.ensure_one()
        mine = teams.filtered(lambda t: self.user_id in t.member_ids and t.manager_id)
        mine = mine.sorted(lambda t: t.company_id != self.company_id)
        return (
            mine[:1].manager_id or self.parent_id.user_id or self.department_id.manager_id.user_id
        )

    @api.model
    def _cron_property_service_initial_training_reminder(self):
        """Remind the team manager, once per agent, of agents without initial training."""
        activity_type = self.env.ref("property_service.mail_activity_type_initial_training")
        grace = self._property_service_grace_days()
        today = fields.Date.context_today(self)
        employees = self.sudo().search(
            [("user_id", "in", self._property_service_agent_users().ids)]
        )
        late = employees._property_service_initial_training_late(grace, today)
        late -= self._property_service_already_reminded(activity_type, late)
        teams = self.env["property.service.team"].sudo().search([("manager_id", "!=", False)])
        vals_list = []
        for employee in late:
            manager = employee._property_service_training_manager(teams)
            if manager:
                vals_list.append(
                    employee._property_service_training_activity_vals(activity_type, manager)
                )
        return self.env["mail.activity"].sudo().create(vals_list)

    @api.model
    def _property_service_grace_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(GRACE_PARAM)
        try:
            return max(int(value), 0) if value else DEFAULT_GRACE_DAYS
        except ValueError:
            return DEFAULT_GRACE_DAYS

    @api.model
    def _property_service_already_reminded(self, activity_type, records, since=None):
        """Records of ``records`` that already have a reminder of ``activity_type`` (done ones
        included: the type keeps done activities), optionally with a deadline after ``since``."""
        domain = [
            ("activity_type_id", "=", activity_type.id),
            ("res_model", "=", records._name),
            ("res_id", "in", records.ids),
        ]
        if since:
            domain.append(("date_deadline", ">", since))
        activities = self.env["mail.activity"].sudo().with_context(active_test=False).search(domain)
        return records.browse(set(activities.mapped("res_id")))

    def _property_service_training_activity_vals(self, activity_type, manager):
        """The reminder for ``manager``, in the manager's language."""
        self.ensure_one()
        env = self.with_context(lang=person_lang(manager)).env
        start = self._property_service_start()
        return {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "user_id": manager.id,
            "date_deadline": fields.Date.context_today(self),
            "summary": env._("Initial training missing: %(name)s", name=self.name),
            "note": env._(
                "%(name)s started in customer service on %(date)s and has not completed the "
                "one-week initial training (etiquette, service process, customer handling). "
                "Register them in the next initial training session.",
                name=self.name,
                date=start,
            ),
        }

    # Business: quarterly team training

    @api.model
    def _property_service_previous_quarter(self, today):
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1) - relativedelta(months=3)
        return start, start + relativedelta(months=3, days=-1)

    @api.model
    def _cron_property_service_periodic_training_check(self):
        """Remind the manager of each team whose members attended no periodic training in the
        previous quarter; once per team and quarter."""
        activity_type = self.env.ref("property_service.mail_activity_type_periodic_training")
        today = fields.Date.context_today(self)
        date_from, date_to = self._property_service_previous_quarter(today)
        teams = (
            self.env["property.service.team"]
            .sudo()
            .search([("manager_id", "!=", False), ("member_ids", "!=", False)])
        )
        employees = self.sudo().search([("user_id", "in", teams.member_ids.ids)])
        trained = employees._property_training_done("periodic", date_from, date_to)
        untrained = teams.filtered(lambda t: not (trained.user_id & t.member_ids))
        untrained -= self._property_service_already_reminded(activity_type, untrained, date_to)
        vals_list = [
            self._property_service_periodic_activity_vals(team, activity_type, date_from, date_to)
            for team in untrained
        ]
        return self.env["mail.activity"].sudo().create(vals_list)

    @api.model
    def _property_service_periodic_activity_vals(self, team, activity_type, date_from, date_to):
        """The reminder for the team's manager, in the manager's language."""
        env = self.with_context(lang=person_lang(team.manager_id)).env
        return {
            "res_model_id": self.env["ir.model"]._get_id(team._name),
            "res_id": team.id,
            "activity_type_id": activity_type.id,
            "user_id": team.manager_id.id,
            "date_deadline": fields.Date.context_today(self) + timedelta(days=14),
            "summary": env._("No periodic training for team %(team)s", team=team.name),
            "note": env._(
                "No agent of team %(team)s attended a periodic training between %(date_from)s "
                "and %(date_to)s. Plan the quarterly team training.",
                team=team.name,
                date_from=date_from,
                date_to=date_to,
            ),
        }
