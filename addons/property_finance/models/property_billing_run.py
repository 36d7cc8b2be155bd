from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_round

SKIP_REASONS = [
    ("vacant", "Vacant: not delivered to an owner"),
    ("no_payer", "No payer (no current owner)"),
    ("no_standard", "No effective fee standard"),
    ("already_billed", "Already billed for this month"),
]


class PropertyBillingRun(models.Model):
    """计费: the monthly bills of every unit of a project, in one batch and one transaction.

    One invoice per paying partner (the owner, or the tenant whose occupancy says they pay),
    one line per fee item and unit, reductions as their own lines; every line carries a
    billing key (unit, fee item, month) unique in the database, so that a month is never
    billed twice, and a failed run leaves nothing behind (the transaction is rolled back):
    running it again bills what is left.
    """

    _name = "property.billing.run"
    _description = "Billing Run"
    _inherit = ["mail.thread", "property.protected.mixin"]
    _order = "period_start desc, project_id"
    _check_company_auto = True
    _protected_fields = ("state", "date_done", "done_user_id")

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one(
        "property.project", required=True, index=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_start = fields.Date(
        string="Service Month",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        tracking=True,
    )
    period_end = fields.Date(compute="_compute_period_end", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Billed")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    date_done = fields.Datetime(string="Billed On", readonly=True, copy=False)
    done_user_id = fields.Many2one("res.users", string="Billed By", readonly=True, copy=False)
    move_ids = fields.One2many("account.move", "property_billing_run_id", string="Bills")
    skip_ids = fields.One2many("property.billing.skip", "run_id", string="Units Not Billed")
    invoice_count = fields.Integer(string="Number of Bills", compute="_compute_totals")
    amount_total = fields.Monetary(compute="_compute_totals")
    skip_count = fields.Integer(string="Number of Units Not Billed", compute="_compute_totals")

    _sql_constraints = [
        (
            "project_period_uniq",
            "unique(project_id, period_start)",
            "This project already has a billing run for this month: open it instead.",
        ),
    ]

    @api.depends("project_id", "period_start")
    def _compute_name(self):
        for run in self:
            month = run.period_start.strftime("%Y-%m") if run.period_start else ""
            run.name = f"{run.project_id.name or ''} {month}".strip()

    @api.depends("period_start")
    def _compute_period_end(self):
        for run in self:
            run.period_end = run.period_start and (
                run.period_start + relativedelta(months=1) - timedelta(days=1)
            )

    def _compute_totals(self):
        for run in self:
            run.invoice_count = len(run.move_ids)
            run.amount_total = sum(run.move_ids.mapped("amount_total_signed"))
            run.skip_count = len(run.skip_ids)

    @api.constrains("period_start")
    def _check_period_start(self):
        if any(run.period_start.day != 1 for run in self):
            raise ValidationError(self.env._("A billing run starts on the first day of a month."))

    @api.constrains("project_id", "company_id")
    def _check_company(self):
        if any(run.project_id.company_id != run.company_id for run in self):
            raise ValidationError(
                self.env._("A billing run belongs to the company of its project.")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if self.filtered(lambda r: r.state == "done"):
            raise UserError(self.env._("A billing run that billed is kept; it cannot be deleted."))

    # Actions

    def action_run(self):
        """Bill the month: invoices for every billable unit, one transaction."""
        self.check_access("write")
        if not self.env.user.has_group("property_finance.group_finance_accountant"):
            raise UserError(self.env._("Only an accountant runs the billing."))
        for run in self:
            if run.state == "done":
                raise UserError(
                    self.env._(
                        "%(run)s was already billed: a second run of the same month creates "
                        "nothing.",
                        run=run.display_name,
                    )
                )
            run._do_run()
        return True

    def action_view_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("property_billing_run_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    # Business

    def _do_run(self):
        self.ensure_one()
        plan = self._compute_plan()
        billed_keys = self._existing_keys([k for lines in plan["lines"].values() for k in lines])
        vals_list, skips = self._prepare_moves(plan, billed_keys)
        skips += plan["skips"]
        if not vals_list:
            raise UserError(
                self.env._(
                    "Nothing to bill for %(run)s: every unit is billed already or cannot be "
                    "billed (see the reasons on the run).",
                    run=self.display_name,
                )
            )
        moves = self.env["account.move"].sudo().create(vals_list)
        moves._post(soft=False)
        moves._property_reconcile_prepayments()
        self.env["property.billing.skip"].sudo().create(
            [{"run_id": self.id, "unit_id": unit.id, "reason": reason} for unit, reason in skips]
        )
        self._protected_write(
            {"state": "done", "date_done": fields.Datetime.now(), "done_user_id": self.env.uid}
        )
        self._message_log(
            body=self.env._(
                "Billed %(count)s bills for %(month)s.",
                count=len(moves),
                month=self.period_start.strftime("%Y-%m"),
            )
        )
        return moves

    def _compute_plan(self):
        """What to bill: ``{"lines": {(partner, key): vals}, "skips": [(unit, reason)]}``
        with a fixed number of queries whatever the number of units."""
        self.ensure_one()
        start, end = self.period_start, self.period_end
        units = (
            self.env["property.unit"]
            .sudo()
            .search_fetch(
                [("project_id", "=", self.project_id.id)],
                ["name", "building_id", "project_id", "area", "usage", "state"],
            )
        )
        payers = self._get_payers(units)
        standards = self.env["property.fee.standard"]._get_billable(
            self.company_id, self.project_id, start
        )
        standards.fetch(["fee_item_id", "price", "project_ids", "usage", "date_from"])
        standards.fee_item_id.fetch(["name", "method", "product_id"])
        meters = self._get_meter_consumption(units, start, end)
        reductions = self.env["property.fee.reduction"]._get_applicable(units, start, end)
        reductions_by_unit = defaultdict(list)
        for reduction in reductions:
            reductions_by_unit[reduction.unit_id.id].append(reduction)
        lines = defaultdict(dict)
        skips = []
        for unit in units:
            partner = payers.get(unit.id)
            if not partner:
                skips.append((unit, "vacant" if unit.state == "unsold" else "no_payer"))
                continue
            picked = standards._pick_for(unit)
            unit_lines = {}
            for item, standard in picked.items():
                for key, vals in self._fee_lines(unit, item, standard, meters, start):
                    unit_lines[key] = vals
                    for reduction in reductions_by_unit[unit.id]:
                        if reduction.fee_item_id and reduction.fee_item_id != item:
                            continue
                        rkey = f"{key}-R{reduction.id}"
                        unit_lines[rkey] = self._reduction_line(vals, reduction, rkey)
            if not unit_lines:
                skips.append((unit, "no_standard"))
                continue
            lines[partner].update(unit_lines)
        return {"lines": lines, "skips": skips}

    def _fee_lines(self, unit, item, standard, meters, start):
        month = start.strftime("%Y-%m")
        base = {
            "product_id": item.product_id.id,
            "property_unit_id": unit.id,
            "fee_item_id": item.id,
            "fee_standard_id": standard.id,
            "fee_period": start,
            "fee_line_kind": "fee",
            "price_unit": standard.price,
        }
        label = f"{item.name} {unit.display_name} {month}"
        key = f"{unit.id}-{item.id}-{month}"
        if item.method == "area":
            yield key, {**base, "fee_billing_key": key, "quantity": unit.area, "name": label}
        elif item.method in ("fixed", "parking"):
            yield key, {**base, "fee_billing_key": key, "quantity": 1.0, "name": label}
        elif item.method == "metered":
            for meter_id, (reading_id, begin, finish) in meters.get((unit.id, item.id), {}).items():
                mkey = f"{key}-M{meter_id}"
                yield (
                    mkey,
                    {
                        **base,
                        "fee_billing_key": mkey,
                        "meter_reading_id": reading_id,
                        "quantity": finish - begin,
                        "name": f"{label} ({begin:g} → {finish:g})",
                    },
                )

    def _reduction_line(self, vals, reduction, key):
        reasons = dict(reduction._fields["reason"]._description_selection(self.env))
        rate = f"{reduction.rate:g}"
        return {
            **vals,
            "fee_billing_key": key,
            "fee_line_kind": "reduction",
            "meter_reading_id": False,
            "price_unit": -float_round(vals["price_unit"] * reduction.rate / 100.0, 6),
            "name": self.env._(
                "Reduction %(rate)s%% (%(reason)s): %(line)s",
                rate=rate,
                reason=reasons[reduction.reason],
                line=vals["name"],
            ),
        }

    def _get_payers(self, units):
        """``{unit id: partner}``: the tenant who pays the fees if the occupancy says so,
        else the owner, among the occupancies current in the service month."""
        start, end = self.period_start, self.period_end
        occupancies = (
            self.env["property.occupancy"]
            .sudo()
            .search_fetch(
                [
                    ("unit_id", "in", units.ids),
                    ("role", "in", ("owner", "tenant")),
                    ("date_from", "<=", end),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", start),
                ],
                ["unit_id", "partner_id", "role", "pays_fees", "date_from"],
                order="date_from, id",
            )
        )
        owners, tenants = {}, {}
        for occupancy in occupancies:
            if occupancy.role == "owner":
                owners.setdefault(occupancy.unit_id.id, occupancy.partner_id)
            elif occupancy.pays_fees:
                tenants[occupancy.unit_id.id] = occupancy.partner_id
        return {**owners, **tenants}

    def _get_meter_consumption(self, units, start, end):
        """``{(unit id, fee item id): {meter id: (last reading id, begin, end)}}``: per meter
        in use in the month, the last reading of the month and the reading it starts from
        (the last one before the month, or the meter's initial reading), in one query."""
        if not units:
            return {}
        self.env["property.meter.reading"].flush_model()
        self.env["property.meter"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
            SELECT m.unit_id, m.fee_item_id, m.id,
                   cur.id, COALESCE(prev.value, m.initial_reading), cur.value
              FROM property_meter m
              JOIN LATERAL (
                    SELECT r.id, r.value FROM property_meter_reading r
                     WHERE r.meter_id = m.id AND r.date BETWEEN %(start)s AND %(end)s
                  ORDER BY r.date DESC LIMIT 1) cur ON TRUE
         LEFT JOIN LATERAL (
                    SELECT r.value FROM property_meter_reading r
                     WHERE r.meter_id = m.id AND r.date < %(start)s
                  ORDER BY r.date DESC LIMIT 1) prev ON TRUE
             WHERE m.unit_id = ANY(%(units)s)
            """,
                start=start,
                end=end,
                units=units.ids,
            )
        )
        result = defaultdict(dict)
        for unit_id, item_id, meter_id, reading_id, begin, finish in rows:
            result[(unit_id, item_id)][meter_id] = (reading_id, begin, finish)
        return result

    def _existing_keys(self, keys):
        if not keys:
            return set()
        self.env["account.move.line"].flush_model(["fee_billing_key"])
        rows = self.env.execute_query(
            SQL(
                "SELECT fee_billing_key FROM account_move_line WHERE fee_billing_key = ANY(%s)",
                list(keys),
            )
        )
        return {row[0] for row in rows}

    def _prepare_moves(self, plan, billed_keys):
        company = self.company_id
        start = self.period_start
        due = start + timedelta(days=company.property_fee_due_days)
        vals_list, skipped = [], []
        already = set()
        for partner, lines in plan["lines"].items():
            todo = [vals for key, vals in lines.items() if key not in billed_keys]
            already.update(
                vals["property_unit_id"] for key, vals in lines.items() if key in billed_keys
            )
            if not todo:
                continue
            vals_list.append(
                {
                    "move_type": "out_invoice",
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "invoice_date": start,
                    "date": start,
                    "invoice_date_due": due,
                    "invoice_payment_term_id": False,
                    "property_billing_run_id": self.id,
                    "invoice_origin": self.name,
                    "invoice_line_ids": [Command.create(vals) for vals in todo],
                }
            )
        billed_units = {
            cmd[2]["property_unit_id"] for vals in vals_list for cmd in vals["invoice_line_ids"]
        }
        for unit_id in already - billed_units:
            skipped.append((self.env["property.unit"].browse(unit_id), "already_billed"))
        return vals_list, skipped


class PropertyBillingSkip(models.Model):
    """A unit a billing run did not bill, and why (the check of every unit of the month)."""

    _name = "property.billing.skip"
    _description = "Unit Not Billed"
    _order = "run_id, unit_id"

    run_id = fields.Many2one(
        "property.billing.run", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    period_start = fields.Date(related="run_id.period_start", store=True, string="Service Month")
    project_id = fields.Many2one(related="run_id.project_id", store=True)
    unit_id = fields.Many2one("property.unit", required=True, readonly=True, ondelete="cascade")
    reason = fields.Selection(SKIP_REASONS, required=True, readonly=True)
