"""Strings that third-party apps show our users but do not translate into Arabic or
Central Kurdish (django-guardian's permission screens, django-auditlog's actions): listed
here so that makemessages puts them in our catalogues, which Django consults as well."""

from django.utils.translation import gettext_noop as _

GUARDIAN = [
    _("Object permissions"),
    _("User permissions"),
    _("Group permissions"),
    _("Manage user"),
    _("Manage group"),
    _("User identification"),
    _("Permissions"),
    _("Object"),
    _("Action"),
    _("This user does not exist"),
    _("This group does not exist"),
    _("Enter a value compatible with User.USERNAME_FIELD"),
]
AUDITLOG = [_("create"), _("update"), _("delete"), _("access")]
