"""Focal points in bulk: a spreadsheet (.xlsx) or CSV file of name, e-mail, ministry code and
language is read and checked as a whole (a dry run that lists every mistake by row and
column), then, once confirmed, every account is opened in one transaction; the links to
choose a password are e-mailed after it commits (coordination.notifications.notify)."""

import contextlib
import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from coordination import services
from coordination.exports import in_any_language
from coordination.models import Ministry, Role, User
from coordination.uploads import XLSX, check_document, detect_document_type

# The columns, in the template's order: (key, header in the reader's language).
COLUMNS = (
    ("name", gettext_lazy("Name")),
    ("email", gettext_lazy("E-mail")),
    ("ministry", gettext_lazy("Ministry code")),
    ("language", gettext_lazy("Language")),
)
# More rows than a ministry roster holds is a wrong file, not a roster.
MAX_ROWS = 1000
NAME_MAX_LENGTH = User._meta.get_field("first_name").max_length


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str  # "B (E-mail)", or "" for the whole row or file
    message: str


@dataclass(frozen=True)
class PlannedAccount:
    row: int
    name: str
    email: str
    ministry: Ministry
    language: str

    @property
    def username(self) -> str:
        return self.email.lower()


@dataclass
class ImportPlan:
    """What an import would do: the accounts it would open, or why it cannot."""

    accounts: list[PlannedAccount] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.errors and bool(self.accounts)


def header_names() -> list[str]:
    return [str(label) for _key, label in COLUMNS]


def _column(index: int) -> str:
    return f"{get_column_letter(index + 1)} ({COLUMNS[index][1]})"


def read_rows(uploaded) -> list[list[str]]:
    """The cells of the file's first sheet as text, the header row first; a ValidationError
    for a file that is neither an Excel workbook nor a UTF-8 CSV file, judged by content."""
    if uploaded.size > settings.UPLOAD_MAX_BYTES or uploaded.size == 0:
        check_document(uploaded)  # says why, in the same words as every other upload
    uploaded.seek(0)
    if uploaded.read(4) == b"PK\x03\x04":
        if check_document(uploaded) != XLSX:
            raise ValidationError(_("The file is not an Excel workbook (.xlsx) or a CSV file."))
        return _workbook_rows(uploaded)
    if detect_document_type(uploaded) is not None:  # a PDF or an image, whatever its name
        raise ValidationError(_("The file is not an Excel workbook (.xlsx) or a CSV file."))
    uploaded.seek(0)
    content = uploaded.read()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        raise ValidationError(
            _(
                "The file is not an Excel workbook (.xlsx) or a CSV file in UTF-8: save it "
                "from your spreadsheet as “CSV UTF-8”."
            )
        )
    dialect = csv.excel
    # One column, or an odd file: read as plain CSV, and its rows say what is wrong.
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _workbook_rows(uploaded) -> list[list[str]]:
    uploaded.seek(0)
    try:
        book = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(_("The Excel file could not be read: is it damaged?")) from error
    try:
        sheet = book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(["" if value is None else str(value).strip() for value in values])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def _language_codes() -> dict[str, str]:
    """Every way the file may name a language: its code, or its name in any of the portal's
    languages (a roster typed in Arabic says العربية)."""
    names = in_any_language((label, code) for code, label in settings.LANGUAGES)
    for code, _label in settings.LANGUAGES:
        names[code.lower()] = code
        names[translation.get_language_info(code)["name_local"].strip().lower()] = code
    return names


def _header_keys() -> dict[str, str]:
    """The column headers in every language of the portal, so that a template downloaded in
    one language may be uploaded by someone reading another."""
    return in_any_language((label, key) for key, label in COLUMNS)


def plan_import(rows: list[list[str]]) -> ImportPlan:
    """Check every row (nothing is written): each mistake with its row and column, and the
    accounts that would be opened."""
    plan = ImportPlan()
    if not rows:
        plan.errors.append(RowError(1, "", _("The file is empty.")))
        return plan
    keys = _header_keys()
    found = [keys.get(cell.strip().lower()) for cell in rows[0]]
    missing = [label for key, label in COLUMNS if key not in found]
    if missing:
        plan.errors.append(
            RowError(
                1,
                "",
                _("The first row must name the columns %(columns)s; missing: %(missing)s.")
                % {
                    "columns": ", ".join(header_names()),
                    "missing": ", ".join(str(label) for label in missing),
                },
            )
        )
        return plan
    position = {key: found.index(key) for key, _label in COLUMNS}
    body = rows[1:]
    if len(body) > MAX_ROWS:
        plan.errors.append(
            RowError(
                1,
                "",
                ngettext(
                    "The file has more than %(n)s row.",
                    "The file has more than %(n)s rows.",
                    MAX_ROWS,
                )
                % {"n": MAX_ROWS},
            )
        )
        return plan
    ministries = {
        ministry.code.lower(): ministry for ministry in Ministry.objects.filter(is_active=True)
    }
    languages = _language_codes()
    emails_in_file: dict[str, int] = {}
    candidates = []
    for number, cells in enumerate(body, start=2):
        values = {
            key: cells[index].strip() if index < len(cells) else ""
            for key, index in position.items()
        }
        if not any(values.values()):
            continue  # a blank line between blocks of a roster
        errors = []

        def error(key, message, *, row=number, errors=errors):
            index = [k for k, _label in COLUMNS].index(key)
            errors.append(RowError(row, _column(index), message))

        if not values["name"]:
            error("name", _("The name is missing."))
        elif len(values["name"]) > NAME_MAX_LENGTH:
            error(
                "name",
                ngettext(
                    "The name is longer than %(n)s character.",
                    "The name is longer than %(n)s characters.",
                    NAME_MAX_LENGTH,
                )
                % {"n": NAME_MAX_LENGTH},
            )
        email = values["email"]
        if not email:
            error("email", _("The e-mail address is missing."))
        else:
            try:
                validate_email(email)
                User.username_validator(email.lower())
            except ValidationError:
                error("email", _("“%(value)s” is not a valid e-mail address.") % {"value": email})
            else:
                first = emails_in_file.setdefault(email.lower(), number)
                if first != number:
                    error(
                        "email",
                        _("“%(value)s” is already on row %(row)s of this file.")
                        % {"value": email, "row": first},
                    )
        ministry = ministries.get(values["ministry"].lower())
        if not values["ministry"]:
            error("ministry", _("The ministry code is missing."))
        elif ministry is None:
            error(
                "ministry",
                _("“%(value)s” is not the code of an active ministry.")
                % {"value": values["ministry"]},
            )
        language = languages.get(values["language"].lower())
        if not values["language"]:
            error("language", _("The language is missing."))
        elif language is None:
            error(
                "language",
                _("“%(value)s” is not a language of the portal (%(choices)s).")
                % {
                    "value": values["language"],
                    "choices": ", ".join(code for code, _name in settings.LANGUAGES),
                },
            )
        if errors:
            plan.errors.extend(errors)
        else:
            candidates.append(PlannedAccount(number, values["name"], email, ministry, language))
    taken = _existing_accounts([account.email for account in candidates])
    for account in candidates:
        if account.email.lower() in taken:
            plan.errors.append(
                RowError(
                    account.row,
                    _column(1),
                    _("An account already uses “%(value)s”.") % {"value": account.email},
                )
            )
        else:
            plan.accounts.append(account)
    if not plan.errors and not plan.accounts:
        plan.errors.append(RowError(2, "", _("The file has no focal point under its headers.")))
    return plan


def _existing_accounts(emails: list[str]) -> set[str]:
    """Of ``emails``, those (lowercased) already an account's e-mail address or user name."""
    lowered = sorted({email.lower() for email in emails})
    if not lowered:
        return set()
    rows = (
        User.objects.annotate(email_lower=Lower("email"), username_lower=Lower("username"))
        .filter(Q(email_lower__in=lowered) | Q(username_lower__in=lowered))
        .values_list("email_lower", "username_lower")
    )
    return {value for row in rows for value in row} & set(lowered)


@transaction.atomic
def import_focal_points(*, rows: list[list[str]], by: User) -> ImportPlan:
    """Open every account of a clean plan, checked again now, in one transaction: all or
    none. Their links go out once it commits."""
    # One import at a time: two at once would both find an address free.
    User.objects.select_for_update().filter(pk=by.pk).first()
    plan = plan_import(rows)
    if not plan.is_clean:
        return plan
    for planned in plan.accounts:
        services.save_account(
            account=User(
                username=planned.username,
                email=planned.email,
                first_name=planned.name,
                role=Role.FOCAL_POINT,
                language=planned.language,
            ),
            ministries=[planned.ministry],
            by=by,
        )
    return plan
