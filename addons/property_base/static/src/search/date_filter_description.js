import { deserializeDate, deserializeDateTime } from "@web/core/l10n/dates";
import { localization } from "@web/core/l10n/localization";
import { patch } from "@web/core/utils/patch";
import { SearchModel } from "@web/search/search_model";

/**
 * Date filter facets as Chinese readers write periods: "日期: 2026年12月", "2026年第4季度",
 * "2026年", instead of the month name and the year side by side ("十二月 2026", "12 2026").
 * Only for Chinese; the periods are read back from the filter's own domain, so every
 * combination of months, quarters and years the filter menu offers is described.
 */
export function chinesePeriod(start, end) {
    const months = (end.year - start.year) * 12 + end.month - start.month + 1;
    if (start.day !== 1 || end.day !== end.daysInMonth) {
        return null;
    }
    if (months === 12 && start.month === 1) {
        return `${start.year}年`;
    }
    if (months === 3 && start.month % 3 === 1) {
        return `${start.year}年第${start.quarter}季度`;
    }
    if (months === 1) {
        return `${start.year}年${start.month}月`;
    }
    return null;
}

function chineseDescription(domain, fieldType) {
    const parse = fieldType === "date" ? deserializeDate : deserializeDateTime;
    const starts = [];
    const ends = [];
    for (const leaf of domain.toList()) {
        if (Array.isArray(leaf) && leaf[1] === ">=") {
            starts.push(parse(leaf[2]));
        } else if (Array.isArray(leaf) && leaf[1] === "<=") {
            ends.push(parse(leaf[2]));
        }
    }
    if (!starts.length || starts.length !== ends.length) {
        return null;
    }
    const periods = starts.map((start, index) => chinesePeriod(start, ends[index]));
    return periods.every(Boolean) ? periods.join("、") : null;
}

patch(SearchModel.prototype, {
    _getDateFilterDomain(dateFilter, generatorIds, key = "domain") {
        const result = super._getDateFilterDomain(dateFilter, generatorIds, key);
        if (key !== "description" || !(localization.code || "").startsWith("zh")) {
            return result;
        }
        const domain = super._getDateFilterDomain(dateFilter, generatorIds, "domain");
        return chineseDescription(domain, dateFilter.fieldType) || result;
    },
});
