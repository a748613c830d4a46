"""Arabic, Central Kurdish and English: complete catalogues, Iraqi month names, digits
typed the Arabic way, and each user's own language."""

import datetime
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from coordination.models import Notification
from strategy.models import IndicatorValue, ProgressUpdate
from tests import factories
from tests.project.test_permission_matrix import MATRIX, set_up_records, with_set_up_records

LOCALE = Path(settings.BASE_DIR, "locale")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%s|\{[a-z_]+\}")


@pytest.mark.parametrize("language", ["ar", "ckb"])
def test_the_catalogue_is_complete_without_fuzzy_entries(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert len(catalogue.translated_entries()) > 500


@pytest.mark.parametrize("language", ["ar", "ckb"])
def test_translations_keep_every_placeholder(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    for entry in catalogue.translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        if not entry.msgid_plural:
            assert sorted(PLACEHOLDER.findall(entry.msgstr)) == expected, entry.msgid
            continue
        for text in entry.msgstr_plural.values():
            # Arabic's "one" and "two" forms may say the number in words.
            assert set(PLACEHOLDER.findall(text)) <= set(expected), (entry.msgid, text)


@pytest.mark.parametrize(
    ("language", "january", "march"),
    [
        ("ar", "كانون الثاني", "آذار"),
        ("ckb", "کانوونی دووەم", "ئازار"),
        ("en", "January", "March"),
    ],
)
def test_dates_use_the_month_names_used_in_iraq(language, january, march):
    with translation.override(language):
        assert date_format(datetime.date(2026, 1, 15), "F") == january
        assert date_format(datetime.date(2026, 3, 18), "j F Y") == f"18 {march} 2026"


@pytest.mark.django_db
def test_numbers_and_dates_typed_in_arabic_indic_digits_are_understood(client, story, momd):
    indicator = factories.IndicatorFactory(action=story["action_momd"])
    strategy = story["action_momd"].pillar.strategy
    period = strategy.period_containing(timezone.localdate())
    day = period[0] + datetime.timedelta(days=14)
    arabic_day = day.isoformat().translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    client.force_login(story["fp_momd"])
    client.post(
        reverse("strategy:report_create", args=[story["action_momd"].pk]),
        {
            "period": period[0].isoformat(),
            "ministry": momd.pk,
            "status": "on_track",
            "percent_complete": "٤٥",
            "narrative": "تقدم بنسبة ٤٥٪",
            f"value_{indicator.pk}": "١٢٫٥",
            f"measured_{indicator.pk}": arabic_day,
        },
    )
    report = ProgressUpdate.objects.get()
    assert report.percent_complete == 45
    assert report.narrative == "تقدم بنسبة ٤٥٪"  # free text stays as written
    value = IndicatorValue.objects.get()
    assert (str(value.value), value.measured_on) == ("12.50", day)


@pytest.mark.django_db
def test_a_users_language_is_kept_in_their_profile(client, story):
    user = story["fp_momd"]
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "ckb", "next": "/"})
    user.refresh_from_db()
    assert user.language == "ckb"
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="ckb" dir="rtl">' in page


@pytest.mark.django_db
def test_the_login_page_follows_the_browser(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ckb-IQ").content.decode()
    assert '<html lang="ckb" dir="rtl">' in page
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert '<html lang="en" dir="ltr">' in client.get(reverse("login")).content.decode()


ENGLISH_INTERFACE = [
    "Priority actions",
    "Sign out",
    "Dashboard",
    "Notifications",
    "Meetings",
    "Change language",
    "Skip to main content",
]


@pytest.fixture
def story_with_reports(story, report_momd, report_moi, momd):
    return with_set_up_records(
        {
            **story,
            "report_momd": report_momd,
            "report_moi": report_moi,
            **set_up_records(story, momd),
        }
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "record"),
    sorted(MATRIX)
    + [("dashboard:steering", None), ("meetings:decision_register", None), ("about", None)],
)
@pytest.mark.parametrize("language", ["ar", "ckb"])
def test_every_page_in_arabic_and_kurdish_is_right_to_left_with_no_english_left(
    client, story_with_reports, name, record, language
):
    user = story_with_reports["secretariat"]
    user.language = language
    user.save()
    client.force_login(user)
    args = [story_with_reports[record].pk] if record else []
    page = client.get(reverse(name, args=args), follow=True).content.decode()
    assert f'<html lang="{language}" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page
    for text in ENGLISH_INTERFACE:
        assert text not in page, text


@pytest.mark.django_db
def test_an_email_speaks_the_recipients_language(story, django_capture_on_commit_callbacks):
    from coordination.notifications import notify

    user = story["fp_momd"]
    user.email, user.language = "mona@imag.example", "ar"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[user],
            kind="report_validated",
            params={"ministry": "MoMD", "action": "4.1", "period": "2026-07 – 2026-09"},
        )
    assert "The report" not in mail.outbox[0].body
    assert Notification.objects.get().email_sent_at is not None


@pytest.mark.django_db
def test_guardians_permission_screens_speak_arabic_too(client, story):
    admin = story["administrator"]
    admin.language = "ar"
    admin.save()
    client.force_login(admin)
    page = client.get(
        reverse("admin:meetings_meeting_permissions", args=[story["meeting_momd"].pk])
    ).content.decode()
    assert "صلاحيات المستخدمين" in page and "User permissions" not in page
