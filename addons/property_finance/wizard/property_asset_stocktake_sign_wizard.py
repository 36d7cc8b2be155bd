from odoo import fields, models


class PropertyAssetStocktakeSignWizard(models.TransientModel):
    """FIN-4: the counter draws their signature on the stocktake."""

    _name = "property.asset.stocktake.sign.wizard"
    _description = "Sign a Fixed Asset Stocktake"

    stocktake_id = fields.Many2one("property.asset.stocktake", required=True, ondelete="cascade")
    signature = fields.Binary(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.stocktake_id.action_sign(self.signature)
        return {"type": "ir.actions.act_window_close"}
