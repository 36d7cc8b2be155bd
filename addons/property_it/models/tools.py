import re

from odoo.exceptions import ValidationError

# "密码：abc123", "password=secret", "口令是 8888": a password written out, which the
# regulation forbids to share (第二条) and which no record may store
PASSWORD_PATTERN = re.compile(
    r"(密码|口令|password|passwd|pwd)\s*(是|为|[:：=])\s*\S+", re.IGNORECASE
)


def check_no_password(records, fnames):
    """Refuse any of ``fnames`` of ``records`` holding a written-out password."""
    for record in records:
        for fname in fnames:
            if PASSWORD_PATTERN.search(record[fname] or ""):
                raise ValidationError(
                    record.env._(
                        "%(field)s of %(record)s seems to contain a password. Never write a "
                        "password into a record: passwords are set on the computer or the share "
                        "itself and are not shared.",
                        field=record._fields[fname]._description_string(record.env),
                        record=record.display_name,
                    )
                )
