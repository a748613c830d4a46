from django.contrib import admin
from guardian.admin import GuardedModelAdmin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from meetings.models import AgendaItem, Decision, Meeting


class AgendaItemInline(TranslationStackedInline):
    model = AgendaItem
    extra = 0
    filter_horizontal = ("priority_actions",)


@admin.register(Meeting)
class MeetingAdmin(GuardedModelAdmin, TranslationAdmin):
    """Guardian's object-permission screens allow the rare exception of one person let into
    one meeting."""

    list_display = ("title", "body", "start", "status")
    list_filter = ("body", "status", "kind")
    date_hierarchy = "start"
    search_fields = ("title_ar", "title_en")
    filter_horizontal = ("invited_ministries",)
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(TranslationAdmin):
    list_display = ("meeting", "order", "title", "kind", "presenter_ministry")
    list_filter = ("kind", "meeting__body")
    list_select_related = ("meeting", "presenter_ministry")
    search_fields = ("title_ar", "title_en")
    raw_id_fields = ("meeting",)
    filter_horizontal = ("priority_actions",)


@admin.register(Decision)
class DecisionAdmin(TranslationAdmin):
    list_display = ("code", "meeting", "due_date", "follow_up_status")
    list_filter = ("follow_up_status", "meeting__body")
    list_select_related = ("meeting",)
    search_fields = ("code", "text_ar", "text_en")
    filter_horizontal = ("responsible_ministries",)
    raw_id_fields = ("meeting", "agenda_item")
