from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlanConfig(AppConfig):
    name = "actionplan"
    verbose_name = _("Action plan from Excel")

    def ready(self):
        from coordination.setup import register_setup_page

        register_setup_page(
            title=_("The action plan from Excel"),
            url_name="actionplan:plan",
            description=_(
                "Pillars, priority actions, indicators and yearly targets from a workbook: checked "
                "first, then imported in one go; the plan as it stands, in the same format."
            ),
        )
