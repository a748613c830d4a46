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
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
# Content types (lower case) and part names that carry macros: a file naming any of them is
# refused, whatever else it declares (Word opens a .docx with a macro-enabled main part too).
MACRO_MARKERS = ("macroenabled", "vbaproject")
# A real [Content_Types].xml is a few kilobytes; a larger one is a decompression bomb.
MAX_CONTENT_TYPES_BYTES = 256 * 1024
# What an accepted Office file may unpack to: its parts' declared sizes, added up, at most
# this many times the upload limit, in at most this many parts (a large workbook has a few
# hundred). More is a decompression bomb for whoever opens or scans it later.
MAX_UNPACKED_TIMES_UPLOAD = 10
MAX_ARCHIVE_PARTS = 5000
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", JPEG: ".jpg", PNG: ".png"}


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded file that passed check_document, with its real content type."""

    file: object
    content_type: str


def _refuse_large_archive(uploaded, parts) -> None:
    limit = MAX_UNPACKED_TIMES_UPLOAD * settings.UPLOAD_MAX_BYTES
    if len(parts) > MAX_ARCHIVE_PARTS or sum(part.file_size for part in parts) > limit:
        raise ValidationError(
            _(
                "“%(name)s” is too large once unpacked: an Office file may hold at most "
                "%(limit)s in at most %(parts)s parts. Split it into smaller files, or save it "
                "as PDF."
            )
            % {"name": uploaded.name, "limit": filesizeformat(limit), "parts": MAX_ARCHIVE_PARTS},
            code="unpacks_too_large",
        )


def _refuse_macros(uploaded, content_types: str, parts) -> None:
    declared = content_types.lower()
    names = " ".join(part.filename.lower() for part in parts)
    if any(marker in declared or marker in names for marker in MACRO_MARKERS):
        raise ValidationError(
            _(
                "“%(name)s” is not a PDF, Word, Excel, JPEG or PNG file that the portal "
                "accepts: it contains macros. Save it as a Word or Excel file without macros "
                "(.docx, .xlsx), or as PDF."
            )
            % {"name": uploaded.name},
            code="macros",
        )


def _office_type(uploaded) -> str | None:
    """DOCX or XLSX from the archive's declared content types; None for another archive.
    Raises ValidationError for an Office file with macros or one that unpacks to too much."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            parts = archive.infolist()
            _refuse_large_archive(uploaded, parts)
            if archive.getinfo("[Content_Types].xml").file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    _refuse_macros(uploaded, content_types, parts)
    for part, kind in OFFICE_MAIN_PARTS.items():
        if f'ContentType="{part}"' in content_types:
            return kind
    return None


def detect_document_type(uploaded) -> str | None:
    """The document's real type from its bytes, or None if it is not one we accept; a
    ValidationError saying why for an Office file refused for what it holds."""
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
