from collections import defaultdict
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

ROLES = [("owner", "Owner"), ("tenant", "Tenant"), ("family", "Family Member")]


class PropertyOccupancy(models.Model):
    _name = "property.occupancy"
    _description = "Occupancy"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    unit_id = fields.Many2one(
        "property.unit", required=True, index=True, ondelete="restrict", tracking=True
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True)
    project_id = fields.Many2one(related="unit_id.project_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    role = fields.Selection(ROLES, required=True, default="owner", tracking=True)
    date_from = fields.Date(
        string="From", required=True, default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(string="To", tracking=True)
    is_current = fields.Boolean(
        string="Current", compute="_compute_is_current", search="_search_is_current"
    )
    # on the occupancy, not the partner: the certificate (不动产权证书) is issued per unit
    # owned and changes with the ownership; an owner of two units holds two
    certificate_number = fields.Char(
        string="Property Certificate Number",
        groups="property_base.group_owner_archive",
        copy=False,
        tracking=True,
        help="Number of the real-estate title certificate (房产证 / 不动产权证书) of an owner.",
    )
    note = fields.Text()

    @api.depends("date_from", "date_to")
    @api.depends_context("date")
    def _compute_is_current(self):
        today = self._today()
        for occupancy in self:
            occupancy.is_current = occupancy.date_from <= today and (
                not occupancy.date_to or occupancy.date_to >= today
            )

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on the Current field."))
        today = self._today()
        domain = [
            ("date_from", "<=", today),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", today),
        ]
        return domain if (operator == "=") == value else expression.distribute_not(["!", *domain])

    def _today(self):
        return fields.Date.to_date(self.env.context.get("date")) or fields.Date.context_today(self)

    # ORM overrides
    @api.model_create_multi
    def create(self, vals_list):
        occupancies = super().create(vals_list)
        occupancies.unit_id._sync_state_with_occupancies()
        return occupancies

    def write(self, vals):
        units = self.unit_id
        result = super().write(vals)
        if {"unit_id", "role", "date_from", "date_to"} & vals.keys():
            (units | self.unit_id)._sync_state_with_occupancies()
        return result

    # Business
    @api.model
    def _cron_sync_current(self):
        """Daily: occupancies that started or ended since the last run change who owns and
        lives where; refresh the partners' owner/resident flags and the units' status."""
        Param = self.env["ir.config_parameter"].sudo()
        today = fields.Date.context_today(self)
        last = fields.Date.to_date(Param.get_param("property_base.occupancy_sync_date")) or (
            today - timedelta(days=1)
        )
        changed = self.search(
            [
                "|",
                "&",
                ("date_from", ">", last),
                ("date_from", "<=", today),
                "&",
                ("date_to", ">=", last),
                ("date_to", "<", today),
            ]
        )
        # "current" depends on today's date: never trust a value cached earlier
        self.invalidate_model(["is_current"])
        self.env.add_to_compute(
            self.env["res.partner"]._fields["property_is_owner"], changed.partner_id
        )
        self.env.add_to_compute(
            self.env["res.partner"]._fields["property_is_resident"], changed.partner_id
        )
        changed.unit_id._sync_state_with_occupancies()
        self.env.flush_all()
        Param.set_param("property_base.occupancy_sync_date", fields.Date.to_string(today))
        return changed

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for occupancy in self:
            if occupancy.date_to and occupancy.date_to < occupancy.date_from:
                raise ValidationError(
                    self.env._(
                        "The end date of %(person)s's occupancy of %(unit)s is before its start.",
                        person=occupancy.partner_id.name,
                        unit=occupancy.unit_id.display_name,
                    )
                )

    @api.constrains("unit_id", "partner_id", "role", "date_from", "date_to")
    def _check_overlap(self):
        by_unit = defaultdict(list)
        for other in self.sudo().search([("unit_id", "in", self.unit_id.ids)]):
            by_unit[other.unit_id.id].append(other)
        for occupancy in self:
            for other in by_unit[occupancy.unit_id.id]:
                if other.id != occupancy.id and occupancy._overlaps(other):
                    occupancy._raise_if_conflict(other)

    @api.constrains("certificate_number", "role")
    def _check_certificate_owner(self):
        for occupancy in self.sudo().filtered("certificate_number"):
            if occupancy.role != "owner":
                raise ValidationError(
                    self.env._(
                        "Only an owner holds the property certificate of %(unit)s, not %(person)s.",
                        unit=occupancy.unit_id.display_name,
                        person=occupancy.partner_id.name,
                    )
                )

    def _overlaps(self, other):
        return self.date_from <= (other.date_to or date.max) and other.date_from <= (
            self.date_to or date.max
        )

    def _raise_if_conflict(self, other):
        if self.partner_id == other.partner_id:
            raise ValidationError(
                self.env._(
                    "%(person)s already has an occupancy of %(unit)s in this period.",
                    person=self.partner_id.name,
                    unit=self.unit_id.display_name,
                )
            )
        if self.role == other.role == "owner":
            raise ValidationError(
                self.env._(
                    "%(unit)s already has the owner %(owner)s in this period; end that ownership "
                    "before registering %(person)s as owner.",
                    unit=self.unit_id.display_name,
                    owner=other.partner_id.name,
                    person=self.partner_id.name,
                )
            )
