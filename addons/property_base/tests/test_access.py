from odoo.tests import tagged

from .common import PropertyBaseCommon

USERS = ("plain", "staff", "head", "ga", "office", "gma", "gm", "admin")


def rights(*letters):
    """One "rwcu" string per user of USERS (read, write, create, unlink)."""
    return dict(zip(USERS, letters, strict=True))


#  plain  staff  head  general-affairs  office-director  gm-assistant  general-manager  admin
MATRIX = {
    "property.project": rights("", "r", "r", "rwc", "r", "r", "rwc", "rwcu"),
    "property.building": rights("", "r", "r", "rwcu", "r", "r", "rwcu", "rwcu"),
    "property.unit": rights("", "r", "r", "rwcu", "r", "r", "rwcu", "rwcu"),
    "property.occupancy": rights("", "r", "r", "rwc", "r", "r", "rwc", "rwcu"),
    "property.unit.generate.wizard": rights("", "", "", "rwcu", "", "", "rwcu", "rwcu"),
    "property.training": rights("", "r", "rwcu", "rwcu", "rwcu", "rwcu", "rwcu", "rwcu"),
    "property.training.attendee": rights("", "r", "rwcu", "rwcu", "rwcu", "rwcu", "rwcu", "rwcu"),
    "property.evaluation.template": rights("", "r", "r", "r", "r", "r", "r", "rwcu"),
    "property.evaluation.template.line": rights("", "r", "r", "r", "r", "r", "r", "rwcu"),
    "property.evaluation": rights("", "r", "rwcu", "r", "rwcu", "rwcu", "rwcu", "rwcu"),
    "property.evaluation.line": rights("", "r", "rwcu", "r", "rwcu", "rwcu", "rwcu", "rwcu"),
    "property.approval.route": rights("", "r", "r", "r", "r", "r", "r", "rwcu"),
    "property.approval.route.step": rights("", "r", "r", "r", "r", "r", "r", "rwcu"),
    "property.approval.line": rights("r", "r", "r", "r", "r", "r", "r", "r"),
    "property.approval.reject.wizard": rights(*["rwc"] * 8),
}
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}


@tagged("post_install", "-at_install")
class TestAccessMatrix(PropertyBaseCommon):
    """Every model of property_base, every role, every operation, asserted both ways."""

    def test_matrix_covers_every_model(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "property_base"), ("model", "=", "ir.model")]
        )
        models = self.env["ir.model"].browse(data.mapped("res_id"))
        ours = {m.model for m in models if not m.model.startswith(("res.", "hr."))}
        ours -= {"property.approval.mixin"}  # abstract
        self.assertEqual(ours, set(MATRIX))

    def test_access_matrix(self):
        users = {
            "plain": self.user_plain,
            "staff": self.user_staff,
            "head": self.user_department_head,
            "ga": self.user_general_affairs,
            "office": self.user_office_director,
            "gma": self.user_gm_assistant,
            "gm": self.user_general_manager,
            "admin": self.user_admin,
        }
        for model, expected in MATRIX.items():
            for key, allowed in expected.items():
                records = self.env[model].with_user(users[key])
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, user=key, operation=operation):
                        self.assertEqual(
                            records.has_access(operation),
                            letter in allowed,
                            f"{key} may{'' if letter in allowed else ' not'} {operation} {model}",
                        )
