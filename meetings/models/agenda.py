"""A meeting's agenda: its items and their briefing documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coordination.access import AccessPolicy, RestrictedQuerySet
from coordination.models import UploadedDocument
from meetings.models.meetings import Meeting


class AgendaItemKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    DISCUSSION = "discussion", _("Discussion")
    DECISION = "decision", _("Decision")


class AgendaItem(models.Model):
    """One point of a meeting's agenda, possibly about priority actions."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=AgendaItemKind.choices,
        default=AgendaItemKind.INFORMATION,
    )
    presenter_ministry = models.ForeignKey(
        "coordination.Ministry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presenter"),
    )
    minutes_allotted = models.PositiveSmallIntegerField(_("minutes allotted"), default=15)
    priority_actions = models.ManyToManyField(
        "strategy.PriorityAction",
        blank=True,
        related_name="agenda_items",
        verbose_name=_("priority actions"),
    )
    follows_decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up of decision"),
    )

    access_policy = AccessPolicy(
        parent="meeting", released_when={"meeting__agenda_state": "published"}
    )
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="unique_agenda_order")
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


class BriefingDocument(UploadedDocument):
    """A paper for an agenda item, for those who may see the meeting."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("agenda item"),
    )

    access_policy = AccessPolicy(parent="agenda_item")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item", "uploaded_at", "pk"]
        verbose_name = _("briefing document")
        verbose_name_plural = _("briefing documents")
