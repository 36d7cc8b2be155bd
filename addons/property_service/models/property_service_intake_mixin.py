import re

from odoo import api, fields, models
from odoo.tools import SQL


def phone_key(number):
    """The digits that identify a number whatever its spelling: ``+86 138-0013-8000``,
    ``(0086) 13800138000`` and ``13800138000`` → ``13800138000``; ``0755-86001234`` and
    ``+86 755 8600 1234`` → ``075586001234``. ``_phone_key_sql`` is the same in SQL."""
    digits = re.sub(r"\D", "", number or "")
    if re.fullmatch(r"(?:0086|86)1\d{10}", digits):
        return digits[-11:]
    if re.fullmatch(r"(?:0086|86)[2-9]\d{8,11}", digits):
        return "0" + re.sub(r"^(?:0086|86)", "", digits)
    return digits


def _phone_key_sql(column):
    digits = SQL("regexp_replace(COALESCE(%s, ''), '\\D', '', 'g')", column)
    return SQL(
        """CASE WHEN %(d)s ~ '^(0086|86)1[0-9]{10}$' THEN right(%(d)s, 11)
                WHEN %(d)s ~ '^(0086|86)[2-9][0-9]{8,11}$'
                THEN '0' || regexp_replace(%(d)s, '^(0086|86)', '')
                ELSE %(d)s END""",
        d=digits,
    )


class PropertyServiceIntakeMixin(models.AbstractModel):
    """Fast intake (SVC-1): the caller's number finds the owners and residents with that
    mobile or phone and proposes their units. The model names its phone field in
    ``_intake_phone_field`` and has a ``partner_id``."""

    _name = "property.service.intake.mixin"
    _description = "Caller Intake"
    _intake_phone_field = "caller_phone"

    caller_partner_ids = fields.Many2many(
        "res.partner",
        string="Known Callers",
        compute="_compute_caller_partner_ids",
        help="Contacts whose mobile or phone is the caller's number.",
    )
    caller_unit_ids = fields.Many2many(
        "property.unit",
        string="Caller's Units",
        compute="_compute_caller_unit_ids",
        help="Current units of the owner or resident, else of the contacts with the caller's "
        "number.",
    )

    @api.depends(lambda self: [self._intake_phone_field])
    def _compute_caller_partner_ids(self):
        records = self.filtered(self._intake_phone_field)
        found = self._partners_by_phone(records.mapped(self._intake_phone_field))
        for record in self:
            key = phone_key(record[self._intake_phone_field])
            record.caller_partner_ids = found.get(key, self.env["res.partner"])

    @api.depends("partner_id", "caller_partner_ids")
    def _compute_caller_unit_ids(self):
        # in a form, the people are new records: their units are those of the saved ones
        Ticket = self.env["property.service.ticket"]
        units = Ticket._units_by_partner((self.partner_id | self.caller_partner_ids)._origin)
        Unit = self.env["property.unit"]
        for record in self:
            people = (record.partner_id or record.caller_partner_ids)._origin
            record.caller_unit_ids = Unit.union(*(units[person] for person in people))

    @api.model
    def _partners_by_phone(self, numbers):
        """{phone key: partners whose mobile or phone has that key}, one query for all."""
        keys = {phone_key(number) for number in numbers} - {""}
        if not keys:
            return {}
        Partner = self.env["res.partner"]
        Partner.flush_model(["mobile", "phone", "active"])
        self.env["res.company"].flush_model(["partner_id"])

        rows = self.env.execute_query(
            SQL(
                # the property companies themselves never call their own service desk
                """SELECT id, %(mobile)s, %(phone)s FROM res_partner
                    WHERE active AND (%(mobile)s IN %(keys)s OR %(phone)s IN %(keys)s)
                      AND id NOT IN (SELECT partner_id FROM res_company)""",
                mobile=_phone_key_sql(SQL.identifier("mobile")),
                phone=_phone_key_sql(SQL.identifier("phone")),
                keys=tuple(keys),
            )
        )
        # the people the user may see (record rules), in one search
        ids = [row[0] for row in rows]
        visible = set(ids if self.env.su else Partner.search([("id", "in", ids)]).ids)
        found = {}
        for partner_id, mobile, phone in rows:
            if partner_id in visible:
                for key in {mobile, phone} & keys:
                    found[key] = found.get(key, Partner) | Partner.browse(partner_id)
        return found

    # Onchanges (called by the models' onchange of their phone field and unit)
    def _intake_fill_partner(self):
        """The only contact with the caller's number becomes the owner / resident."""
        if not self.partner_id and len(self.caller_partner_ids) == 1:
            self.partner_id = self.caller_partner_ids._origin

    @api.model
    def _person_of_unit(self, unit, callers):
        """Who a call about ``unit`` concerns: the caller if they own or live in it, else the
        current owner, else the only resident."""
        unit, callers = unit._origin, callers._origin
        people = unit.owner_ids | unit.resident_ids
        if callers & people:
            return (callers & people)[:1]
        if len(unit.owner_ids) == 1:
            return unit.owner_ids
        if not unit.owner_ids and len(unit.resident_ids) == 1:
            return unit.resident_ids
        return self.env["res.partner"]
