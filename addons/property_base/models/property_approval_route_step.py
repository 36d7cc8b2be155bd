from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyApprovalRouteStep(models.Model):
    """One step of an approval route and who may approve it."""

    _name = "property.approval.route.step"
    _description = "Approval Route Step"
    _order = "route_id, sequence, id"

    route_id = fields.Many2one(
        "property.approval.route", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="route_id.company_id", store=True, index=True)
    model_id = fields.Many2one(related="route_id.model_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    approver_type = fields.Selection(
        [
            ("group", "Group"),
            ("users", "Named Users"),
            ("department_head", "Requester's Department Head"),
            ("field", "User Field on the Record"),
        ],
        string="Approvers",
        required=True,
        default="group",
    )
    group_id = fields.Many2one("res.groups", string="Approver Group", ondelete="restrict")
    user_ids = fields.Many2many("res.users", string="Approver Users")
    user_field_id = fields.Many2one(
        "ir.model.fields",
        string="User Field",
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('relation', '=', 'res.users'),"
        " ('ttype', 'in', ('many2one', 'many2many'))]",
    )

    @api.constrains("approver_type", "group_id", "user_ids", "user_field_id")
    def _check_approvers(self):
        for step in self:
            if not step._has_approvers():
                raise ValidationError(
                    self.env._(
                        "Step %(step)s of route %(route)s has no approvers: "
                        "set the group, the users or the user field.",
                        step=step.name,
                        route=step.route_id.name,
                    )
                )
            field = step.user_field_id
            if field and (
                field.model_id != step.route_id.model_id or field.relation != "res.users"
            ):
                raise ValidationError(
                    self.env._(
                        "The field %(field)s of step %(step)s must be a user field of %(model)s.",
                        field=field.field_description,
                        step=step.name,
                        model=step.route_id.model_id.name,
                    )
                )

    def _has_approvers(self):
        self.ensure_one()
        return {
            "group": bool(self.group_id),
            "users": bool(self.user_ids),
            "department_head": True,
            "field": bool(self.user_field_id),
        }[self.approver_type]

    def _get_approvers(self, records):
        """Return ``{record id: res.users}``: who approves this step for each record.

        The requester is never an approver of their own request.
        """
        self.ensure_one()
        getter = getattr(self, f"_get_approvers_{self.approver_type}")
        records = records.sudo()
        approvers = getter(records)
        return {rec.id: rec._approval_filter_approvers(approvers[rec.id]) for rec in records}

    def _get_approvers_group(self, records):
        return dict.fromkeys(records.ids, self.group_id.sudo().users)

    def _get_approvers_users(self, records):
        return dict.fromkeys(records.ids, self.user_ids.sudo())

    def _get_approvers_department_head(self, records):
        return {rec.id: rec._approval_get_department().manager_id.user_id for rec in records}

    def _get_approvers_field(self, records):
        fname = self.user_field_id.name
        return {rec.id: rec[fname] for rec in records}
