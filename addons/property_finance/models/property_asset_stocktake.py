from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

ACCOUNTANT = "property_finance.group_finance_accountant"


class PropertyAssetStocktake(models.Model):
    """固定资产清查 (FIN-4, 第十一条): the count of the fixed assets expected at a location
    (a project, or one of its buildings). The counter marks each asset found, missing or
    damaged (by scanning its QR label or by hand), signs and submits; the finance manager
    approves (never the counter), and the approval produces the adjustments: the write-off
    of the missing assets, the impairment or the repair of the damaged ones."""

    _name = "property.asset.stocktake"
    _description = "Fixed Asset Stocktake"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _approval_state_from = ["counting"]
    _approval_state_to = "done"
    _approval_state_rejected = "counting"
    _protected_fields = (
        "state",
        "counter_signature",
        "counter_signed_date",
        "approver_id",
        "approved_date",
    )

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    property_project_id = fields.Many2one(
        "property.project", string="Project", required=True, index=True, check_company=True
    )
    building_id = fields.Many2one(
        "property.building",
        string="Building",
        index=True,
        domain="[('project_id', '=', property_project_id)]",
        help="Empty: every asset of the project.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    counter_id = fields.Many2one(
        "res.users",
        string="Counter",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Who counts the assets and signs the report; never its approver.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("counting", "Counting"),
            ("to_approve", "Waiting for Approval"),
            ("done", "Approved"),
            ("cancel", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    line_ids = fields.One2many("property.asset.stocktake.line", "stocktake_id", string="Assets")
    scan_code = fields.Char(
        string="Scan Asset Code", copy=False, help="Scan or type the code of an asset's QR label."
    )
    note = fields.Text()
    counter_signature = fields.Image(
        string="Counter's Signature", copy=False, max_width=600, max_height=300, attachment=True
    )
    counter_signed_date = fields.Datetime(string="Signed On", readonly=True, copy=False)
    approver_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_date = fields.Datetime(string="Approved On", readonly=True, copy=False)
    count_expected = fields.Integer(string="Expected", compute="_compute_counts")
    count_found = fields.Integer(string="Found", compute="_compute_counts")
    count_missing = fields.Integer(string="Missing", compute="_compute_counts")
    count_damaged = fields.Integer(string="Damaged", compute="_compute_counts")
    count_pending = fields.Integer(string="Not Counted", compute="_compute_counts")

    @api.depends("line_ids.result")
    def _compute_counts(self):
        for stocktake in self:
            results = stocktake.line_ids.mapped("result")
            stocktake.count_expected = len(results)
            stocktake.count_found = results.count("found")
            stocktake.count_missing = results.count("missing")
            stocktake.count_damaged = results.count("damaged")
            stocktake.count_pending = results.count(False)

    @api.onchange("property_project_id")
    def _onchange_property_project_id(self):
        if self.building_id.project_id != self.property_project_id:
            self.building_id = False

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = vals.get("company_id") or self.env.company.id
                vals["name"] = (
                    sequence.with_company(company).next_by_code("property.asset.stocktake") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        terms = {"company_id", "property_project_id", "building_id", "counter_id", "date"}
        if (
            not self.env.su
            and terms.intersection(vals)
            and self.filtered(lambda r: r.state != "draft")
        ):
            raise UserError(
                self.env._(
                    "The location, date and counter of a started stocktake cannot be changed."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._("Started stocktakes are kept as records; they cannot be deleted.")
            )

    # Actions

    def action_start(self):
        """List the expected assets of the location, one line each, and start counting."""
        self._check_accountant()
        self._check_state("draft", self.env._("Only a draft stocktake is started."))
        self._do_start()
        return True

    def action_scan_code(self):
        """The form's scan button: mark the asset of the typed or scanned code as found."""
        self.ensure_one()
        code, self.scan_code = self.scan_code, False
        self.action_scan(code)
        return True

    def action_scan(self, code):
        """Mark the asset of ``code`` found (its QR label was scanned); return its line."""
        self.ensure_one()
        self._check_can_count()
        line = self._scan_line(code)
        if line.result != "found":
            self._unsign()
        line._protected_write({"result": "found", "scanned": True})
        return line

    def action_open_sign_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign the Stocktake"),
            "res_model": "property.asset.stocktake.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_stocktake_id": self.id},
        }

    def action_sign(self, signature):
        """The counter signs the count (the signature is printed on the report)."""
        self.ensure_one()
        self._check_can_count()
        if self.env.user != self.counter_id:
            raise UserError(
                self.env._(
                    "Only the counter %(user)s signs stocktake %(stocktake)s.",
                    user=self.counter_id.name,
                    stocktake=self.name,
                )
            )
        if not signature:
            raise UserError(self.env._("Draw your signature to sign the stocktake."))
        self._protected_write(
            {"counter_signature": signature, "counter_signed_date": fields.Datetime.now()}
        )
        return True

    def action_cancel(self):
        self._check_accountant()
        self._check_state(
            ("draft", "counting"), self.env._("Only a draft or counting stocktake is cancelled.")
        )
        self._protected_write({"state": "cancel"})
        return True

    def action_print(self):
        return self.env.ref("property_finance.action_report_asset_stocktake").report_action(self)

    # Checks

    def _check_accountant(self):
        if not self.env.su and not self.env.user.has_group(ACCOUNTANT):
            raise AccessError(self.env._("Only an accountant runs fixed asset stocktakes."))
        self.check_access("write")

    def _check_state(self, states, message):
        states = (states,) if isinstance(states, str) else states
        if self.filtered(lambda r: r.state not in states):
            raise UserError(message)

    def _check_can_count(self):
        self._check_accountant()
        self._check_state("counting", self.env._("Assets are counted only while counting."))

    def _approval_check_can_submit(self):
        result = super()._approval_check_can_submit()
        self._check_accountant()
        for stocktake in self:
            stocktake.line_ids._check_complete()
            if not stocktake.counter_signature:
                raise UserError(
                    self.env._(
                        "The counter %(user)s signs stocktake %(stocktake)s before it is "
                        "submitted.",
                        user=stocktake.counter_id.name,
                        stocktake=stocktake.name,
                    )
                )
        return result

    def _approval_check_line(self, line):
        """The counter never approves their own count (separation of duties)."""
        self.ensure_one()
        if line and self.env.user == self.counter_id:
            raise UserError(
                self.env._(
                    "%(user)s counted stocktake %(stocktake)s and cannot approve or reject "
                    "their own count.",
                    user=self.env.user.name,
                    stocktake=self.name,
                )
            )
        return super()._approval_check_line(line)

    def _approval_filter_approvers(self, users):
        return super()._approval_filter_approvers(users) - self.counter_id

    # Business

    def _expected_assets_domain(self):
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("property_project_id", "=", self.property_project_id.id),
            ("state", "in", ("open", "close")),
        ]
        if self.building_id:
            domain.append(("building_id", "=", self.building_id.id))
        return domain

    def _do_start(self):
        Asset = self.env["account.asset"].sudo()
        vals_list = []
        for stocktake in self:
            assets = Asset.search(stocktake._expected_assets_domain(), order="code, id")
            if not assets:
                raise UserError(
                    self.env._(
                        "No running asset is registered at %(location)s: nothing to count.",
                        location=stocktake._location_name(),
                    )
                )
            vals_list += [
                {
                    "stocktake_id": stocktake.id,
                    "asset_id": asset.id,
                    "expected_custodian_id": asset.custodian_id.id,
                    "book_value": asset.value_residual,
                }
                for asset in assets
            ]
        self.env["property.asset.stocktake.line"].sudo().create(vals_list)
        self._protected_write({"state": "counting"})

    def _unsign(self):
        """A count changed after its counter signed it is signed again."""
        signed = self.filtered("counter_signature")
        if signed:
            signed._protected_write({"counter_signature": False, "counter_signed_date": False})
            signed._approval_log(
                lambda r: r.env._("The count changed after it was signed: sign it again.")
            )

    def _location_name(self):
        self.ensure_one()
        if self.building_id:
            return self.building_id.with_context(short_name=False).display_name
        return self.property_project_id.display_name

    def _scan_line(self, code):
        code = (code or "").strip()
        if not code:
            raise UserError(self.env._("Scan or type an asset code."))
        line = self.line_ids.filtered(lambda ln: (ln.asset_id.code or "").lower() == code.lower())
        if line:
            return line[:1]
        asset = (
            self.env["account.asset"]
            .sudo()
            .search([("code", "=ilike", code), ("company_id", "=", self.company_id.id)], limit=1)
        )
        if not asset:
            raise UserError(self.env._("No asset of the company has code %(code)s.", code=code))
        raise UserError(
            self.env._(
                "Asset %(asset)s is registered at %(location)s, not at %(here)s: correct its "
                "location in the asset register before counting it here.",
                asset=asset.display_name,
                location=asset.building_id.display_name
                or asset.property_project_id.display_name
                or self.env._("no location"),
                here=self._location_name(),
            )
        )

    def _approval_on_approved(self):
        """The approved result: stamp the approver, then write off the missing assets and
        impair or send to repair the damaged ones."""
        self._protected_write({"approver_id": self.env.uid, "approved_date": fields.Datetime.now()})
        for stocktake in self:
            stocktake.line_ids._do_adjust()
            stocktake.message_post(
                body=self.env._(
                    "Stocktake approved: %(found)s found, %(missing)s missing (written off), "
                    "%(damaged)s damaged.",
                    found=stocktake.count_found,
                    missing=stocktake.count_missing,
                    damaged=stocktake.count_damaged,
                )
            )
