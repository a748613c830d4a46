"""The pages the meeting guards added (attendance and minutes of a held meeting, a refused
comment deadline, the two approval steps) and the confirmation pages before cancelling a
meeting, deactivating a person and resetting a second factor are valid HTML by the Nu HTML
checker."""

import datetime
import json
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, Minutes
from meetings.services.meetings import sync_invitations
from meetings.services.minutes import circulate_minutes, minutes_of
from tests import factories
from tests.tools import VNU, require
from tests.two_factor import authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_guarded_pages_and_their_confirmations_are_valid_html(client, story, tmp_path):
    """Checked by the Nu HTML checker: the pages of a meeting held last month (attendance,
    minutes with a refused deadline, the two approval steps), and the confirmation pages."""

    held = story["meeting_momd"]
    Meeting.objects.filter(pk=held.pk).update(start=timezone.now() - datetime.timedelta(days=30))
    held.refresh_from_db()
    factories.AgendaItemFactory(meeting=held, title_en="Returns")
    sync_invitations(held)
    later = factories.MeetingFactory(
        body=held.body, title_en="Next plenary", start=timezone.now() - datetime.timedelta(days=1)
    )
    secretariat = story["secretariat"]
    circulate_minutes(
        user=secretariat,
        minutes=minutes_of(held),
        deadline=timezone.now() + datetime.timedelta(days=1),
    )
    Minutes.objects.filter(meeting=held).update(
        comment_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    person = story["fp_moi"]
    authenticator(person)
    client.force_login(secretariat)
    approve = reverse("meetings:minutes_approve", args=[held.pk])
    pages = {
        "attendance-held": client.get(reverse("meetings:attendance", args=[held.pk])),
        "attendance-coming": client.get(
            reverse("meetings:attendance", args=[story["meeting_moi"].pk])
        ),
        "minutes-coming": client.get(reverse("meetings:minutes", args=[story["meeting_moi"].pk])),
        "minutes-deadline-refused": client.post(
            reverse("meetings:minutes_circulate", args=[held.pk]),
            {"deadline": timezone.localtime(held.start).strftime("%Y-%m-%dT%H:%M")},
        ),
        "approve-choose": client.post(approve, {"at_meeting": ""}),
        "approve-confirm": client.post(approve, {"at_meeting": later.pk}),
        "cancel-confirm": client.get(reverse("meetings:cancel", args=[later.pk])),
        "deactivate-confirm": client.get(reverse("people:account_active", args=[person.pk])),
        "reset-confirm": client.get(reverse("people:account_two_factor_reset", args=[person.pk])),
    }
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    assert "Save attendance" in pages["attendance-held"].content.decode()
    assert "Approve the minutes?" in pages["approve-confirm"].content.decode()
    java = shutil.which("java") or pytest.fail("The Nu HTML checker needs Java")
    result = subprocess.run(
        [java, "-jar", str(require(VNU)), "--errors-only", "--format", "json"]
        + sorted(str(p) for p in tmp_path.glob("*.html")),
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
    assert errors == []
