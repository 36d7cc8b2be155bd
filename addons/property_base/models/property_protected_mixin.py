from odoo import api, models
from odoo.exceptions import UserError


class PropertyProtectedMixin(models.AbstractModel):
    """Fields owned by a workflow: written only by the method that owns the transition.

    A model inherits this mixin and lists in ``_protected_fields`` the fields that a workflow,
    an approval, a verification or a statistic depends on (states, dates stamped by
    transitions, breach flags, verified-by/at, scores). Outside the superuser mode, ``create``
    accepts them only empty or at their default value, and ``write`` refuses any change of
    them with a translated message; the transition methods write them with
    ``_protected_write()`` after their own checks. Views marking these fields readonly protect
    nothing: RPC, import and server actions reach every field that access rights allow.

    Odoo core guards its own workflow fields the same way (``account.move`` refuses writes to
    posted entries in ``write()``).
    """

    _name = "property.protected.mixin"
    _description = "Workflow-Protected Fields"

    _protected_fields = ()

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            set(vals).intersection(self._protected_fields) for vals in vals_list
        ):
            # no access at all: the access error, not the workflow message
            self.browse().check_access("create")
            self._protected_check_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals).intersection(self._protected_fields):
            # no access at all: the access error, not the workflow message (only then: the
            # check costs a query that writes of other fields do not pay twice)
            self.check_access("write")
            self._protected_check_write(vals)
        return super().write(vals)

    # Business

    def _protected_write(self, vals):
        """The transition methods' write of protected fields (after their own checks)."""
        return self.sudo().write(vals)

    # Checks

    def _protected_check_create(self, vals_list):
        given = {fname for vals in vals_list for fname in self._protected_fields if fname in vals}
        if not given:
            return
        defaults = self.default_get(list(given))
        for vals in vals_list:
            refused = [
                fname
                for fname in given & set(vals)
                if vals[fname]
                and vals[fname] != defaults.get(fname)
                and not self._protected_create_allowed(fname, vals)
            ]
            if refused:
                raise UserError(self._protected_message(refused))

    def _protected_check_write(self, vals):
        refused = [
            fname
            for fname in self._protected_fields
            if fname in vals and self._protected_changes(fname, vals[fname])
        ]
        if refused:
            raise UserError(self._protected_message(refused))

    def _protected_changes(self, fname, value):
        """True when writing ``value`` would change ``fname`` on any of these records."""
        field = self._fields[fname]
        for record in self - self._protected_write_allowed(fname, value):
            new = field.convert_to_record(field.convert_to_cache(value, record), record)
            if new != record[fname]:
                return True
        return False

    # Hooks

    def _protected_create_allowed(self, fname, vals):
        """Hook: True when ``vals`` may give protected field ``fname`` on create (a value that
        is the user's to choose, e.g. a unit's initial "unsold" status). Default: never."""
        return False

    def _protected_write_allowed(self, fname, value):
        """Hook: the records of ``self`` on which ``fname`` may be written directly with
        ``value`` (e.g. a manual score while the evaluation is a draft). Default: none."""
        return self.browse()

    def _protected_message(self, fnames):
        labels = "、".join(
            sorted(self._fields[fname]._description_string(self.env) for fname in fnames)
        )
        return self.env._(
            "%(fields)s of %(model)s can only be changed through the workflow's own actions "
            "(buttons), not directly.",
            fields=labels,
            model=self.env["ir.model"].sudo()._get(self._name).name or self._description,
        )
