"""Text people wrote keeps its own direction inside a page written the other way: an English
sentence on an Arabic page keeps its full stop at its end, an Arabic one on an English page
its first word on the right."""

import pytest
from django.urls import reverse

from meetings.models import FollowUp

pytestmark = pytest.mark.django_db


def arabic_page(client, user, url):
    user.language = "ar"
    user.save(update_fields=["language"])
    client.force_login(user)
    page = client.get(url).content.decode()
    assert 'dir="rtl"' in page
    return page


def test_an_english_narrative_on_an_arabic_report_page_takes_its_own_direction(
    client, story, report_momd
):
    page = arabic_page(
        client, story["secretariat"], reverse("strategy:report_detail", args=[report_momd.pk])
    )
    assert '<dd class="text-wrap-anywhere" dir="auto">MoMD opened two desks</dd>' in page
    title = report_momd.action.title
    assert f"{report_momd.action.code} <bdi>{title}</bdi></a>" in page


def test_a_decision_written_in_english_is_isolated_on_an_arabic_follow_up_page(
    client, story, decision_momd, momd
):
    decision_momd.text_ar = ""  # written in English only: an Arabic page falls back to it
    decision_momd.save()
    follow_up = FollowUp.objects.get_or_create(decision=decision_momd, ministry=momd)[0]
    page = arabic_page(
        client, story["secretariat"], reverse("meetings:follow_up", args=[follow_up.pk])
    )
    text = decision_momd.text_en
    assert f'<p class="text-wrap-anywhere" dir="auto">{text}</p>' in page
