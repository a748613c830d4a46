"""Documents made in the background: someone asks, a Celery task renders the file from what
that person may see, and the person downloads it once it is ready.

A kind of document is a subclass of ``GeneratedDocument`` with its own fields (a period, a
meeting...), ``content_type`` and ``download_name``, and a build function that returns its
bytes. Its app binds them in one task pair (``render`` by id, ``render_waiting`` for the
beat) and derives its views from ``coordination.views.GeneratedDocumentRequestView`` and
``GeneratedDocumentView``."""

import datetime
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from coordination import access
from coordination.models import document_path

logger = logging.getLogger(__name__)


class DocumentState(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class GeneratedDocument(models.Model):
    """A file a Celery task makes for the person who asked, in their language, from what
    they may see: pending until the task has run, then ready (with its file) or failed
    (with the error the page may show)."""

    state = models.CharField(
        _("state"), max_length=10, choices=DocumentState.choices, default=DocumentState.PENDING
    )
    language = models.CharField(_("language"), max_length=8)
    # Deleting an account keeps the documents: the secretariat may still read a meeting's.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200, blank=True)
    seconds = models.FloatField(_("seconds to make"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # What the requester read when it was made (access.reading_scope), checked again on download.
    made_from_scope = models.JSONField(
        _("made from what the requester read"), null=True, blank=True, editable=False
    )

    # A pending document older than this was never queued (the broker was down): the beat
    # task renders it, a few at a time. A subclass that takes long to render waits longer.
    render_waits_for = datetime.timedelta(minutes=2)
    render_waiting_batch = 20
    # Fields the build function sets on the document, saved with its file.
    fields_set_by_build: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["-requested_at"]

    @property
    def content_type(self) -> str:
        raise NotImplementedError

    @property
    def download_name(self) -> str:
        raise NotImplementedError


Build = Callable[[GeneratedDocument], bytes]


def render(model: type[GeneratedDocument], document_id: int, build: Build) -> str:
    """Make the file with ``build`` in the requester's language and return the new state.
    Safe to run twice and to retry: a ready document is left alone, a failed one is made
    again. The error is kept (at most 500 characters) for the page; the log has the trace."""
    document = model._default_manager.select_related("requested_by").get(pk=document_id)
    if document.state == DocumentState.READY:
        return document.state
    started = time.monotonic()
    if document.requested_by is not None:
        document.made_from_scope = access.reading_scope(document.requested_by)
    try:
        with translation.override(document.language):
            content = build(document)
    except Exception as error:  # noqa: BLE001 - shown on the page, logged with its trace
        logger.exception("%s %s failed", model._meta.verbose_name, document_id)
        document.state, document.error = DocumentState.FAILED, str(error)[:500]
        document.save(update_fields=["state", "error"])
        return document.state
    document.file.save(document.download_name, ContentFile(content), save=False)
    document.state, document.error = DocumentState.READY, ""
    document.seconds = round(time.monotonic() - started, 2)
    document.save(
        update_fields=[
            "file",
            "state",
            "error",
            "seconds",
            "made_from_scope",
            *document.fields_set_by_build,
        ]
    )
    return document.state


def waiting_ids(model: type[GeneratedDocument]) -> list[int]:
    """Documents asked for while the broker was down (their task was never queued), oldest
    first."""
    cutoff = timezone.now() - model.render_waits_for
    return list(
        model._default_manager.filter(state=DocumentState.PENDING, requested_at__lt=cutoff)
        .order_by("requested_at")
        .values_list("pk", flat=True)[: model.render_waiting_batch]
    )


def render_waiting(model: type[GeneratedDocument], build: Build) -> int:
    """The beat task's work: render what a broker outage held back; how many are ready."""
    return sum(render(model, pk, build) == DocumentState.READY for pk in waiting_ids(model))


def pdf_from_html(html: str) -> bytes:
    """The PDF of a page rendered from our own template. Nothing is fetched, from the network
    or the disk: a resource the page names is left out with a warning in the log. The
    template brings its styles; Arabic and Kurdish are shaped with the system's Noto fonts
    (Debian's fonts-noto-core)."""
    # Imported here: WeasyPrint needs Pango, which only the processes that render need.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # A plain function as url_fetcher crashes WeasyPrint 70 the moment it raises.
    no_fetching = URLFetcher(allowed_protocols=frozenset())
    return HTML(string=html, url_fetcher=no_fetching).write_pdf()


def document_response(document: GeneratedDocument) -> HttpResponse:
    """The ready file as an attachment, its type fixed by us, never sniffed by the browser."""
    with document.file.open("rb") as file:
        response = HttpResponse(file.read(), content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.download_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    # Not kept by the browser: the next download checks again who may still read it.
    response["Cache-Control"] = "private, no-store"
    return response
