import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from coordination.access import AccessPolicy, RestrictedQuerySet
from coordination.generated import GeneratedDocument
from strategy.models import period_name


class QuarterlyReportKind(models.TextChoices):
    PDF = "pdf", _("PDF report")
    XLSX = "xlsx", _("Excel workbook")


CONTENT_TYPES = {
    QuarterlyReportKind.PDF: "application/pdf",
    QuarterlyReportKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class QuarterlyReport(GeneratedDocument):
    """A quarterly progress report (PDF) or data workbook (Excel) for one period, made by a
    Celery task for the person who asked, from what that person may see."""

    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    kind = models.CharField(_("kind"), max_length=4, choices=QuarterlyReportKind.choices)
    # What the file shows (reporting.quarterly.content_hash): a request for the same period,
    # kind, language and reach gets the kept file while it is unchanged.
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, editable=False)
    kept_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("same file as"),
    )
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("replaces"),
    )

    access_policy = AccessPolicy(recipient_field="requested_by")
    objects = RestrictedQuerySet.as_manager()

    fields_set_by_build = ("content_hash", "kept_from", "replaces")
    # A queued report takes about 30 s: ten minutes give it time to be made first.
    render_waits_for = datetime.timedelta(minutes=10)
    render_waiting_batch = 5

    class Meta(GeneratedDocument.Meta):
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        indexes = [
            models.Index(
                fields=["period_start", "kind", "language", "content_hash"],
                name="quarterly_report_kept",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_name}"

    @property
    def period_name(self) -> str:
        return period_name(self.period_start, self.period_end)

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def download_name(self) -> str:
        return f"imag-{self.period_start:%Y-%m}.{self.kind}"
