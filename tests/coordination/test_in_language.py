"""Rows read as values name things in the user's language exactly as the models would:
the same language, the same fallbacks, worked out once a page (in_language)."""

import pytest
from django.utils import translation

from coordination.models import Ministry
from coordination.rows import in_language
from strategy.models import Pillar, PriorityAction
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ar", "ckb"])
def test_a_name_read_as_values_is_the_one_the_model_gives(language):
    factories.MinistryFactory(code="Q1", name_en="Interior", name_ar="الداخلية", name_ckb="")
    factories.MinistryFactory(code="Q2", name_en="", name_ar="الخارجية", name_ckb="دەرەوە")
    factories.MinistryFactory(code="Q3", name_en="Only English", name_ar="", name_ckb="")
    with translation.override(language):
        names = in_language(Ministry, "name")
        ministries = Ministry.objects.filter(code__startswith="Q").order_by("code")
        rows = ministries.values("code", *names.fields)
        assert [names(row) for row in rows] == [ministry.name for ministry in ministries]


def test_related_titles_are_read_through_their_prefix(story):
    action = story["action_shared"]
    with translation.override("ar"):
        titles = in_language(PriorityAction, "title")
        pillars = in_language(Pillar, "title", prefix="pillar__")
        row = PriorityAction.objects.filter(pk=action.pk).values(*titles.fields, *pillars.fields)
        assert (titles(row.get()), pillars(row.get())) == (action.title, action.pillar.title)
