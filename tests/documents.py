"""Small real documents for upload tests, made in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def office_bytes(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types><Override PartName="/main.xml" '
            f'ContentType="{main_part}"/></Types>',
        )
        archive.writestr("main.xml", "<x/>")
    return buffer.getvalue()


DOCX_BYTES = office_bytes(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
XLSX_BYTES = office_bytes(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
