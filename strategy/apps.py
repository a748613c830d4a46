from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategy")

    def ready(self):
        from auditlog.registry import auditlog

        from strategy import (
            figures,
            notification_kinds,  # noqa: F401 (registers the kinds)
        )
        from strategy.models import (
            Indicator,
            IndicatorTarget,
            IndicatorValue,
            Pillar,
            PriorityAction,
            ProgressUpdate,
            Strategy,
        )

        # What people change, not bookkeeping columns.
        # The dashboards' figures change in the transaction of every write that changes
        # them, whoever writes (a service, a form, the admin): see strategy/figures.py.
        figures.connect()
        from coordination.setup import register_setup_page

        register_setup_page(
            title=_("Strategy and pillars"),
            url_name="strategy:strategy_setup",
            description=_(
                "The strategy's dates, reporting frequency and days to report, with a preview "
                "of its reporting periods; its pillars. Indicators and their yearly targets "
                "are set on each action's page."
            ),
        )
        auditlog.register(
            PriorityAction,
            include_fields=[
                "code",
                "pillar",
                "lead_ministry",
                "start_date",
                "due_date",
                "status",
                "priority",
                "percent_complete",
                "concerns_departure",
                "concerns_transit",
                "concerns_abroad",
                "concerns_return",
                *(
                    f"{name}_{language}"
                    for name in ("title", "description")
                    for language in ("ar", "en", "ckb")
                ),
            ],
            m2m_fields={"supporting_ministries"},
        )
        auditlog.register(
            ProgressUpdate,
            include_fields=[
                "status",
                "percent_complete",
                "narrative",
                "challenges",
                "support_needed",
                "state",
                "review_comment",
            ],
        )
        auditlog.register(IndicatorValue, include_fields=["value", "measured_on"])
        # The set-up the secretariat keeps (strategy/views/setup.py), in every language.
        auditlog.register(
            Strategy,
            include_fields=[
                "code",
                "start_date",
                "end_date",
                "reporting_frequency",
                "report_due_days",
                *(f"title_{language}" for language in ("ar", "en", "ckb")),
            ],
        )
        auditlog.register(
            Pillar,
            include_fields=["number", *(f"title_{language}" for language in ("ar", "en", "ckb"))],
        )
        auditlog.register(
            Indicator,
            include_fields=[
                "baseline",
                "direction",
                *(
                    f"{name}_{language}"
                    for name in ("name", "unit")
                    for language in ("ar", "en", "ckb")
                ),
            ],
        )
        auditlog.register(IndicatorTarget, include_fields=["year", "value"])
