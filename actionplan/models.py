import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordination.access import AccessPolicy, RestrictedQuerySet


def plan_file_path(plan_import, filename: str) -> str:
    # The stored name is random and never derived from the uploaded one.
    return f"plan-imports/{uuid.uuid4().hex}"


class ImportState(models.TextChoices):
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked: nothing imported yet")
    IMPORTING = "importing", _("Being imported")
    IMPORTED = "imported", _("Imported")
    FAILED = "failed", _("Failed")


class PlanImport(models.Model):
    """An action plan workbook uploaded by the secretariat: checked first (a dry run that
    lists every problem and every change it would make), imported in one transaction once
    confirmed. Both steps run as Celery tasks."""

    strategy = models.ForeignKey(
        "strategy.Strategy", on_delete=models.CASCADE, related_name="+", verbose_name=_("strategy")
    )
    file = models.FileField(_("file"), upload_to=plan_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # The problems and changes are written in this language, the uploader's.
    language = models.CharField(_("language"), max_length=10)
    state = models.CharField(
        _("state"), max_length=10, choices=ImportState.choices, default=ImportState.CHECKING
    )
    # [{sheet, row, column, message}]
    problems = models.JSONField(_("problems"), default=list, blank=True)
    # {"new": [...], "changed": [{record, fields: [[label, before, after]], moves_access}],
    #  "not_in_file": [...]}
    effects = models.JSONField(_("changes"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)

    access_policy = AccessPolicy(recipient_field="uploaded_by")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("action plan import")
        verbose_name_plural = _("action plan imports")

    def __str__(self):
        return self.original_name

    @property
    def has_changes(self) -> bool:
        return bool(self.effects.get("new") or self.effects.get("changed"))
