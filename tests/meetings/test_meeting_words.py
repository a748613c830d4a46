"""Meetings in words a reader of each language understands: the agenda's minutes are a
duration, a date due is not a number due, Kurdish has its own fields, a form names each
field's language, and ministries are named rather than abbreviated."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from meetings.forms import AgendaItemForm, DecisionForm, MeetingForm
from meetings.models import Decision, MeetingPaper, PaperKind
from meetings.papers import paper_context
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(meeting_momd, momd):
    return factories.AgendaItemFactory(
        meeting=meeting_momd, presenter_ministry=momd, minutes_allotted=20
    )


def agenda_paper(meeting, user, language: str) -> str:
    paper = MeetingPaper(meeting=meeting, kind=PaperKind.AGENDA, requested_by=user)
    with translation.override(language):
        return render_to_string("meetings/papers/agenda.html", paper_context(paper))


def test_the_agenda_pdf_heads_the_time_allotted_as_minutes_of_time_not_minutes_of_a_meeting(
    story, item
):
    arabic = agenda_paper(item.meeting, story["secretariat"], "ar")
    assert "<th>الدقائق</th>" in arabic
    assert "محضر الاجتماع" not in arabic
    assert "<th>خولەک</th>" in agenda_paper(item.meeting, story["secretariat"], "ckb")
    # The presenter is named, its code after the name.
    assert "وزارة الهجرة والمهجرين (MoMD)" in arabic


def test_a_date_due_and_a_number_of_reports_due_read_apart():
    with translation.override("ar"):
        assert translation.pgettext("due date", "Due") == "تاريخ الاستحقاق"
        assert translation.pgettext("number of reports due", "Due") == "المستحقة"
        # The word without context, as the lists of other pages use it, is a date.
        assert translation.gettext("Due") == "تاريخ الاستحقاق"
    with translation.override("ckb"):
        assert translation.pgettext("due date", "Due") != translation.pgettext(
            "number of reports due", "Due"
        )


@pytest.mark.parametrize(
    ("form", "fields"),
    [
        (MeetingForm, ("title_ckb", "location_ar", "location_en", "location_ckb")),
        (AgendaItemForm, ("title_ar", "title_en", "title_ckb")),
    ],
)
def test_every_field_held_per_language_is_asked_in_kurdish_too(story, form, fields):
    assert set(fields) <= set(form(user=story["secretariat"]).fields)


def test_a_form_names_each_fields_language_in_the_readers_language(story):
    with translation.override("ar"):
        labels = {
            name: str(field.label)
            for name, field in MeetingForm(user=story["secretariat"]).fields.items()
        }
        assert labels["title_ar"] == "العنوان (العربية)"
        assert labels["title_ckb"] == "العنوان (الكردية)"
        assert labels["location_en"] == "المكان (الإنكليزية)"
    with translation.override("en"):
        form = AgendaItemForm(user=story["secretariat"])
        assert str(form.fields["title_ckb"].label) == "Title (Kurdish)"
        assert not any("[" in str(field.label) for field in form.fields.values())


def test_the_meeting_form_page_shows_no_language_codes(client, story, meeting_momd):
    client.force_login(story["secretariat"])
    page = client.get(reverse("meetings:meeting_update", args=[meeting_momd.pk]))
    html = page.content.decode()
    assert "Title (Arabic)" in html and "Place (Kurdish)" in html
    assert "[ar]" not in html and "[ckb]" not in html


def test_a_decision_is_recorded_in_kurdish_too(client, story, item, momd):
    assert "text_ckb" in DecisionForm().fields
    Decision.objects.filter(meeting=item.meeting).delete()
    client.force_login(story["secretariat"])
    response = client.post(
        reverse("meetings:decision_create", args=[item.pk]),
        {
            "text_ar": "فتح مكاتب للعائدين",
            "text_en": "Open returnee desks",
            "text_ckb": "کردنەوەی نووسینگە بۆ گەڕاوەکان",
            "responsible": [momd.pk],
            "due_date": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(agenda_item=item)
    assert decision.text_ckb == "کردنەوەی نووسینگە بۆ گەڕاوەکان"
    with translation.override("ckb"):
        assert decision.text == "کردنەوەی نووسینگە بۆ گەڕاوەکان"


def test_the_meeting_page_names_the_invited_ministries(client, story, meeting_momd, momd):
    client.force_login(story["secretariat"])
    html = client.get(reverse("meetings:meeting_detail", args=[meeting_momd.pk])).content.decode()
    assert f"{momd.name} (MoMD)" in html
