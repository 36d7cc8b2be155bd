from odoo import models

from ..tools import note_lang


class MailThread(models.AbstractModel):
    """Creation messages in one language, by the rules of generated text (tools/lang.py).

    With no language in the context (a data file, a cron), Odoo writes "%s created" in the
    language it guesses from the user but names the document type in English: demo records
    read "Building 创建". Such a message is written, whole, in the language of the note.
    """

    _inherit = "mail.thread"

    def _creation_message(self):
        if self.env.context.get("lang"):
            return super()._creation_message()
        # (the two-argument super: the same method on the record in the note's language)
        return super(MailThread, self.with_context(lang=note_lang(self)))._creation_message()
