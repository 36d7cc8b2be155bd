from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

# a change of these after the counter signed voids the signature
COUNT_FIELDS = {"result", "damage_action", "impairment_amount"}


class PropertyAssetStocktakeLine(models.Model):
    """One expected asset of a stocktake [固定资产清查] and what the counter found: the
    asset found, missing or damaged (with a note and a photo), and, once the stocktake is
    approved, the adjustment it produced (write-off entry, impairment entry or repair
    activity)."""

    _name = "property.asset.stocktake.line"
    _description = "Fixed Asset Stocktake Line"
    _inherit = ["property.protected.mixin"]
    _order = "stocktake_id, asset_code, id"
    _protected_fields = (
        "stocktake_id",
        "asset_id",
        "expected_custodian_id",
        "book_value",
        "scanned",
        "removal_move_id",
        "impairment_move_id",
        "repair_activity_id",
    )

    stocktake_id = fields.Many2one(
        "property.asset.stocktake", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="stocktake_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    property_project_id = fields.Many2one(
        related="stocktake_id.property_project_id", store=True, index=True, string="Project"
    )
    stocktake_state = fields.Selection(
        related="stocktake_id.state", store=True, string="Stocktake Status"
    )
    stocktake_date = fields.Date(related="stocktake_id.date", store=True)
    asset_id = fields.Many2one("account.asset", required=True, index=True, readonly=True)
    asset_code = fields.Char(related="asset_id.code", store=True, string="Asset Code")
    building_id = fields.Many2one(related="asset_id.building_id", string="Building")
    expected_custodian_id = fields.Many2one(
        "hr.employee", string="Expected Custodian", readonly=True
    )
    book_value = fields.Monetary(
        readonly=True, help="The asset's residual value when the count started."
    )
    result = fields.Selection(
        [("found", "Found"), ("missing", "Missing"), ("damaged", "Damaged")],
        index=True,
        help="Empty: not counted yet.",
    )
    scanned = fields.Boolean(readonly=True, help="Found by scanning the asset's QR label.")
    note = fields.Char()
    photo = fields.Image(max_width=1024, max_height=1024, attachment=True)
    damage_action = fields.Selection(
        [("repair", "Repair"), ("impairment", "Impairment")],
        string="Damage Treatment",
        help="Repair: an activity asks the custodian to have it repaired. Impairment: an "
        "impairment entry of the amount below is posted.",
    )
    impairment_amount = fields.Monetary()
    removal_move_id = fields.Many2one(
        "account.move", string="Write-off Entry", readonly=True, copy=False
    )
    impairment_move_id = fields.Many2one(
        "account.move", string="Impairment Entry", readonly=True, copy=False
    )
    repair_activity_id = fields.Many2one(
        "mail.activity", string="Repair Activity", readonly=True, copy=False, ondelete="set null"
    )

    _sql_constraints = [
        (
            "asset_once",
            "UNIQUE(stocktake_id, asset_id)",
            "An asset is counted once per stocktake.",
        ),
        (
            "impairment_not_negative",
            "CHECK(impairment_amount IS NULL OR impairment_amount >= 0)",
            "An impairment amount cannot be negative.",
        ),
    ]

    # ORM overrides

    def write(self, vals):
        # protected fields: the mixin's refusal (which names them) comes first
        if (
            not self.env.su
            and set(vals) - set(self._protected_fields)
            and self.filtered(lambda ln: ln.stocktake_id.state != "counting")
        ):
            raise UserError(
                self.env._("The results of a stocktake are changed only while it is counting.")
            )
        result = super().write(vals)
        if "result" in vals and vals["result"] != "found":
            self.filtered("scanned")._protected_write({"scanned": False})
        if not self.env.su and COUNT_FIELDS.intersection(vals):
            self.stocktake_id._unsign()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if self.filtered(lambda ln: ln.stocktake_id.state != "draft"):
            raise UserError(self.env._("The lines of a started stocktake are kept."))

    # Checks

    def _check_complete(self):
        """Every asset counted, every damaged one with its treatment, before submitting."""
        pending = self.filtered(lambda ln: not ln.result)
        if pending:
            raise UserError(
                self.env._(
                    "Count every asset before submitting; not counted yet: %(assets)s.",
                    assets=", ".join(pending.asset_id.mapped("display_name")),
                )
            )
        for line in self.filtered(lambda ln: ln.result == "damaged"):
            line._check_damage()

    def _check_damage(self):
        if not self.damage_action:
            raise UserError(
                self.env._(
                    "Choose repair or impairment for the damaged asset %(asset)s.",
                    asset=self.asset_id.display_name,
                )
            )
        if self.damage_action != "impairment":
            return
        rounding = self.currency_id.rounding
        amount, residual = self.impairment_amount, self.asset_id.value_residual
        if float_compare(amount, 0.0, precision_rounding=rounding) <= 0:
            raise UserError(
                self.env._(
                    "Give the impairment amount of the damaged asset %(asset)s.",
                    asset=self.asset_id.display_name,
                )
            )
        if float_compare(amount, residual, precision_rounding=rounding) > 0:
            raise UserError(
                self.env._(
                    "The impairment of %(amount)s is more than the residual value %(residual)s "
                    "of asset %(asset)s.",
                    amount=amount,
                    residual=residual,
                    asset=self.asset_id.display_name,
                )
            )

    # Business

    def _do_adjust(self):
        """The adjustments of an approved stocktake (run as its approver)."""
        gone = self.filtered(
            lambda ln: ln.result in ("missing", "damaged")
            and ln.asset_id.state not in ("open", "close")
        )
        if gone:
            raise UserError(
                self.env._(
                    "%(assets)s left the register since the count started; reject the "
                    "stocktake and count again.",
                    assets=", ".join(gone.asset_id.mapped("display_name")),
                )
            )
        for line in self:
            if line.result == "missing":
                line._write_off()
            elif line.result == "damaged" and line.damage_action == "impairment":
                line._impair()
            elif line.result == "damaged":
                line._request_repair()

    def _adjustment_label(self, kind):
        return self.env._(
            "Stocktake %(stocktake)s: %(kind)s %(asset)s",
            stocktake=self.stocktake_id.name,
            kind=kind,
            asset=self.asset_id.display_name,
        )

    def _write_off(self):
        """Write the missing asset off through the OCA removal, its residual value to the
        company's stocktake loss account (6711 营业外支出)."""
        stocktake = self.stocktake_id
        company = stocktake.company_id
        loss = company._property_asset_loss_account()
        context = self.asset_id.with_company(company).remove()["context"]
        wizard = (
            self.env["account.asset.remove"]
            .with_company(company)
            .with_context(**context)
            .create(
                {
                    "date_remove": stocktake.date,
                    "sale_value": 0.0,
                    "posting_regime": "gain_loss_on_sale",
                    "account_min_value_id": loss.id,
                    "account_plus_value_id": loss.id,
                    "note": self._adjustment_label(self.env._("write-off of missing asset")),
                }
            )
        )
        move = self.env["account.move"].browse(wizard.remove()["domain"][0][2])
        move.action_post()
        self._protected_write({"removal_move_id": move.id})

    def _impair(self):
        """Post the impairment of the damaged asset: debit 6701 资产减值损失, credit 1603
        固定资产减值准备 (or the company's accounts)."""
        company = self.stocktake_id.company_id
        label = self._adjustment_label(self.env._("impairment of damaged asset"))
        line = {"name": label, "partner_id": self.asset_id.partner_id.id}
        move = (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": self.asset_id.profile_id.journal_id.id,
                    "date": self.stocktake_id.date,
                    "ref": label,
                    "line_ids": [
                        Command.create(
                            dict(
                                line,
                                account_id=company._property_asset_impairment_account().id,
                                debit=self.impairment_amount,
                            )
                        ),
                        Command.create(
                            dict(
                                line,
                                account_id=company._property_asset_impairment_reserve_account().id,
                                credit=self.impairment_amount,
                            )
                        ),
                    ],
                }
            )
        )
        move.action_post()
        self._protected_write({"impairment_move_id": move.id})

    def _request_repair(self):
        """Ask the custodian (their user if they may read the asset, else the counter) to
        have the damaged asset repaired, by an activity on the asset."""
        asset = self.asset_id
        user = asset.custodian_id.user_id
        if not user or not asset.with_user(user).has_access("read"):
            user = self.stocktake_id.counter_id
        activity = (
            self.env["mail.activity"]
            .sudo()
            .create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("account.asset"),
                    "res_id": asset.id,
                    "activity_type_id": self.env.ref(
                        "property_finance.mail_activity_type_asset_repair"
                    ).id,
                    "summary": self._adjustment_label(self.env._("repair of damaged asset")),
                    "note": self.note or False,
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self) + relativedelta(days=7),
                }
            )
        )
        self._protected_write({"repair_activity_id": activity.id})
