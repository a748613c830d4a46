"""The portal's Excel workbooks, every one written here so that each reads alike: right to
left in Arabic and Kurdish, a bold frozen header row with a filter over the rows, columns as
wide as their values, dates as dates and numbers as numbers, and user text never turned into
a formula (CSV/Excel injection)."""

import datetime
import io
import itertools

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Excel number formats of dates and of dates with a time, per language: the pages' formats
# (coordination/formats), day, month name, year. The locale prefix (Arabic of Iraq, Central
# Kurdish of Iraq) makes Excel and LibreOffice name the month in the file's language whatever
# the reader's own settings.
DATE_FORMATS = {
    "en": ("d mmmm yyyy", "d mmmm yyyy, hh:mm"),
    "ar": ("[$-801]d mmmm yyyy", "[$-801]d mmmm yyyy، h:mm AM/PM"),
    "ckb": ("[$-492]d mmmm yyyy", "[$-492]d mmmm yyyy، hh:mm"),
}
# Column widths in characters: a short code still shows its header's filter button, a long
# text does not push the other columns off the screen.
MIN_WIDTH, MAX_WIDTH = 8, 60
# Widths are measured on the header and this many first rows, held back before writing
# (Excel reads the widths before the rows); the rest stream through.
WIDTH_SAMPLE = 1000

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def date_formats() -> tuple[str, str]:
    """The Excel number formats (date, date and time) of the active language."""
    language = translation.get_language() or "en"
    return DATE_FORMATS.get(language.split("-")[0], DATE_FORMATS["en"])


def excel_value(value):
    """``value`` as a cell holds it: a translated text as text, without the control
    characters a file cannot hold (pasted text brings some, and openpyxl refuses them), an
    aware datetime in local time (Asia/Baghdad) without its zone, which Excel cannot store;
    the rest as it is."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


def _cell(sheet, value, formats: tuple[str, str]):
    """What ``sheet.append`` takes for ``value``: a cell where its type or format must be
    set, the plain value otherwise (a cell for every value cost twice the time)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        # Kept as the text the user typed; Excel will not evaluate it.
        cell.data_type = "s"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        is_datetime = isinstance(value, datetime.datetime)
        cell.number_format = formats[1] if is_datetime else formats[0]
        return cell
    return value


def _header_cell(sheet, name: str):
    cell = WriteOnlyCell(sheet, value=name)
    # A header never holds a formula either.
    cell.data_type = "s"
    cell.font = Font(bold=True)
    return cell


def _length(value) -> int:
    """How many characters ``value`` shows: its longest line, a date as the pages write it
    (the cells' formats name the month as they do)."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return len(date_format(value, "DATETIME_FORMAT"))
    if isinstance(value, datetime.date):
        return len(date_format(value, "DATE_FORMAT"))
    return max((len(line) for line in str(value).splitlines()), default=0)


def _widths(header: list[str], rows: list[list]) -> list[int]:
    widths = []
    for column, name in enumerate(header):
        longest = max(
            (_length(row[column]) for row in rows if column < len(row)),
            default=0,
        )
        # Two more for the margins and the header's filter button.
        widths.append(min(max(max(len(name), longest) + 2, MIN_WIDTH), MAX_WIDTH))
    return widths


def _write_sheet(sheet, header, rows, formats: tuple[str, str], right_to_left: bool):
    header = [str(name) for name in header]
    rows = ([excel_value(value) for value in row] for row in rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE))
    # Views and column widths go before the rows in the file: set before the first append.
    sheet.sheet_view.rightToLeft = right_to_left
    sheet.freeze_panes = "A2"
    for column, width in enumerate(_widths(header, sample), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.append([_header_cell(sheet, name) for name in header])
    count = 0
    for row in itertools.chain(sample, rows):
        sheet.append([_cell(sheet, value, formats) for value in row])
        count += 1
    # The filter goes after the rows: now their number is known.
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{count + 1}"


def workbook_bytes(title: str, header: list[str], rows) -> bytes:
    """An .xlsx with one sheet: a bold header row, then ``rows`` (iterables of values)."""
    return workbook_with_sheets([(title, header, rows)])


def workbook_with_sheets(sheets) -> bytes:
    """An .xlsx with one sheet per (title, header, rows), in the active language's direction
    and date formats; written row by row (write-only mode), so a national register does not
    sit whole in memory as cells."""
    formats = date_formats()
    right_to_left = translation.get_language_bidi()
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        _write_sheet(book.create_sheet(title=str(title)[:31]), header, rows, formats, right_to_left)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_response(filename_stem: str, title: str, header: list[str], rows):
    """An attachment ``<filename_stem>-YYYY-MM-DD.xlsx`` (today, local) of one sheet."""
    response = HttpResponse(workbook_bytes(title, header, rows), content_type=CONTENT_TYPE)
    filename = f"{filename_stem}-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def in_any_language(pairs) -> dict:
    """{text as any of the portal's languages writes it, stripped and lower case: value}
    for (lazy text, value) pairs: how a workbook filled in by a reader of one language is
    read back for a reader of another (its headers, sheet names, choices)."""
    pairs = list(pairs)
    known = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            known.update({str(text).strip().lower(): value for text, value in pairs})
    return known
