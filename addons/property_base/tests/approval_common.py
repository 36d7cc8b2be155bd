from odoo_test_helper import FakeModelLoader

from odoo import Command

from .common import PropertyBaseCommon

APPROVAL_ACTIVITY = "property_base.mail_activity_type_approval"


class ApprovalCommon(PropertyBaseCommon):
    """Loads the tester models, gives employees ACLs on them and builds route helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The testers are loaded as a module of their own: loading them as property_base
        # would rebuild every model property_base defines without the fields that the modules
        # above it add (a related field of property_fire on a project then fails to set up).
        cls.loader = FakeModelLoader(cls.env, "odoo.addons.property_approval_testers")
        cls.loader.backup_registry()
        from .approval_models import PropertyApprovalTester, PropertyApprovalTesterDirect

        cls.loader.update_registry((PropertyApprovalTester, PropertyApprovalTesterDirect))
        cls.Tester = cls.env["property.approval.tester"]
        cls.TesterDirect = cls.env["property.approval.tester.direct"]
        cls.Route = cls.env["property.approval.route"]
        cls.Line = cls.env["property.approval.line"]
        for model in ("property.approval.tester", "property.approval.tester.direct"):
            cls._grant_employees(model)
        cls.employee_staff = cls.env["hr.employee"].create(
            {
                "name": "Staff Employee",
                "user_id": cls.user_staff.id,
                "department_id": cls.department.id,
                "company_id": cls.company_a.id,
            }
        )

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    @classmethod
    def _grant_employees(cls, model):
        ir_model = cls.env["ir.model"]._get(model)
        cls.env["ir.model.access"].create(
            {
                "name": f"{model} employee",
                "model_id": ir_model.id,
                "group_id": cls.env.ref("base.group_user").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
                "perm_unlink": True,
            }
        )
        cls.env["ir.rule"].create(
            {
                "name": f"{model} multi-company",
                "model_id": ir_model.id,
                "domain_force": "[('company_id', 'in', company_ids)]",
            }
        )

    @classmethod
    def _route(cls, steps, model="property.approval.tester", **vals):
        """Create a route; ``steps`` is a list of step values (name defaulted)."""
        step_cmds = [
            Command.create({"name": f"Step {index}", **step})
            for index, step in enumerate(steps, start=1)
        ]
        return cls.Route.create(
            {
                "name": vals.pop("name", "Route"),
                "model_id": cls.env["ir.model"]._get_id(model),
                "step_ids": step_cmds,
                **vals,
            }
        )

    @classmethod
    def _users_step(cls, *users):
        return {"approver_type": "users", "user_ids": [Command.set([u.id for u in users])]}

    def _create(self, user=None, model="property.approval.tester", count=None, **vals):
        """Create tester records as ``user`` (staff by default)."""
        user = user or self.user_staff
        vals = {"name": "Request", **vals}
        records = self.env[model].with_user(user).create([vals] * (count or 1))
        return records

    def _pending_activities(self, record):
        """The approval activities of ``record`` (not the to-do a rejection leaves)."""
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", self.env.ref(APPROVAL_ACTIVITY).id),
            ]
        )
