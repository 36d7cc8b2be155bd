from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class PropertyBaseCommon(BaseCommon):
    """Two companies and one user per role, made once for the whole class.

    Every test acts through these users with ``with_user`` so that access rights
    and record rules are exercised, never bypassed by the superuser.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "乙公司物业"})
        cls.department = cls.env["hr.department"].create(
            {"name": "客服部", "company_id": cls.company_a.id}
        )

        def user(login, groups, company=None, **kw):
            company = company or cls.company_a
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
                **kw,
            )

        cls.user_staff = user("t_staff", "property_base.group_property_user")
        cls.user_general_affairs = user("t_ga", "property_base.group_general_affairs")
        cls.user_department_head = user("t_head", "property_base.group_department_head")
        cls.user_office_director = user("t_office", "property_base.group_office_director")
        cls.user_gm_assistant = user("t_gma", "property_base.group_gm_assistant")
        cls.user_general_manager = user("t_gm", "property_base.group_general_manager")
        cls.user_admin = user("t_padmin", "property_base.group_property_admin")
        cls.user_plain = user("t_plain", "base.group_user")
        cls.user_staff_b = user("t_staff_b", "property_base.group_property_user", cls.company_b)
        cls.user_admin_b = user("t_padmin_b", "property_base.group_property_admin", cls.company_b)
        # every role, plus an internal user without one and a user of the other company: the
        # users a direct write of a protected field is tried as
        cls.role_users = [
            cls.user_staff,
            cls.user_general_affairs,
            cls.user_department_head,
            cls.user_office_director,
            cls.user_gm_assistant,
            cls.user_general_manager,
            cls.user_admin,
            cls.user_plain,
            cls.user_staff_b,
        ]
        cls.department.manager_id = cls.env["hr.employee"].create(
            {
                "name": "部门负责人",
                "user_id": cls.user_department_head.id,
                "company_id": cls.company_a.id,
            }
        )

    @contextmanager
    def assertRaisesText(self, exception, pattern):
        """assertRaises (which rolls back to a savepoint) plus a regex on the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), pattern)


class AppSecurityChecks:
    """Checks every property application makes of its roles and its top menu.

    Mix into a ``BaseCommon`` test class and set: ``app_menu`` (xml id of the top menu),
    ``role_group`` (a role that opens the application) and ``admin_role_group`` (the role the
    property administrator receives). Not a TestCase itself, so it runs only where mixed in.
    """

    app_menu = role_group = admin_role_group = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        prefix = cls.app_menu.replace(".", "_")
        cls.role_user = new_test_user(cls.env, login=f"{prefix}_role", groups=cls.role_group)
        cls.staff = new_test_user(
            cls.env, login=f"{prefix}_staff", groups="property_base.group_property_user"
        )
        cls.admin = new_test_user(
            cls.env, login=f"{prefix}_admin", groups="property_base.group_property_admin"
        )
        cls.menu = cls.env.ref(cls.app_menu)

    def _visible(self, user):
        return self.menu.id in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_role_sees_the_application(self):
        self.assertTrue(self._visible(self.role_user))
        self.assertTrue(self.role_user.has_group("property_base.group_property_user"))

    def test_other_staff_do_not_see_it(self):
        self.assertFalse(self._visible(self.staff))

    def test_property_administrator_gets_the_role(self):
        self.assertTrue(self.admin.has_group(self.admin_role_group))
        self.assertTrue(self._visible(self.admin))


class RecordRuleAsserts:
    """Per-record checks of record rules; mix into a test case."""

    def assertVisible(self, user, records, expected, msg=None):
        """``user`` finds exactly ``expected`` among ``records``, and may read each of them."""
        found = records.with_user(user).search([("id", "in", records.ids)])
        self.assertEqual(found, expected.with_user(user), msg or user.login)
        found.check_access("read")
        for record in records - expected:
            with self.assertRaises(AccessError, msg=f"{user.login} reads {record.display_name}"):
                record.with_user(user).check_access("read")


class EvaluationRouteIsolation:
    """Archive the evaluation routes of the database (e.g. the demo route) in ``setUpClass``
    so that a test class controls which route its evaluations follow."""

    @classmethod
    def _archive_evaluation_routes(cls):
        cls.env["property.approval.route"].search(
            [("model_name", "=", "property.evaluation")]
        ).active = False


class ProtectedFieldsChecks:
    """Checks of the house rule on workflow-owned fields (``property.protected.mixin``);
    mix into a test case."""

    def assertProtectedListing(self, module, expected):
        """The models of ``module`` protect exactly the fields of ``expected``
        (``{model: {field, ...}}``), and every model of the module with a state field is
        listed, so a new model or field cannot be forgotten."""
        names = set(
            self.env["ir.model.data"]
            .sudo()
            .search([("module", "=", module), ("model", "=", "ir.model")])
            .mapped("complete_name")
        )
        models_of_module = {
            model.model
            for model in self.env["ir.model"].sudo().search([])
            if model.get_external_id().get(model.id) in names
            and not self.env[model.model]._abstract
            and not self.env[model.model]._transient
        }
        self.assertTrue(models_of_module, f"no model found for {module}")
        for model_name in models_of_module:
            model = self.env[model_name]
            if "state" in model._fields and model._fields["state"].store:
                self.assertIn(model_name, expected, f"{model_name} has a state; list it")
        for model_name, fnames in expected.items():
            model = self.env[model_name]
            self.assertTrue(
                hasattr(model, "_protected_check_write"),
                f"{model_name} does not inherit property.protected.mixin",
            )
            own = self._module_field_names(module, model_name)
            self.assertEqual(self._protected_field_names(model) & own, set(fnames), model_name)

    def _module_field_names(self, module, model_name):
        """Fields of ``model_name`` that ``module`` defines (modules after it add their own)."""
        fields_data = (
            self.env["ir.model.data"]
            .sudo()
            .search([("module", "=", module), ("model", "=", "ir.model.fields")])
        )
        return set(
            self.env["ir.model.fields"]
            .sudo()
            .search([("id", "in", fields_data.mapped("res_id")), ("model", "=", model_name)])
            .mapped("name")
        )

    def _protected_field_names(self, model):
        """The fields the model guards: its ``_protected_fields`` and, for a model of the
        approval mixin, the state and approval fields the mixin guards itself."""
        names = set(model._protected_fields)
        if hasattr(model, "_approval_protected_fields"):
            names |= model._approval_protected_fields() | {model._approval_state_field}
        return names

    def assertDirectWriteRefused(self, record, values, users, allowed=None):
        """Each of ``users`` fails to write each field of ``values`` on ``record`` directly
        (``UserError`` of the mixin, or ``AccessError`` for a user without write access), and
        the field keeps its value. ``allowed``: values of an unprotected field that a user
        with write access does write (the positive control)."""
        writers = 0
        for user in users:
            record_as_user = record.with_user(user)
            for fname, value in values.items():
                before = record[fname]
                # AccessError (no write access at all) is a UserError too
                with self.assertRaises(UserError, msg=f"{user.login}: {fname}") as ctx:
                    record_as_user.write({fname: value})
                if not isinstance(ctx.exception, AccessError):
                    writers += 1
                    label = record._fields[fname]._description_string(self.env)
                    if fname == getattr(record, "_approval_state_field", None):
                        # the approval mixin names the state it refuses, not the field
                        label = record._description
                    self.assertIn(label, str(ctx.exception))
                record.invalidate_recordset()
                self.assertEqual(record[fname], before, f"{user.login} changed {fname}")
            if allowed is not None and record_as_user.has_access("write"):
                record_as_user.write(allowed)
        return writers
