from modeltranslation.translator import TranslationOptions, register

from coordination.models import CoordinationBody, Ministry


@register(Ministry)
class MinistryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "en")


@register(CoordinationBody)
class CoordinationBodyTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "en")
