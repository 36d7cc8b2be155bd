from odoo import models


class PropertyFinancialStatementXlsx(models.AbstractModel):
    """FIN-11: the statement's snapshot as a workbook, one sheet per statement, in the layout
    of the PDF (OCA report_xlsx)."""

    _name = "report.property_finance.financial_statement_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Financial Statement XLSX"

    def generate_xlsx_report(self, workbook, data, statements):
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        money_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
        for statement in statements:
            statement = statement.with_context(lang=self.env.user.lang)
            env = statement.env
            sheet = workbook.add_worksheet(statement.name[:31])
            sheet.set_column(0, 0, 48)
            sheet.set_column(1, 1, 8)
            sheet.set_column(2, 3, 20)
            kind = dict(statement._fields["kind"]._description_selection(env))[statement.kind]
            sheet.merge_range(0, 0, 0, 3, kind, title)
            sheet.write(1, 3, statement._form_number())
            sheet.write(
                2, 0, env._("Prepared by (company): %(company)s", company=statement.company_id.name)
            )
            sheet.write(2, 2, f"{statement.date_from} – {statement.date_to}")
            if statement.state != "approved":
                sheet.write(3, 0, env._("Draft: not yet approved by the finance manager"), bold)
            balance_sheet = statement.kind == "balance_sheet"
            headers = [
                env._("Item"),
                env._("Line No."),
                env._("Closing balance") if balance_sheet else env._("Current period"),
                env._("Closing balance of last year")
                if balance_sheet
                else env._("Same period last year"),
            ]
            for col, header in enumerate(headers):
                sheet.write(4, col, header, bold)
            row = 5
            for line in statement.line_ids:
                style = money_bold if line.is_total else money
                sheet.write(row, 0, line.name, bold if line.is_total else None)
                sheet.write(row, 1, line.line_no)
                sheet.write_number(row, 2, line.value, style)
                sheet.write_number(row, 3, line.comparison_value, style)
                row += 1
            row += 1
            sheet.write(
                row,
                0,
                env._("Reviewed by (accountant): %(name)s", name=statement.reviewer_id.name or ""),
            )
            sheet.write(
                row + 1,
                0,
                env._(
                    "Approved by (finance manager): %(name)s",
                    name=statement.approver_id.name or "",
                ),
            )
