from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        from auditlog.registry import auditlog

        from coordination.models import CoordinationBody, Membership, Ministry, User

        # Who opened, changed, deactivated an account or appointed it to a ministry (groups).
        auditlog.register(
            User,
            include_fields=["username", "first_name", "last_name", "email", "role", "language"]
            + ["is_active"],
            m2m_fields={"groups"},
        )
        # Who set up or changed a ministry, a body, or a seat in it (the set-up pages).
        names = [f"name_{language}" for language in ("ar", "en", "ckb")]
        auditlog.register(Ministry, include_fields=["code", *names, "kind", "is_active"])
        auditlog.register(
            CoordinationBody,
            include_fields=["code", *names, "kind", "parent", "quorum_rule", "quorum"]
            + ["quorum_share"],
        )
        auditlog.register(
            Membership,
            include_fields=["ministry", "user", "full_name", "position", "email", "role"]
            + ["alternate_for", "is_active"],
        )
        from coordination.setup import register_setup_page

        register_setup_page(
            title=_("Coordination bodies"),
            url_name="setup:body_list",
            description=_(
                "The high-level body, its working groups and taskforces: members, chair, "
                "alternates and quorum."
            ),
        )
        register_setup_page(
            title=_("Ministries"),
            url_name="setup:ministry_list",
            description=_("The ministries and agencies taking part: names, codes, active or not."),
        )
        # Sign-in signal receivers: the idle clock starts, and whether a second factor is due.
        from coordination import middleware  # noqa: F401
