"""The deployment's security (issue 12, items 6 and 8c-8e): sign-in throttling by the client's
real address behind the TLS proxy, Office uploads with macros or that unpack to too much, the
compose file's single published entry point, and what the public health page tells."""

import io
import zipfile

import pytest

from coordination.forms import MultipleDocumentField
from tests.documents import upload


# Item 8c: Office files with macros, or that unpack to far more than they weigh, are refused.

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VBA_PROJECT = "application/vnd.ms-office.vbaProject"


def office_file(*content_types: str, parts: dict | None = None) -> bytes:
    overrides = "".join(
        f'<Override PartName="/part{n}.xml" ContentType="{kind}"/>'
        for n, kind in enumerate(content_types)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", f'<?xml version="1.0"?><Types>{overrides}</Types>')
        for name, content in (parts or {"part0.xml": b"<x/>"}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def form_errors(name: str, content: bytes) -> list[str]:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        MultipleDocumentField().clean([upload(name, content)])
    return refused.value.messages


@pytest.mark.parametrize(
    "content_types",
    [
        (WORD_MAIN, WORD_MACRO_MAIN),
        (WORD_MACRO_MAIN, WORD_MAIN),
        (WORD_MAIN, VBA_PROJECT),
        (EXCEL_MAIN, "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
    ],
)
def test_an_office_file_declaring_macros_is_refused_whatever_else_it_declares(content_types):
    assert form_errors("report.docx", office_file(*content_types)) == [
        "“report.docx” is not a PDF, Word, Excel, JPEG or PNG file that the portal accepts: "
        "it contains macros. Save it as a Word or Excel file without macros (.docx, .xlsx), "
        "or as PDF."
    ]


def test_an_office_file_with_a_macro_project_part_is_refused():
    content = office_file(WORD_MAIN, parts={"part0.xml": b"<x/>", "word/vbaProject.bin": b"\0"})
    assert "it contains macros" in form_errors("report.docx", content)[0]


def zip_bomb(megabytes: int) -> bytes:
    """A small .docx that declares one part of ``megabytes`` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/image1.png", "w", force_zip64=True) as part:
            zeros = bytes(1024 * 1024)
            for _ in range(megabytes):
                part.write(zeros)
    return buffer.getvalue()


TOO_LARGE = (
    "“{name}” is too large once unpacked: an Office file may hold at most 100.0\xa0MB in at "
    "most 5000 parts. Split it into smaller files, or save it as PDF."
)


def test_an_office_file_that_unpacks_to_200_mb_is_refused():
    content = zip_bomb(200)
    assert len(content) < 1024 * 1024
    assert form_errors("bomb.docx", content) == [TOO_LARGE.format(name="bomb.docx")]


def test_an_office_file_with_too_many_parts_is_refused():
    parts = {f"xl/worksheets/sheet{n}.xml": b"<x/>" for n in range(5001)}
    content = office_file(EXCEL_MAIN, parts=parts)
    assert form_errors("many.xlsx", content) == [TOO_LARGE.format(name="many.xlsx")]


def test_an_ordinary_office_file_within_the_limits_is_accepted():
    from coordination import uploads

    content = office_file(WORD_MAIN, parts={"part0.xml": b"<x/>" * 1000})
    [checked] = MultipleDocumentField().clean([upload("report.docx", content)])
    assert checked.content_type == uploads.DOCX
