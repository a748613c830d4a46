"""Spreadsheet exports that never turn user text into formulas (CSV/Excel injection)."""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(sheet, value, bold=False):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # Kept as the text the user typed; Excel will not evaluate it.
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def workbook_bytes(title: str, header: list[str], rows) -> bytes:
    """An .xlsx with one sheet: a bold header row, then ``rows`` (iterables of values)."""
    return workbook_with_sheets([(title, header, rows)])


def workbook_with_sheets(sheets) -> bytes:
    """An .xlsx with one sheet per (title, header, rows); written row by row (write-only
    mode), so a national register does not sit whole in memory."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        sheet.append([_cell(sheet, str(name), bold=True) for name in header])
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
