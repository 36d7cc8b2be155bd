from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools import note_lang, person_lang


class PropertyApprovalMixin(models.AbstractModel):
    """Approval workflow along the approval routes an administrator configures.

    A model inherits this mixin, defines its state Selection (with at least the states named
    below) and a ``company_id`` field, and overrides the class attributes when its states differ:

    * ``_approval_state_field``: name of the state field (``"state"``);
    * ``_approval_state_from``: states from which the record may be submitted (``["draft"]``);
    * ``_approval_state_pending``: state while approvals run (``"to_approve"``);
    * ``_approval_state_to``: state after the final approval (``"approved"``);
    * ``_approval_state_rejected``: state after a rejection (``"draft"``);
    * ``_approval_allow_without_route``: approve at once when no route matches (``False``).

    Extension points: ``_approval_on_approved``, ``_approval_on_rejected`` and
    ``_approval_get_department``. ``_approval_submit(route)`` forces a given route and
    ``_approval_cancel()`` withdraws a running request (e.g. when the model resets to draft).

    Form snippet to paste into the model's form view::

        <header>
            <button name="action_approval_submit" type="object" string="Submit"
                    class="btn-primary" invisible="state != 'draft'"/>
            <button name="action_approval_approve" type="object" string="Approve"
                    class="btn-primary" invisible="not approval_can_approve"/>
            <button name="action_approval_reject" type="object" string="Reject"
                    invisible="not approval_can_approve"/>
            <field name="state" widget="statusbar"/>
        </header>
        ...
        <notebook>
            <page string="Approvals" name="approvals" invisible="not approval_line_ids">
                <group>
                    <field name="approval_requester_id"/>
                    <field name="approval_route_id"/>
                    <field name="approval_current_line_ids" widget="many2many_tags"
                           string="Waiting For"/>
                </group>
                <field name="approval_line_ids" readonly="1"
                       context="{'list_view_ref':
                                 'property_base.property_approval_line_view_list_history'}"/>
            </page>
        </notebook>
        <chatter/>
    """

    _name = "property.approval.mixin"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Approval Mixin"

    _approval_state_field = "state"
    _approval_state_from = ["draft"]
    _approval_state_pending = "to_approve"
    _approval_state_to = "approved"
    _approval_state_rejected = "draft"
    _approval_allow_without_route = False

    approval_line_ids = fields.One2many(
        "property.approval.line",
        "res_id",
        string="Approval History",
        domain=lambda self: [("res_model", "=", self._name)],
        copy=False,
        readonly=True,
    )
    approval_round = fields.Integer(copy=False, readonly=True)
    approval_route_id = fields.Many2one(
        "property.approval.route", string="Approval Route", copy=False, readonly=True
    )
    approval_requester_id = fields.Many2one(
        "res.users", string="Requested By", copy=False, readonly=True
    )
    approval_current_line_ids = fields.Many2many(
        "property.approval.line",
        compute="_compute_approval_current_line_ids",
        string="Current Approval Step",
    )
    approval_can_approve = fields.Boolean(compute="_compute_approval_can_approve")

    @api.depends("approval_line_ids.state")
    def _compute_approval_current_line_ids(self):
        lines = self.env["property.approval.line"].search(self._approval_lines_domain("pending"))
        by_record = defaultdict(list)
        for line in lines:
            by_record[line.res_id].append(line.id)
        for record in self:
            record.approval_current_line_ids = lines.browse(by_record[record.id])

    @api.depends_context("uid")
    @api.depends("approval_line_ids.state", "approval_line_ids.approver_user_ids")
    def _compute_approval_can_approve(self):
        lines = self._approval_lines("pending").filtered(
            lambda line: self.env.user in line.approver_user_ids
        )
        allowed = set(lines.mapped("res_id"))
        for record in self:
            record.approval_can_approve = record.id in allowed

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not records._approval_engine_writes():
            records._approval_check_created()
        return records

    def write(self, vals):
        leaving = self.browse()
        if not self._approval_engine_writes():
            self._approval_check_write_vals(vals)
            leaving = self._approval_leaving_pending(vals)
        result = super().write(vals)
        if leaving:
            leaving._approval_cancel()
            leaving._approval_log(
                lambda r: r.env._(
                    "Approval request withdrawn: the record left the approval state, so the "
                    "waiting approvals were cancelled."
                )
            )
        return result

    def _approval_leaving_pending(self, vals):
        """Records whose running request a direct state change (e.g. to draft) ends."""
        state_field = self._approval_state_field
        if state_field not in vals or vals[state_field] == self._approval_state_pending:
            return self.browse()
        return self.filtered(lambda r: r[state_field] == self._approval_state_pending)

    # Actions

    def action_approval_submit(self):
        self._approval_check_can_submit()
        self._approval_submit()
        return True

    def action_approval_approve(self):
        self._approval_check_can_approve()
        self._approval_approve()
        return True

    def action_approval_reject(self):
        self._approval_check_can_approve()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject"),
            "res_model": "property.approval.reject.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_ids": self.ids},
        }

    # Checks

    def _approval_check_can_submit(self):
        self.check_access("write")
        state_field = self._approval_state_field
        wrong = self.filtered(lambda r: r[state_field] not in self._approval_state_from)
        if wrong:
            raise UserError(
                self.env._(
                    "%(records)s cannot be submitted for approval in its current state.",
                    records=", ".join(wrong.mapped("display_name")),
                )
            )

    def _approval_check_can_approve(self):
        """Raise unless the current user approves the current step of every record."""
        self.check_access("read")
        pending = {line.res_id: line for line in self._approval_lines("pending")}
        for record in self:
            record._approval_check_line(pending.get(record.id))

    def _approval_check_line(self, line):
        self.ensure_one()
        user = self.env.user
        if not line:
            if self[self._approval_state_field] == self._approval_state_to:
                msg = self.env._("%(record)s is already approved.", record=self.display_name)
            else:
                msg = self.env._(
                    "%(record)s is not waiting for approval.", record=self.display_name
                )
            raise UserError(msg)
        if user == line.requester_id:
            raise UserError(
                self.env._(
                    "You cannot approve or reject your own request %(record)s.",
                    record=self.display_name,
                )
            )
        if user not in line.approver_user_ids:
            raise UserError(self._approval_wrong_approver_message(line))

    def _approval_wrong_approver_message(self, line):
        done = self._approval_lines("approved").filtered(
            lambda ln: ln.done_user_id == self.env.user and ln.approval_round == line.approval_round
        )
        if done:
            return self.env._(
                "You already approved %(record)s; it now waits for %(users)s (%(step)s).",
                record=self.display_name,
                users=", ".join(line.approver_user_ids.mapped("name")),
                step=line.name,
            )
        return self.env._(
            "Only %(users)s may approve or reject step %(step)s of %(record)s.",
            users=", ".join(line.approver_user_ids.mapped("name")),
            step=line.name,
            record=self.display_name,
        )

    # Guard: only the engine moves a record into or through its approval

    def _approval_protected_fields(self):
        return {"approval_round", "approval_route_id", "approval_requester_id", "approval_line_ids"}

    def _approval_engine_writes(self):
        """True inside the engine's own writes (superuser and the engine's context key).

        Both are needed: a context key alone can be sent over RPC, the superuser mode cannot.
        """
        return self.env.su and self.env.context.get("property_approval_engine")

    def _approval_check_write_vals(self, vals):
        protected = self._approval_protected_fields() & set(vals)
        if protected:
            raise UserError(
                self.env._(
                    "The approval fields (%(fields)s) of %(model)s are set by the approval "
                    "workflow only and cannot be changed directly.",
                    fields=", ".join(sorted(self._fields[f].string for f in protected)),
                    model=self._description,
                )
            )
        state_field = self._approval_state_field
        state = vals.get(state_field)
        engine_states = (self._approval_state_pending, self._approval_state_to)
        if state in engine_states and any(rec[state_field] != state for rec in self):
            raise UserError(self._approval_bypass_message(state))

    def _approval_check_created(self):
        state_field = self._approval_state_field
        engine_states = (self._approval_state_pending, self._approval_state_to)
        for record in self:
            if record[state_field] in engine_states:
                raise UserError(record._approval_bypass_message(record[state_field]))
            if any(record[fname] for fname in self._approval_protected_fields()):
                raise UserError(
                    self.env._(
                        "The approval fields of %(model)s are set by the approval workflow "
                        "only and cannot be given when creating a record.",
                        model=self._description,
                    )
                )

    def _approval_bypass_message(self, state):
        selection = dict(self._fields[self._approval_state_field]._description_selection(self.env))
        return self.env._(
            "%(model)s records cannot be set to %(state)s directly: submit them for approval "
            "and let the approvers decide.",
            model=self._description,
            state=selection.get(state, state),
        )

    # Business: submit

    def _approval_submit(self, route=None):
        """Start an approval round; ``route`` forces a route instead of the matching one."""
        if route:
            self._approval_check_route(route)
            routes = dict.fromkeys(self.ids, route)
        else:
            routes = self._approval_get_routes()
        without_route = self.filtered(lambda r: r.id not in routes)
        if without_route:
            without_route._approval_without_route()
        (self - without_route)._approval_start_round(routes)

    def _approval_get_routes(self):
        """Return ``{record id: route}``: the first active route matching each record."""
        Route = self.env["property.approval.route"].sudo()
        routes = Route.search([("model_name", "=", self._name)])
        result = {}
        remaining = self
        for route in routes:
            candidates = remaining.filtered(
                lambda r, route=route: not route.company_id or r.company_id == route.company_id
            )
            matched = route._filter_records(candidates) if candidates else candidates
            result.update(dict.fromkeys(matched.ids, route))
            remaining -= matched
        return result

    def _approval_check_route(self, route):
        route = route.sudo()
        if route.model_name != self._name:
            raise UserError(
                self.env._(
                    "The approval route %(route)s is for %(route_model)s, not for %(model)s.",
                    route=route.name,
                    route_model=route.model_id.name,
                    model=self._description,
                )
            )
        wrong = self.filtered(lambda r: route.company_id and r.company_id != route.company_id)
        if wrong:
            raise UserError(
                self.env._(
                    "The approval route %(route)s of company %(route_company)s cannot be used "
                    "for %(record)s of company %(company)s.",
                    route=route.name,
                    route_company=route.company_id.name,
                    record=wrong[0].display_name,
                    company=wrong[0].company_id.name,
                )
            )

    def _approval_without_route(self):
        if not self._approval_allow_without_route:
            raise UserError(
                self.env._(
                    "No approval route for %(model)s applies to %(records)s. Ask an administrator "
                    "to add one in Property > Configuration > Approval Routes.",
                    model=self._description,
                    records=", ".join(self.mapped("display_name")),
                )
            )
        self._approval_write_state(self._approval_state_to, approval_requester_id=self.env.uid)
        self._approval_log(lambda r: r.env._("Approved directly: no approval route applies."))
        self._approval_on_approved()

    def _approval_start_round(self, routes):
        if not self:
            return
        by_route = defaultdict(lambda: self.browse())
        for record in self:
            by_route[routes[record.id]] |= record
        vals_list = []
        for route, records in by_route.items():
            vals_list += records._approval_prepare_lines(route)
        for route, records in by_route.items():
            records._approval_write_state(
                self._approval_state_pending,
                approval_requester_id=self.env.uid,
                approval_route_id=route.id,
                approval_round_increment=True,
            )
        lines = self.env["property.approval.line"].sudo().create(vals_list)
        first = lines.filtered(lambda line: line.state == "pending")
        first._approval_schedule_activities()
        self._approval_invalidate()
        self._approval_log_lines(first, self._approval_submit_message)

    def _approval_submit_message(self, line):
        return line.env._(
            "Submitted for approval (round %(round)s, route %(route)s). "
            "Waiting for %(step)s: %(users)s.",
            round=line.approval_round,
            route=line.route_id.name,
            step=line.name,
            users=", ".join(line.approver_user_ids.mapped("name")),
        )

    def _approval_prepare_lines(self, route):
        """Return the values of the approval lines of these records along ``route``."""
        route = route.sudo()
        if not route.step_ids:
            raise UserError(
                self.env._("The approval route %(route)s has no steps.", route=route.name)
            )
        approvers = {step: step._get_approvers(self) for step in route.step_ids}
        vals_list = []
        for record in self.sudo():
            participants = self.env.user
            for step in route.step_ids:
                participants |= record._approval_require_approvers(step, approvers[step])
            for index, step in enumerate(route.step_ids, start=1):
                vals_list.append(record._approval_line_vals(step, index, approvers, participants))
        return vals_list

    def _approval_require_approvers(self, step, approvers):
        users = approvers[self.id]
        if not users:
            raise UserError(
                self.env._(
                    "Step %(step)s of approval route %(route)s finds no approver for %(record)s "
                    "(the requester cannot approve their own request).",
                    step=step.name,
                    route=step.route_id.name,
                    record=self.display_name,
                )
            )
        return users

    def _approval_line_vals(self, step, index, approvers, participants):
        return {
            "res_model": self._name,
            "res_id": self.id,
            "res_name": self.display_name,
            "company_id": self.company_id.id,
            "route_id": step.route_id.id,
            "step_id": step.id,
            "approval_round": self.approval_round + 1,
            "sequence": index,
            "name": step.name,
            "state": "pending" if index == 1 else "waiting",
            "requester_id": self.env.uid,
            "request_date": fields.Datetime.now(),
            "approver_user_ids": [Command.set(approvers[step][self.id].ids)],
            "participant_user_ids": [Command.set(participants.ids)],
        }

    def _approval_filter_approvers(self, users):
        """Keep the internal users of the record's company other than the requester.

        Called on submit, so the current user is the requester.
        """
        self.ensure_one()
        return users.filtered(
            lambda u: not u.share
            and u != self.env.user
            and (not self.company_id or self.company_id in u.company_ids)
        )

    # Business: approve, reject, cancel

    def _approval_approve(self):
        current = self._approval_lines("pending")
        current.write(self._approval_done_vals("approved"))
        self._approval_unlink_activities()
        following = self._approval_next_lines()
        following.write({"state": "pending"})
        following._approval_schedule_activities()
        next_by_record = {line.res_id: line for line in following}
        final = self.filtered(lambda r: r.id not in next_by_record)
        final._approval_write_state(self._approval_state_to)
        self._approval_invalidate()
        self._approval_log_lines(
            current,
            lambda line: self._approval_approve_message(line, next_by_record.get(line.res_id)),
        )
        final._approval_on_approved()

    def _approval_approve_message(self, line, next_line):
        if not next_line:
            return line.env._("Step %(step)s approved: final approval.", step=line.name)
        return line.env._(
            "Step %(step)s approved. Waiting for %(next)s: %(users)s.",
            step=line.name,
            next=next_line.with_env(line.env).name,
            users=", ".join(next_line.approver_user_ids.mapped("name")),
        )

    def _approval_reject(self, reason):
        """Reject the current step with ``reason`` and return the records to their draft state."""
        if not (reason or "").strip():
            raise UserError(self.env._("Give a reason to reject an approval request."))
        self._approval_check_can_approve()
        current = self._approval_lines("pending")
        current.write(dict(self._approval_done_vals("rejected"), reason=reason.strip()))
        self._approval_lines("waiting").write({"state": "cancelled"})
        self._approval_unlink_activities()
        self._approval_write_state(self._approval_state_rejected)
        self._approval_invalidate()
        self._approval_log_lines(
            current,
            lambda line: line.env._(
                "Step %(step)s rejected. Reason: %(reason)s", step=line.name, reason=line.reason
            ),
        )
        self._approval_notify_rejection(current)
        self._approval_on_rejected()
        return True

    def _approval_notify_rejection(self, lines):
        """Give each requester a to-do on the rejected record, with the reason, in one batch
        (in the requester's language)."""
        model_id = self.env["ir.model"]._get_id(self._name)
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        # no assignment e-mail per record (like the approvers' activities): it shows in the
        # requester's activities, and the reason is in the chatter
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": line.res_id,
                    "activity_type_id": todo.id if todo else False,
                    "summary": line.env._("Rejected: %(step)s", step=line.name),
                    "note": line.reason,
                    "user_id": line.requester_id.id,
                    "date_deadline": fields.Date.context_today(self),
                }
                for line in (
                    ln.with_context(lang=person_lang(ln.requester_id))
                    for ln in lines
                    if ln.requester_id
                )
            ]
        )

    def _approval_cancel(self):
        """Withdraw the running approval requests (the caller sets the state)."""
        self._approval_lines("pending", "waiting").write({"state": "cancelled"})
        self._approval_unlink_activities()
        self._approval_invalidate()

    def _approval_done_vals(self, state):
        return {"state": state, "done_user_id": self.env.uid, "done_date": fields.Datetime.now()}

    # Helpers

    def _approval_lines_domain(self, *states):
        return [("res_model", "=", self._name), ("res_id", "in", self.ids), ("state", "in", states)]

    def _approval_lines(self, *states):
        """Return the approval lines (sudo) of these records in the given states."""
        if not self.ids:
            return self.env["property.approval.line"]
        Line = self.env["property.approval.line"].sudo()
        return Line.search(self._approval_lines_domain(*states))

    def _approval_invalidate(self):
        """Forget the cached approval fields, the lines having changed behind the ORM's back."""
        self.invalidate_recordset(
            ["approval_line_ids", "approval_current_line_ids", "approval_can_approve"]
        )

    def _approval_next_lines(self):
        """Return, for each record, its first waiting line of the current round."""
        following = {}
        for line in self._approval_lines("waiting").sorted("sequence", reverse=True):
            following[line.res_id] = line
        return self.env["property.approval.line"].sudo().union(*following.values())

    def _approval_write_state(self, state, approval_round_increment=False, **vals):
        """The engine's only write of the state and approval fields (see ``write``)."""
        vals[self._approval_state_field] = state
        records = self.sudo().with_context(property_approval_engine=True)
        if not approval_round_increment:
            records.write(vals)
            return
        for approval_round in set(records.mapped("approval_round")):
            same = records.filtered(lambda r, n=approval_round: r.approval_round == n)
            same.write(dict(vals, approval_round=approval_round + 1))

    def _approval_unlink_activities(self):
        activity_type = self.env["property.approval.line"]._approval_activity_type()
        self.env["mail.activity"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        ).unlink()

    def _approval_log_lines(self, lines, message):
        """Log ``message(line)`` in the chatter of each line's record; ``line`` comes in the
        language of the note (``line.env._``), see ``tools.note_lang``."""
        bodies = {
            line.res_id: Markup("<p>%s</p>")
            % message(line.with_context(lang=note_lang(self.browse(line.res_id))))
            for line in lines
        }
        self.browse(list(bodies))._message_log_batch(bodies)

    def _approval_log(self, message):
        """Log ``message(record)``, ``record`` in the language of the note, on each record."""
        bodies = {
            record.id: Markup("<p>%s</p>") % message(record.with_context(lang=note_lang(record)))
            for record in self
        }
        self._message_log_batch(bodies)

    def _approval_demo_act(self, user_xmlid, action):
        """Demo data only: ``action`` ("submit" or "approve") as the user ``user_xmlid``.

        Data files run as the superuser; demo requests go through the engine like real ones,
        with the demo user's access rights, so that their history and "My Approvals" are real.
        """
        methods = {"submit": "action_approval_submit", "approve": "action_approval_approve"}
        user = self.env.ref(user_xmlid)
        getattr(self.with_user(user), methods[action])()
        return True

    # Hooks

    def _approval_on_approved(self):
        """Hook: called once on the records that just received their final approval."""

    def _approval_on_rejected(self):
        """Hook: called on the records that were just rejected."""

    def _approval_get_department(self):
        """Hook: the hr.department whose manager approves a "department head" step.

        Default: the department of the requester's employee in the record's company; when the
        requester heads it, the parent department. Called on submit, so the current user is
        the requester.
        """
        self.ensure_one()
        user = self.env.user.sudo()
        employee = user.employee_ids.filtered(lambda e: e.company_id == self.company_id)[:1]
        department = employee.department_id
        while department and department.manager_id.user_id == user:
            department = department.parent_id
        return department
