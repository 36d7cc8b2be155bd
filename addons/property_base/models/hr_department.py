from odoo import api, models


class HrDepartment(models.Model):
    """Departments read in the reader's language.

    Odoo shows a department by its stored ``complete_name`` ("Parent / Child"), computed once
    in the language of whoever wrote the name: demo departments created in English then read
    "General Affairs" for a Chinese user although their translated name is "综合管理部".
    """

    _inherit = "hr.department"
    # a department is also found by its name in the reader's language
    _rec_names_search = ["complete_name", "name"]

    @api.depends("name", "complete_name", "parent_id", "parent_path")
    @api.depends_context("lang", "hierarchical_naming")
    def _compute_display_name(self):
        if not self.env.context.get("hierarchical_naming", True):
            return super()._compute_display_name()
        ancestor_ids = {
            int(ident) for dep in self for ident in (dep.parent_path or "").split("/") if ident
        }
        names = {dep.id: dep.name for dep in self.browse(ancestor_ids).sudo()}
        for department in self:
            chain = [int(ident) for ident in (department.parent_path or "").split("/") if ident]
            if not chain or any(ident not in names for ident in chain):
                department.display_name = department.name
                continue
            department.display_name = " / ".join(names[ident] for ident in chain)
