import re
from datetime import datetime

import babel.dates
import pytz

from odoo import models
from odoo.tools import DEFAULT_SERVER_DATE_FORMAT, DEFAULT_SERVER_DATETIME_FORMAT
from odoo.tools.misc import get_lang

# Labels of date groups (list and kanban group headers, pivot and graph headers) as Chinese
# readers write them: "2026年12月", not Odoo's "十二月 2026" (its single pattern "MMMM yyyy" for
# every language). Only Chinese labels change; the week label is rewritten from Odoo's.
ZH_GROUP_FORMATS = {
    "hour": "yyyy-MM-dd HH:00",
    "day": "yyyy-MM-dd",
    "month": "yyyy年M月",
    "quarter": "yyyy年第Q季度",
    "year": "yyyy年",
}
WEEK_LABEL = re.compile(r"^W(\d+) (\d{4})$")


class Base(models.AbstractModel):
    _inherit = "base"

    def _read_group_format_result(self, rows_dict, lazy_groupby):
        super()._read_group_format_result(rows_dict, lazy_groupby)
        locale = get_lang(self.env).code
        if not locale.startswith("zh_"):
            return
        for group in lazy_groupby:
            fname, _sep, granularity = group.partition(":")
            field = self._fields.get(fname.split(".")[0])
            if not field or field.type not in ("date", "datetime"):
                continue
            granularity = granularity or "month"
            for row in rows_dict:
                label = _zh_group_label(
                    row, group, granularity, field.type, self.env.context, locale
                )
                if label:
                    row[group] = label


def _zh_group_label(row, group, granularity, field_type, context, locale):
    """The Chinese label of the group ``group`` of ``row``, None to keep Odoo's."""
    bounds = (row.get("__range") or {}).get(group)
    if not bounds or not isinstance(row.get(group), str):
        return None
    if granularity == "week":
        match = WEEK_LABEL.match(row[group])
        return match and f"{match[2]}年第{int(match[1])}周"
    pattern = ZH_GROUP_FORMATS.get(granularity)
    if not pattern:
        return None
    if field_type == "date":
        start = datetime.strptime(bounds["from"], DEFAULT_SERVER_DATE_FORMAT).date()
        return babel.dates.format_date(start, pattern, locale=locale)
    start = pytz.utc.localize(datetime.strptime(bounds["from"], DEFAULT_SERVER_DATETIME_FORMAT))
    tz = context.get("tz")
    tzinfo = pytz.timezone(tz) if tz in pytz.all_timezones_set else pytz.utc
    return babel.dates.format_datetime(start, pattern, tzinfo=tzinfo, locale=locale)
