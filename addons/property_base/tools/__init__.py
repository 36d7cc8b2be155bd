from .lang import company_lang, note_lang, person_lang
