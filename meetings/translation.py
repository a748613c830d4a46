from modeltranslation.translator import TranslationOptions, register

from meetings.models import AgendaItem, Decision, Meeting


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "location")
    required_languages = {"ar": ("title",)}


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"ar": ("title",)}


@register(Decision)
class DecisionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = {"ar": ("text",)}
