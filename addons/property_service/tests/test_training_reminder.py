from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.property_base.tests.common import PropertyBaseCommon


@tagged("post_install", "-at_install")
@freeze_time("2024-05-20 08:00:00")
class TestTrainingReminder(PropertyBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups="property_service.group_service_agent"):
            return new_test_user(cls.env, login=login, groups=groups)

        cls.manager = user("t_tr_manager", "property_service.group_service_manager")
        cls.agent_late = user("t_tr_late")
        cls.agent_trained = user("t_tr_trained")
        cls.agent_new = user("t_tr_new")
        cls.agent_no_team = user("t_tr_no_team")
        cls.team = cls.env["property.service.team"].create(
            {
                "name": "一组",
                "manager_id": cls.manager.id,
                "member_ids": [Command.set((cls.agent_late | cls.agent_trained).ids)],
            }
        )
        cls.team_trained = cls.env["property.service.team"].create(
            {"name": "二组", "manager_id": cls.manager.id, "member_ids": cls.agent_new.ids}
        )
        Employee = cls.env["hr.employee"]
        cls.boss = cls.department.manager_id  # the department head's employee

        def employee(name, agent, start):
            return Employee.create(
                {
                    "name": name,
                    "user_id": agent.id,
                    "property_service_start_date": start,
                    "parent_id": cls.boss.id,
                }
            )

        cls.emp_late = employee("迟到", cls.agent_late, date(2024, 5, 1))
        cls.emp_trained = employee("已培训", cls.agent_trained, date(2024, 5, 1))
        cls.emp_new = employee("新人", cls.agent_new, date(2024, 5, 16))
        cls.emp_no_team = employee("无组", cls.agent_no_team, date(2024, 4, 1))
        cls._training("initial", date(2024, 5, 6), cls.emp_trained)
        cls._training("periodic", date(2024, 2, 15), cls.emp_new)
        cls.cron_initial = cls.env.ref("property_service.ir_cron_initial_training_reminder")
        cls.cron_periodic = cls.env.ref("property_service.ir_cron_periodic_training_check")

    @classmethod
    def _training(cls, training_type, day, employees):
        training = cls.env["property.training"].create(
            {
                "name": "客服培训",
                "training_type": training_type,
                "date_start": day,
                "attendee_ids": [
                    Command.create({"employee_id": e.id, "attendance": "present"})
                    for e in employees
                ],
            }
        )
        training.action_plan()
        training.action_done()
        return training

    def _reminders(self, activity_type, records):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("activity_type_id", "=", self.env.ref(activity_type).id),
                    ("res_model", "=", records._name),
                    ("res_id", "in", records.ids),
                ]
            )
        )

    def test_initial_training_reminder_once_per_agent(self):
        employees = self.emp_late | self.emp_trained | self.emp_new | self.emp_no_team
        self.cron_initial.method_direct_trigger()
        self.cron_initial.method_direct_trigger()
        activities = self._reminders(
            "property_service.mail_activity_type_initial_training", employees
        )
        self.assertEqual(
            {(a.res_id, a.user_id) for a in activities},
            {
                (self.emp_late.id, self.manager),  # the team manager
                (self.emp_no_team.id, self.user_department_head),  # no team: their manager
            },
        )
        self.assertIn("迟到", activities.filtered(lambda a: a.res_id == self.emp_late.id).summary)

    def test_done_reminder_is_not_repeated(self):
        self.cron_initial.method_direct_trigger()
        activity = self._reminders(
            "property_service.mail_activity_type_initial_training", self.emp_late
        )
        activity.action_done()
        self.cron_initial.method_direct_trigger()
        activities = self._reminders(
            "property_service.mail_activity_type_initial_training", self.emp_late
        )
        self.assertEqual(len(activities), 1)
        self.assertFalse(activities.active)

    def test_grace_period_is_configurable(self):
        self.env["ir.config_parameter"].set_param(
            "property_service.initial_training_grace_days", "30"
        )
        self.cron_initial.method_direct_trigger()
        activities = self._reminders(
            "property_service.mail_activity_type_initial_training",
            self.emp_late | self.emp_no_team,
        )
        self.assertEqual(activities.mapped("res_id"), self.emp_no_team.ids)

    def test_employee_created_today_is_not_late(self):
        self.emp_late.property_service_start_date = False  # falls back to the creation date
        self.cron_initial.method_direct_trigger()
        self.assertFalse(
            self._reminders("property_service.mail_activity_type_initial_training", self.emp_late)
        )

    @freeze_time("2024-04-02 08:00:00")
    def test_quarterly_training_check(self):
        self.cron_periodic.method_direct_trigger()
        self.cron_periodic.method_direct_trigger()
        teams = self.team | self.team_trained
        activities = self._reminders("property_service.mail_activity_type_periodic_training", teams)
        self.assertEqual(activities.mapped("res_id"), self.team.ids)
        self.assertEqual(activities.user_id, self.manager)
        self.assertIn("2024-01-01", activities.note)
        self.assertIn("2024-03-31", activities.note)

    @freeze_time("2024-07-01 08:00:00")
    def test_quarterly_check_of_the_next_quarter(self):
        # Q2: nobody attended a periodic training, both teams are reminded
        self.cron_periodic.method_direct_trigger()
        teams = self.team | self.team_trained
        activities = self._reminders("property_service.mail_activity_type_periodic_training", teams)
        self.assertEqual(sorted(activities.mapped("res_id")), sorted(teams.ids))
