"""Focal points in bulk: a dry run lists every mistake of the file by row and column, in
the reader's language; confirmed, all the accounts are opened together and their links
e-mailed only once that is committed; the same file again opens nothing."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook

from coordination import access, notification_kinds
from coordination.models import Notification, User
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = ["Name", "E-mail", "Ministry code", "Language"]
CLEAN = [
    ["Salma Kareem", "salma@momd.gov.iq", "MoMD", "ar"],
    ["Karwan Aziz", "karwan@moi.gov.iq", "moi", "Central Kurdish"],
]


def workbook(rows, header=HEADER) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("roster.xlsx", buffer.getvalue())


def csv_file(rows, header=HEADER) -> SimpleUploadedFile:
    lines = [",".join(row) for row in [header, *rows]]
    return SimpleUploadedFile("roster.csv", ("\n".join(lines) + "\n").encode("utf-8-sig"))


def upload(client, file):
    return client.post(reverse("people:people_import"), {"file": file})


def confirm(client):
    return client.post(reverse("people:people_import"), {"confirm": "1"})


def errors(response):
    return [(e.row, e.column, e.message) for e in response.context["plan"].errors]


def test_the_dry_run_lists_every_planted_mistake_by_row_and_column(client, story, momd, moi):
    factories.UserFactory(username="taken", email="Taken@MoMD.gov.iq")
    rows = [
        ["Salma Kareem", "salma@momd.gov.iq", "MoMD", "ar"],  # fine
        ["No Ministry", "nm@momd.gov.iq", "MoXX", "en"],
        ["Bad Mail", "not-an-address", "MoMD", "en"],
        ["Again Salma", "SALMA@momd.gov.iq", "MoI", "ckb"],
        ["Taken", "taken@momd.gov.iq", "MoMD", "en"],
        ["Odd Language", "odd@moi.gov.iq", "MoI", "fr"],
        ["", "", "", ""],  # a blank line is skipped
        ["", "noname@moi.gov.iq", "MoI", "en"],
    ]
    client.force_login(story["secretariat"])
    response = upload(client, workbook(rows))
    assert response.status_code == 200
    assert errors(response) == [
        (3, "C (Ministry code)", "“MoXX” is not the code of an active ministry."),
        (4, "B (E-mail)", "“not-an-address” is not a valid e-mail address."),
        (5, "B (E-mail)", "“SALMA@momd.gov.iq” is already on row 2 of this file."),
        (7, "D (Language)", "“fr” is not a language of the portal (ar, ckb, en)."),
        (9, "A (Name)", "The name is missing."),
        (6, "B (E-mail)", "An account already uses “taken@momd.gov.iq”."),
    ]
    assert [a.email for a in response.context["plan"].accounts] == ["salma@momd.gov.iq"]
    html = response.content.decode()
    assert "Open these accounts" not in html  # nothing to confirm while mistakes remain
    # And nothing to confirm behind the page's back either.
    assert confirm(client).status_code == 302
    assert not User.objects.filter(email__iendswith="@momd.gov.iq").exclude(username="taken")


def test_the_mistakes_are_told_in_the_readers_language(client, story, momd):
    story["secretariat"].language = "ar"
    story["secretariat"].save()
    client.force_login(story["secretariat"])
    response = upload(client, workbook([["سلمى", "bad", "MoMD", "ar"]]))
    [(row, column, message)] = errors(response)
    english = "“bad” is not a valid e-mail address."
    with translation.override("ar"):
        arabic = gettext("“%(value)s” is not a valid e-mail address.") % {"value": "bad"}
        header = gettext("E-mail")
    assert (row, column, message) == (2, f"B ({header})", arabic)
    assert arabic != english and header != "E-mail"
    assert arabic in response.content.decode()


def test_a_clean_file_opens_every_account_and_mails_the_links_after_the_commit(
    client, story, momd, moi, django_capture_on_commit_callbacks
):
    client.force_login(story["secretariat"])
    response = upload(client, workbook(CLEAN))
    assert errors(response) == []
    assert "Open these accounts" in response.content.decode()
    assert not User.objects.filter(email="salma@momd.gov.iq").exists()  # a dry run
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        done = confirm(client)
        assert done.status_code == 302
        assert mail.outbox == []  # nothing sent before the commit
    salma = User.objects.get(email="salma@momd.gov.iq")
    karwan = User.objects.get(email="karwan@moi.gov.iq")
    assert (salma.first_name, salma.language, salma.role) == ("Salma Kareem", "ar", "focal_point")
    assert karwan.language == "ckb"
    assert access.ministry_ids(salma) == {momd.pk}
    assert access.ministry_ids(karwan) == {moi.pk}
    assert not salma.has_usable_password()
    assert Notification.objects.filter(kind=notification_kinds.ACCOUNT_CREATED).count() == 2
    for callback in callbacks:
        callback()
    assert sorted(email.to[0] for email in mail.outbox) == [
        "karwan@moi.gov.iq",
        "salma@momd.gov.iq",
    ]


def test_the_same_file_again_creates_nothing_and_says_why(client, story, momd, moi):
    client.force_login(story["secretariat"])
    upload(client, csv_file(CLEAN))
    confirm(client)
    assert User.objects.filter(role="focal_point", email__contains=".gov.iq").count() == 2
    again = upload(client, csv_file(CLEAN))
    assert errors(again) == [
        (2, "B (E-mail)", "An account already uses “salma@momd.gov.iq”."),
        (3, "B (E-mail)", "An account already uses “karwan@moi.gov.iq”."),
    ]
    confirm(client)
    assert User.objects.filter(role="focal_point", email__contains=".gov.iq").count() == 2


def test_an_account_opened_between_the_check_and_the_confirmation_stops_all(
    client, story, momd, moi
):
    client.force_login(story["secretariat"])
    upload(client, workbook(CLEAN))
    factories.UserFactory(username="karwan", email="karwan@moi.gov.iq")
    response = confirm(client)
    assert response.status_code == 409
    assert not User.objects.filter(email="salma@momd.gov.iq").exists()


def test_headers_in_another_language_are_read(client, story, momd):
    with translation.override("ar"):
        from coordination.people_import import header_names

        arabic = header_names()
    client.force_login(story["secretariat"])
    response = upload(
        client, workbook([["سلمى كريم", "salma@momd.gov.iq", "MoMD", "العربية"]], arabic)
    )
    assert errors(response) == []
    assert response.context["plan"].accounts[0].language == "ar"


def test_files_are_checked_by_content(client, story):
    client.force_login(story["secretariat"])
    fake = SimpleUploadedFile("roster.xlsx", b"%PDF-1.4 not a roster")
    response = upload(client, fake)
    assert response.status_code == 400
    assert "not an Excel workbook (.xlsx) or a CSV file" in response.content.decode()
    latin1 = SimpleUploadedFile("roster.csv", "Name\nJosé\xff".encode("latin-1"))
    assert upload(client, latin1).status_code == 400


def test_files_are_checked_by_size(client, story, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(story["secretariat"])
    response = upload(client, csv_file(CLEAN * 5))
    assert response.status_code == 400
    assert "files may be at most" in response.content.decode()


def test_the_template_has_the_headers_in_the_readers_language(client, story):
    client.force_login(story["secretariat"])
    response = client.get(reverse("people:people_import_template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADER
    story["secretariat"].language = "ar"
    story["secretariat"].save()
    client.force_login(story["secretariat"])
    response = client.get(
        reverse("people:people_import_template"), headers={"accept-language": "ar"}
    )
    with translation.override("ar"):
        from coordination.people_import import header_names

        expected = header_names()
    assert [
        cell.value for cell in load_workbook(io.BytesIO(response.content)).active[1]
    ] == expected
    assert expected != HEADER


def test_the_import_pages_need_a_signed_in_person(client, story):
    for name in ("people:people_import", "people:people_import_template"):
        assert client.get(reverse(name)).url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["steering", "fp_momd", "fp_unassigned"])
def test_only_the_secretariat_and_administrators_import(client, story, role):
    client.force_login(story[role])
    assert client.get(reverse("people:people_import")).status_code == 403
    assert client.get(reverse("people:people_import_template")).status_code == 403
    assert upload(client, workbook(CLEAN)).status_code == 403
    assert not User.objects.filter(email="salma@momd.gov.iq").exists()
