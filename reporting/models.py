from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordination.access import AccessPolicy, RestrictedQuerySet
from coordination.models import document_path
from strategy.models import period_label


class QuarterlyReportKind(models.TextChoices):
    PDF = "pdf", _("PDF report")
    XLSX = "xlsx", _("Excel workbook")


class QuarterlyReport(models.Model):
    """A quarterly progress report (PDF) or data workbook (Excel) for one period, made by a
    Celery task for the person who asked, from what that person may see."""

    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    kind = models.CharField(_("kind"), max_length=4, choices=QuarterlyReportKind.choices)
    language = models.CharField(max_length=8)
    state = models.CharField(max_length=10, default="pending")  # pending, ready, failed
    file = models.FileField(upload_to=document_path, max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)

    access_policy = AccessPolicy(recipient_field="requested_by")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")

    def __str__(self):
        return f"{self.get_kind_display()} {period_label(self.period_start, self.period_end)}"
