from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.property_base.tools import note_lang, person_lang

from .tools import check_no_password

REQUEST_TYPES = [
    ("fault", "Fault Report"),
    ("software", "Software Install/Uninstall"),
    ("share", "Resource Sharing"),
    ("outsider", "Outsider Use"),
    ("media", "External Media Exchange"),
    ("access", "Internet/E-mail/Download Access"),
    ("antivirus", "Antivirus Problem"),
]
# handled by the IT administrators without approval
DIRECT_TYPES = ("fault", "media", "antivirus")
TEXT_FIELDS = (
    "description",
    "fault_operation",
    "fault_symptom",
    "fault_message",
    "software_name",
    "software_licence",
    "share_resource",
    "outsider_name",
    "outsider_purpose",
    "media_description",
    "resolution",
)
ACCESS_REMINDER_DAYS = 7


class PropertyItRequest(models.Model):
    """An IT request (IT-2, IT-4 to IT-9): fault reports, software, sharing, outsider use,
    external media and internet access, each with its approval path."""

    _name = "property.it.request"
    _description = "IT Request"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # the approval fields: guarded by the approval mixin
    _protected_fields = (
        "state",
        "user_id",
        "virus_check_result",
        "virus_check_user_id",
        "virus_check_date",
        "done_user_id",
        "done_date",
        "antivirus_problem",
        "access_reminded",
    )

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    request_type = fields.Selection(
        REQUEST_TYPES, string="Type", required=True, default="fault", tracking=True, index=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("open", "With IT"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
        group_expand=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requester",
        default=lambda self: self.env.user,
        required=True,
        index=True,
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index=True,
        check_company=True,
    )
    computer_id = fields.Many2one(
        "maintenance.equipment",
        string="Computer",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('it_computer', '=', True)]",
    )
    description = fields.Text()
    # IT-2 fault report
    fault_operation = fields.Text(string="Operation Being Done")
    fault_symptom = fields.Text(string="Symptom")
    fault_message = fields.Text(string="On-screen Message")
    # IT-5 software
    software_operation = fields.Selection(
        [("install", "Install"), ("uninstall", "Uninstall")], default="install"
    )
    software_name = fields.Char(string="Software")
    software_version = fields.Char()
    software_licence = fields.Char(string="Licence")
    software_external = fields.Boolean(
        string="External Software", help="Software brought from outside the company."
    )
    # IT-5, IT-8 virus check
    virus_check_result = fields.Selection(
        [("clean", "No Virus Found"), ("infected", "Virus Found")],
        readonly=True,
        copy=False,
        tracking=True,
    )
    virus_check_user_id = fields.Many2one(
        "res.users", string="Virus Checked By", readonly=True, copy=False
    )
    virus_check_date = fields.Datetime(string="Virus Checked On", readonly=True, copy=False)
    # IT-6 sharing
    share_department_id = fields.Many2one(
        "hr.department", string="Owning Department", check_company=True
    )
    share_resource = fields.Char(string="Shared Resource")
    share_password_protected = fields.Boolean(
        string="Protected by a Password",
        help="The share is protected by a password set on the share itself. The password is "
        "never written here.",
    )
    # IT-7 outsider use
    outsider_name = fields.Char(string="Outsider")
    outsider_purpose = fields.Char(string="Purpose")
    use_start = fields.Datetime(string="Use From")
    use_end = fields.Datetime(string="Use Until")
    # IT-8 external media
    media_description = fields.Char(string="External Media")
    # IT-9 internet/e-mail/download access
    access_kind = fields.Selection(
        [("internet", "Internet"), ("email", "E-mail"), ("download", "Download")],
        string="Access",
    )
    access_expiry = fields.Date(string="Access Expires On")
    access_reminded = fields.Boolean(string="Expiry Reminder Sent", readonly=True, copy=False)
    # IT-4 antivirus
    antivirus_problem = fields.Selection(
        [("expired", "Expired or Missing"), ("unmonitored", "Not Monitoring")],
        readonly=True,
        copy=False,
    )
    # outcome
    resolution = fields.Text()
    done_user_id = fields.Many2one("res.users", string="Done By", readonly=True, copy=False)
    done_date = fields.Datetime(string="Done On", readonly=True, copy=False)

    # Computes and constraints

    @api.depends("user_id")
    def _compute_department_id(self):
        for request in self:
            employee = request.user_id.sudo().employee_ids.filtered(
                lambda e, r=request: e.company_id == r.company_id
            )[:1]
            request.department_id = employee.department_id or request.department_id

    @api.constrains(*TEXT_FIELDS)
    def _check_no_password(self):
        check_no_password(self, TEXT_FIELDS)

    @api.constrains("use_start", "use_end")
    def _check_use_period(self):
        for request in self:
            if request.use_start and request.use_end and request.use_end <= request.use_start:
                raise ValidationError(
                    self.env._(
                        "%(ref)s: the end of the outsider's use must be after its start.",
                        ref=request.name,
                    )
                )

    @api.constrains("request_type", "access_kind", "access_expiry")
    def _check_access_expiry(self):
        for request in self.filtered(lambda r: r.request_type == "access"):
            if not request.access_expiry:
                raise ValidationError(
                    self.env._(
                        "An internet, e-mail or download access needs an expiry date (%(ref)s).",
                        ref=request.name,
                    )
                )

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        if not requests:
            return requests
        # one reference per request from its id, in one query whatever the batch size (the
        # antivirus cron opens thousands at once)
        self.env.cr.execute(
            "UPDATE property_it_request SET name = 'IT' || lpad(id::text, 6, '0') WHERE id IN %s",
            [tuple(requests.ids)],
        )
        requests.invalidate_recordset(["name"])
        return requests

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._(
                    "Only draft IT requests can be deleted; cancel a submitted request instead."
                )
            )

    # Actions

    def action_approval_submit(self):
        self._check_complete()
        direct = self.filtered(lambda r: r.request_type in DIRECT_TYPES)
        if direct:
            direct._approval_check_can_submit()
            direct._protected_write({"state": "open"})
            direct._it_log(lambda r: r.env._("Submitted to the IT administrators."))
        if self - direct:
            super(PropertyItRequest, self - direct).action_approval_submit()
        return True

    def action_approval_approve(self):
        self._check_virus_before_it_step()
        return super().action_approval_approve()

    def action_virus_clean(self):
        return self._record_virus_check("clean")

    def action_virus_infected(self):
        return self._record_virus_check("infected")

    def action_done(self):
        self._check_it_admin()
        self._check_can_be_done()
        software = self.filtered(lambda r: r.request_type == "software")
        software._update_software_register()
        self._protected_write(
            {"state": "done", "done_user_id": self.env.uid, "done_date": fields.Datetime.now()}
        )
        self._it_log(lambda r: r.env._("Done by %(user)s.", user=r.env.user.name))
        return True

    def action_cancel(self):
        wrong = self.filtered(lambda r: r.state in ("done", "cancelled"))
        if wrong:
            raise UserError(
                self.env._(
                    "%(records)s is already done or cancelled.",
                    records=", ".join(wrong.mapped("name")),
                )
            )
        self._check_requester_or_it_admin()
        self._protected_write({"state": "cancelled"})
        self._it_log(lambda r: r.env._("Cancelled by %(user)s.", user=r.env.user.name))
        return True

    # Checks

    def _is_it_admin(self):
        return self.env.user.has_group("property_it.group_it_admin")

    def _check_it_admin(self):
        if not self._is_it_admin():
            raise UserError(
                self.env._("Only an IT administrator can record this on an IT request.")
            )

    def _check_requester_or_it_admin(self):
        if not self._is_it_admin() and self.filtered(lambda r: r.user_id != self.env.user):
            raise UserError(
                self.env._("Only the requester or an IT administrator can cancel an IT request.")
            )

    def _check_complete(self):
        """The fields each type of request needs before it is submitted (IT-2, IT-5 to IT-9)."""
        for request in self:
            missing = [
                request._fields[fname]._description_string(self.env)
                for fname in request._required_fields()
                if not request[fname]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "%(ref)s cannot be submitted without: %(fields)s.",
                        ref=request.name,
                        fields="、".join(missing),
                    )
                )
            request._check_type_rules()

    def _required_fields(self):
        return {
            "fault": ["fault_operation", "fault_symptom", "fault_message"],
            "software": ["computer_id", "software_operation", "software_name"],
            "share": ["share_department_id", "share_resource"],
            "outsider": ["outsider_name", "outsider_purpose", "use_start", "use_end"],
            "media": ["media_description"],
            "access": ["access_kind", "access_expiry"],
            "antivirus": ["computer_id"],
        }[self.request_type]

    def _check_type_rules(self):
        self.ensure_one()
        if self.request_type == "share" and not self.share_password_protected:
            raise UserError(
                self.env._(
                    "%(ref)s: a shared resource must be protected by a password set on the "
                    "share (never write the password here); confirm it before submitting.",
                    ref=self.name,
                )
            )
        if self.request_type == "access" and self.access_expiry < fields.Date.context_today(self):
            raise UserError(
                self.env._("%(ref)s: the access expiry date is already past.", ref=self.name)
            )

    def _check_virus_before_it_step(self):
        """IT-5: external software is virus-checked before the IT administrator's step."""
        it_group = self.env.ref("property_it.group_it_admin")
        pending = {line.res_id: line for line in self._approval_lines("pending")}
        for request in self.filtered(lambda r: r.software_external):
            line = pending.get(request.id)
            if (
                line
                and line.step_id.group_id == it_group
                and (request.virus_check_result != "clean")
            ):
                raise UserError(
                    self.env._(
                        "%(ref)s installs external software: record a virus check without "
                        "virus found before the IT administrator's approval.",
                        ref=request.name,
                    )
                )

    def _check_can_be_done(self):
        for request in self:
            allowed = "open" if request.request_type in DIRECT_TYPES else "approved"
            if request.state != allowed:
                raise UserError(
                    self.env._(
                        "%(ref)s cannot be marked done in its current state.", ref=request.name
                    )
                )
            if request.request_type == "media" and request.virus_check_result != "clean":
                raise UserError(
                    self.env._(
                        "%(ref)s: record a virus check of the external media without virus "
                        "found before its data is accessed.",
                        ref=request.name,
                    )
                )
            if request.request_type == "software" and request.virus_check_result == "infected":
                raise UserError(
                    self.env._(
                        "%(ref)s: a virus was found in the software; it cannot be installed.",
                        ref=request.name,
                    )
                )

    # Business

    def _record_virus_check(self, result):
        self._check_it_admin()
        wrong = self.filtered(
            lambda r: r.request_type not in ("software", "media")
            or r.state in ("done", "cancelled")
        )
        if wrong:
            raise UserError(
                self.env._(
                    "A virus check is recorded on open software or external media requests "
                    "only (%(refs)s).",
                    refs=", ".join(wrong.mapped("name")),
                )
            )
        self._protected_write(
            {
                "virus_check_result": result,
                "virus_check_user_id": self.env.uid,
                "virus_check_date": fields.Datetime.now(),
            }
        )
        return True

    def _update_software_register(self):
        """IT-5: the approved installs and uninstalls change the computers' registers, in a
        fixed number of queries whatever the number of requests."""
        Software = self.env["property.it.software"].sudo()
        today = fields.Date.context_today(self)
        installs = self.filtered(lambda r: r.software_operation == "install")
        Software.create(
            [
                {
                    "computer_id": r.computer_id.id,
                    "name": r.software_name,
                    "version": r.software_version,
                    "licence": r.software_licence,
                    "install_date": today,
                    "request_id": r.id,
                }
                for r in installs
            ]
        )
        uninstalls = self - installs
        if not uninstalls:
            return
        lines = Software.search(
            [
                ("computer_id", "in", uninstalls.computer_id.ids),
                ("state", "=", "installed"),
            ]
        )
        by_key = {(line.computer_id.id, line.name.strip().lower()): line for line in lines}
        removed = Software
        for request in uninstalls:
            line = by_key.get((request.computer_id.id, request.software_name.strip().lower()))
            if not line:
                raise UserError(
                    self.env._(
                        "%(ref)s: %(software)s is not in the register of %(computer)s.",
                        ref=request.name,
                        software=request.software_name,
                        computer=request.computer_id.name,
                    )
                )
            removed |= line
        removed.write({"state": "removed", "removed_date": today})
        # the uninstall request of each line, by one UPDATE
        self.env.cr.execute(
            "UPDATE property_it_software s SET removal_request_id = r.id "
            "FROM property_it_request r WHERE s.id IN %s AND r.id IN %s "
            "AND r.computer_id = s.computer_id "
            "AND lower(trim(r.software_name)) = lower(trim(s.name))",
            [tuple(removed.ids), tuple(uninstalls.ids)],
        )
        removed.invalidate_recordset(["removal_request_id"])

    def _it_log(self, message):
        """Log ``message(record)`` in the language of the note on each request, in one batch;
        the text is translated once per language, not once per request."""
        texts = {}
        bodies = {}
        for record in self:
            lang = note_lang(record)
            if lang not in texts:
                texts[lang] = Markup("<p>%s</p>") % message(record.with_context(lang=lang))
            bodies[record.id] = texts[lang]
        self._message_log_batch(bodies)

    # Approval hooks

    def _approval_get_department(self):
        """IT-6: the owning department's head approves a share of its resources."""
        self.ensure_one()
        if self.request_type == "share":
            return self.share_department_id
        return super()._approval_get_department()

    # Crons

    @api.model
    def _cron_antivirus(self):
        """IT-4: one request per computer and antivirus problem, while it is not done."""
        today = fields.Date.context_today(self)
        Computer = self.env["maintenance.equipment"].sudo()
        computers = Computer.search(Computer._it_antivirus_problem_domain(today))
        if not computers:
            return
        open_requests = self.sudo().search_read(
            [
                ("request_type", "=", "antivirus"),
                ("computer_id", "in", computers.ids),
                ("state", "not in", ("done", "cancelled")),
            ],
            ["computer_id", "antivirus_problem"],
            load=None,
        )
        known = {(r["computer_id"], r["antivirus_problem"]) for r in open_requests}
        vals_list = [
            {
                "request_type": "antivirus",
                "computer_id": computer.id,
                "company_id": computer.company_id.id or self.env.company.id,
                "antivirus_problem": problem,
                "state": "open",
                "user_id": self.env.uid,
                "department_id": computer.it_department_id.id,
            }
            for computer in computers
            for problem in computer._it_antivirus_problems(today)
            if (computer.id, problem) not in known
        ]
        self.sudo().with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        ).create(vals_list)

    @api.model
    def _cron_access_reminder(self):
        """IT-9: remind the requester a week before an access expires, once."""
        today = fields.Date.context_today(self)
        requests = self.sudo().search(
            [
                ("request_type", "=", "access"),
                ("state", "=", "done"),
                ("access_reminded", "=", False),
                ("access_expiry", "<=", today + timedelta(days=ACCESS_REMINDER_DAYS)),
            ]
        )
        if not requests:
            return
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": request.id,
                    "activity_type_id": todo.id if todo else False,
                    "summary": request._reminder_summary(),
                    "user_id": request.user_id.id,
                    "date_deadline": request.access_expiry,
                }
                for request in requests
            ]
        )
        requests._protected_write({"access_reminded": True})

    def _reminder_summary(self):
        request = self.with_context(lang=person_lang(self.user_id))
        return request.env._(
            "Access %(ref)s expires on %(date)s: ask for a new one if you still need it.",
            ref=request.name,
            date=request.access_expiry,
        )
