"""Every page is valid HTML by the Nu HTML checker (vnu.jar from package.json, run on Java),
in English and in Kurdish (right to left). The server writes the same markup for a phone
and a wide screen (what folds on a phone is a <details> from md down, in CSS): the width
is no parameter here; tests/browser/test_accessibility.py checks pages at 390 px."""

import datetime
import json
import shutil
import subprocess

import pytest
from django.urls import reverse

from coordination import two_factor
from coordination.models import Notification, User
from meetings.models import FollowUp
from tests import factories
from tests.tools import VNU, require
from tests.two_factor import authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("language", ["en", "ckb"])
def test_every_page_is_valid_html(client, story, tmp_path, language):
    User.objects.update(language=language)
    factories.AgendaItemFactory(meeting=story["meeting_momd"]).priority_actions.add(
        story["action_momd"]
    )
    factories.IndicatorFactory(action=story["action_momd"])
    factories.IndicatorFactory(action=story["action_momd"], name_en="Desks open")
    report = factories.ProgressUpdateFactory(action=story["action_momd"])
    submitted = factories.ProgressUpdateFactory(
        action=story["action_momd"],
        state="submitted",
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2026, 6, 30),
        support_needed="Budget release",
    )
    Notification.objects.create(recipient=story["fp_momd"], kind="report_validated", url="/")
    item = factories.AgendaItemFactory(meeting=story["meeting_momd"], title_en="Returns")
    follow_up = FollowUp.objects.create(
        decision=story["decision_momd"],
        ministry=story["decision_momd"].responsible_ministries.get(),
    )
    from meetings.services.meetings import sync_invitations

    sync_invitations(story["meeting_momd"])
    action, meeting = story["action_momd"], story["meeting_momd"]
    pages = {
        "login": (None, reverse("login")),
        "password-reset": (None, reverse("password_reset")),
        "password-reset-sent": (None, reverse("password_reset_done")),
        "home": ("secretariat", reverse("home")),
        "home-fp": ("fp_momd", reverse("home")),
        "action-list": ("secretariat", reverse("strategy:action_list") + "?status=not_started"),
        "action-detail": ("fp_momd", reverse("strategy:action_detail", args=[action.pk])),
        "action-create": ("secretariat", reverse("strategy:action_create")),
        "action-update": ("secretariat", reverse("strategy:action_update", args=[action.pk])),
        "meeting-list": ("fp_momd", reverse("meetings:meeting_list")),
        "meeting-detail": ("fp_momd", reverse("meetings:meeting_detail", args=[meeting.pk])),
        "not-found": ("fp_moi", reverse("strategy:action_detail", args=[action.pk])),
        "report-create": ("fp_momd", reverse("strategy:report_create", args=[action.pk])),
        "report-update": ("fp_momd", reverse("strategy:report_update", args=[report.pk])),
        "report-detail": ("secretariat", reverse("strategy:report_detail", args=[submitted.pk])),
        "queue": ("secretariat", reverse("strategy:validation_queue")),
        "notifications": ("fp_momd", reverse("coordination:notification_list")),
        "meeting-create": ("secretariat", reverse("meetings:meeting_create")),
        "meeting-secretariat": (
            "secretariat",
            reverse("meetings:meeting_detail", args=[meeting.pk]),
        ),
        "agenda": ("secretariat", reverse("meetings:agenda", args=[meeting.pk])),
        "attendance": ("secretariat", reverse("meetings:attendance", args=[meeting.pk])),
        "minutes-edit": ("secretariat", reverse("meetings:minutes", args=[meeting.pk])),
        "minutes-read": ("fp_momd", reverse("meetings:minutes", args=[meeting.pk])),
        "register": ("steering", reverse("meetings:decision_register")),
        "follow-up": ("fp_momd", reverse("meetings:follow_up", args=[follow_up.pk])),
        "calendar": ("fp_momd", reverse("meetings:calendar")),
        "dashboard-steering": ("steering", reverse("dashboard:steering")),
        "dashboard-ministry": ("fp_momd", reverse("dashboard:ministry")),
        "about": ("fp_moi", reverse("about")),
        "decision-create": ("secretariat", reverse("meetings:decision_create", args=[item.pk])),
        "people": ("secretariat", reverse("people:account_list")),
        "person": ("secretariat", reverse("people:account_detail", args=[story["fp_momd"].pk])),
        "person-edit": (
            "secretariat",
            reverse("people:account_update", args=[story["fp_momd"].pk]),
        ),
        "person-new": ("secretariat", reverse("people:account_create")),
        "security": ("secretariat", reverse("account:security")),
        "security-fp": ("fp_moi", reverse("account:security")),
        "backup-codes": ("secretariat", reverse("account:backup_codes")),
        # Signed in with the password only: the second step.
        "two-factor-enrol": ("administrator", reverse("account:two_factor_enrol")),
        "two-factor-verify": ("secretariat", reverse("account:two_factor_verify")),
    }
    # fp_moi set up two-factor authentication, optional for a focal point (Security page).
    authenticator(story["fp_moi"])
    for name, (role, url) in pages.items():
        client.logout()
        if role:
            client.force_login(story[role], second_factor=not name.startswith("two-factor"))
        if name == "backup-codes":
            session = client.session
            session[two_factor.NEW_CODES_SESSION_KEY] = ["abcd2345", "efgh6789"]
            session.save()
        response = client.get(url, headers={"accept-language": language})
        assert response.status_code == (404 if name == "not-found" else 200), name
        assert f'<html lang="{language}"' in response.content.decode(), name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    java = shutil.which("java") or pytest.fail("The Nu HTML checker needs Java")
    result = subprocess.run(
        [
            java,
            "-jar",
            str(require(VNU)),
            "--errors-only",
            "--format",
            "json",
            *sorted(str(p) for p in tmp_path.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
    assert errors == []
