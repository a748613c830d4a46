from modeltranslation.translator import TranslationOptions, register

from strategy.models import Indicator, Pillar, PriorityAction, Strategy


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("ar", "en")


@register(Pillar)
class PillarTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("ar", "en")


@register(PriorityAction)
class PriorityActionTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"ar": ("title",), "en": ("title",)}


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit")
    required_languages = {"ar": ("name",)}
