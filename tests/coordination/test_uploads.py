"""Uploads are judged by their content and size, never by their name."""

import pytest
from django.core.exceptions import ValidationError

from coordination import uploads
from tests.documents import (
    DOCX_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    XLSX_BYTES,
    office_bytes,
    upload,
)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("report.pdf", PDF_BYTES, uploads.PDF),
        ("photo.png", PNG_BYTES, uploads.PNG),
        ("photo.jpg", JPEG_BYTES, uploads.JPEG),
        ("minutes.docx", DOCX_BYTES, uploads.DOCX),
        ("figures.xlsx", XLSX_BYTES, uploads.XLSX),
        ("named-wrongly.png", PDF_BYTES, uploads.PDF),
    ],
)
def test_accepted_documents_are_recognised_by_content(name, content, expected):
    assert uploads.check_document(upload(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ\x90\x00 windows executable"),
        ("page.docx", b"<html><script>alert(1)</script></html>"),
        ("archive.docx", office_bytes("application/zip")),
        ("macro.docm", office_bytes("application/vnd.ms-word.document.macroEnabled.main+xml")),
        ("plain.zip", b"PK\x03\x04not really a zip"),
        ("old.doc", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 20),
        ("bomb.docx", office_bytes("x" * 300_000)),
    ],
)
def test_other_content_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError, match="is not a PDF, Word, Excel, JPEG or PNG"):
        uploads.check_document(upload(name, content))


def test_a_file_over_the_limit_is_refused_with_its_size(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="files may be at most 1.0"):
        uploads.check_document(upload("big.pdf", PDF_BYTES + b" " * 2000))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="is empty"):
        uploads.check_document(upload("empty.pdf", b""))


def test_the_download_name_takes_the_real_type_extension():
    assert uploads.safe_download_name("../../etc/passwd.exe", uploads.PDF) == "passwd.pdf"
    assert uploads.safe_download_name("تقرير الربع الثالث.docx", uploads.DOCX) == (
        "تقرير الربع الثالث.docx"
    )
