from django.contrib import admin
from guardian.admin import GuardedModelAdmin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from strategy import services
from strategy.models import (
    Indicator,
    IndicatorTarget,
    Pillar,
    PriorityAction,
    ProgressUpdate,
    Strategy,
)


class PillarInline(TranslationTabularInline):
    model = Pillar
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(TranslationAdmin):
    list_display = ("code", "title", "start_date", "end_date", "reporting_frequency")
    inlines = [PillarInline]


@admin.register(Pillar)
class PillarAdmin(TranslationAdmin):
    list_display = ("number", "title", "strategy")
    list_filter = ("strategy",)
    search_fields = ("title_ar", "title_en")


class IndicatorInline(TranslationTabularInline):
    model = Indicator
    extra = 0


@admin.register(PriorityAction)
class PriorityActionAdmin(GuardedModelAdmin, TranslationAdmin):
    """Guardian's object-permission screens delegate one action to one person."""

    list_display = ("code", "title", "pillar", "lead_ministry", "status", "due_date")
    list_filter = ("pillar", "status", "priority", "lead_ministry")
    list_select_related = ("pillar", "lead_ministry")
    search_fields = ("code", "title_ar", "title_en", "title_ckb")
    filter_horizontal = ("supporting_ministries",)
    autocomplete_fields = ("lead_ministry",)
    inlines = [IndicatorInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.record_status_set_by_hand(obj, request.user, form.changed_data)


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ("name", "action", "unit", "baseline", "direction")
    list_select_related = ("action",)
    search_fields = ("name_ar", "name_en", "action__code")
    raw_id_fields = ("action",)
    inlines = [IndicatorTargetInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ("action", "ministry", "period_start", "status", "percent_complete", "state")
    list_filter = ("state", "status", "ministry")
    list_select_related = ("action", "ministry")
    search_fields = ("action__code", "narrative")
    raw_id_fields = ("action",)
    readonly_fields = ("created_at", "updated_at")
