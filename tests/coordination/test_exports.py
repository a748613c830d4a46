"""Every workbook the portal writes reads alike: right to left in Arabic and Kurdish, a bold
frozen header with a filter over the rows, fitting columns, dates as dates in the language's
format, numbers as numbers, and user text that starts like a formula kept as text."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from coordination.exports import workbook_bytes, workbook_with_sheets


def read(content: bytes):
    return load_workbook(io.BytesIO(content))


def one_sheet(language="en", header=("Code", "Due"), rows=(("A", datetime.date(2026, 1, 5)),)):
    with translation.override(language):
        return read(workbook_bytes("Sheet", list(header), rows)).active


@pytest.mark.parametrize(
    ("language", "right_to_left"), [("ar", True), ("ckb", True), ("en", False)]
)
def test_sheets_run_right_to_left_in_arabic_and_kurdish(language, right_to_left):
    with translation.override(language):
        book = read(workbook_with_sheets([("One", ["A"], [[1]]), ("Two", ["B"], [[2]])]))
    assert [bool(sheet.sheet_view.rightToLeft) for sheet in book] == [right_to_left] * 2


def test_every_sheet_has_a_bold_frozen_header_and_a_filter_over_its_rows():
    book = read(
        workbook_with_sheets(
            [
                ("Three rows", ["A", "B", "C"], [[1, 2, 3]] * 3),
                ("No row", ["A", "B"], []),
            ]
        )
    )
    three, empty = book.worksheets
    assert three.freeze_panes == "A2" and empty.freeze_panes == "A2"
    assert three.auto_filter.ref == "A1:C4"
    assert empty.auto_filter.ref == "A1:B1"
    assert [cell.font.b for cell in three[1]] == [True, True, True]
    assert not three["A2"].font.b


@pytest.mark.parametrize(
    ("language", "date_format", "datetime_format"),
    [
        ("en", "d mmmm yyyy", "d mmmm yyyy, hh:mm"),
        ("ar", "[$-801]d mmmm yyyy", "[$-801]d mmmm yyyy، h:mm AM/PM"),
        ("ckb", "[$-492]d mmmm yyyy", "[$-492]d mmmm yyyy، hh:mm"),
    ],
)
def test_dates_are_dates_in_the_languages_format_and_times_are_baghdad_time(
    language, date_format, datetime_format
):
    submitted = datetime.datetime(2026, 10, 3, 7, 30, tzinfo=datetime.UTC)
    sheet = one_sheet(language, ("Due", "Submitted"), [(datetime.date(2026, 1, 5), submitted)])
    due, when = sheet["A2"], sheet["B2"]
    assert due.is_date and due.value == datetime.datetime(2026, 1, 5)
    assert due.number_format == date_format
    # Excel has no time zones: the time as read in Baghdad (UTC+3).
    assert when.is_date and when.value == datetime.datetime(2026, 10, 3, 10, 30)
    assert when.number_format == datetime_format


def test_numbers_stay_numbers_and_text_that_looks_like_a_formula_stays_text():
    formulas = ['=HYPERLINK("http://evil","x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"]
    with translation.override("en"):
        book = read(
            workbook_with_sheets(
                [
                    (
                        "Numbers",
                        ["Int", "Decimal", "Float", "Percent"],
                        [[3, Decimal("2.5"), 0.5, 35]],
                    ),
                    ("Texts", ["Text"] * len(formulas), [formulas]),
                ]
            )
        )
    numbers, texts = book.worksheets
    assert [(cell.value, cell.data_type) for cell in numbers[2]] == [
        (3, "n"),
        (2.5, "n"),
        (0.5, "n"),
        (35, "n"),
    ]
    # Read back as the text typed, never as a formula ("f").
    assert [cell.data_type for cell in texts[2]] == ["s"] * len(formulas)
    assert texts["A2"].value == formulas[0]


def test_a_translated_text_is_written_in_the_active_language():
    with translation.override("ar"):
        expected = (translation.gettext("Code"), translation.gettext("Status"))
        sheet = read(
            workbook_bytes("Sheet", [gettext_lazy("Code")], [[gettext_lazy("Status")]])
        ).active
    assert expected != ("Code", "Status")
    assert (sheet["A1"].value, sheet["A2"].value) == expected


def test_control_characters_of_pasted_text_are_left_out():
    sheet = one_sheet(rows=[("Text\x0bpasted\x00 from Word\tand\nlines", None)])
    assert sheet["A2"].value == "Textpasted from Word\tand\nlines"


def test_columns_are_as_wide_as_their_longest_value_within_bounds():
    arabic = "إدماج النزوح المناخي في خطط الحد من مخاطر الكوارث"
    sheet = one_sheet(
        "ar",
        ("Code", "Title", "Narrative", "Due"),
        [("1.1", arabic, "x" * 500, datetime.date(2026, 1, 5)), ("1.10", "", "", None)],
    )
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    assert widths == {
        "A": 8,  # "Code" and "1.10" are short: the narrowest column
        "B": len(arabic) + 2,
        "C": 60,  # the widest a column grows
        "D": len("5 كانون الثاني 2026") + 2,  # as the pages write the date
    }
