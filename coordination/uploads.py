"""Documents users upload (evidence, briefing papers): the type is read from the content,
never trusted from the name, and the size is bounded."""

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JPEG = "image/jpeg"
PNG = "image/png"

OFFICE_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.ms-word.document.macroEnabled.main+xml": None,  # macros: refused
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": None,
}
# A real [Content_Types].xml is a few kilobytes; a larger one is a decompression bomb.
MAX_CONTENT_TYPES_BYTES = 256 * 1024
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", JPEG: ".jpg", PNG: ".png"}


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded file that passed check_document, with its real content type."""

    file: object
    content_type: str


def _office_type(uploaded) -> str | None:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            if archive.getinfo("[Content_Types].xml").file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    for part, kind in OFFICE_MAIN_PARTS.items():
        if f'ContentType="{part}"' in content_types:
            return kind
    return None


def detect_document_type(uploaded) -> str | None:
    """The document's real type from its bytes, or None if it is not one we accept."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_type(uploaded)
    # Old binary .doc/.xls files are refused: their type cannot be told from their content
    # alone and they may carry macros. Ministries save them as .docx/.xlsx or PDF.
    return None


def check_document(uploaded) -> str:
    """The content type of an acceptable upload; a ValidationError saying why otherwise."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {
                "name": uploaded.name,
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(limit),
            },
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": uploaded.name}, code="empty")
    kind = detect_document_type(uploaded)
    if kind is None:
        raise ValidationError(
            _(
                "“%(name)s” is not a PDF, Word, Excel, JPEG or PNG file (its content was checked, "
                "not only its name)."
            )
            % {"name": uploaded.name},
            code="bad_type",
        )
    return kind


def safe_download_name(original_name: str, content_type: str) -> str:
    """The name offered on download: the uploader's name with the extension of what the
    file really is."""
    stem = os.path.splitext(os.path.basename(original_name))[0] or "document"
    return f"{stem[:100]}{EXTENSIONS[content_type]}"


def document_response(document):
    """The file as an attachment under its real type's extension, never rendered inline."""
    from django.http import FileResponse

    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=safe_download_name(document.original_name, document.content_type),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def store_documents(model, uploads, *, user, **owner) -> None:
    """Save checked uploads as ``model`` rows (an UploadedDocument) belonging to ``owner``."""
    for upload in uploads:
        model.objects.create(
            file=upload.file,
            original_name=upload.file.name[:255],
            content_type=upload.content_type,
            size=upload.file.size,
            uploaded_by=user,
            **owner,
        )
