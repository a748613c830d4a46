from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategy")

    def ready(self):
        from auditlog.registry import auditlog

        from strategy.models import IndicatorValue, PriorityAction, ProgressUpdate

        auditlog.register(PriorityAction, m2m_fields={"supporting_ministries"})
        auditlog.register(ProgressUpdate, exclude_fields=["version", "updated_at"])
        auditlog.register(IndicatorValue)
