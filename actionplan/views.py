"""The action plan from Excel: the template and the strategy's plan to download, a workbook
to upload, its dry run (every problem, or every change it would make) and the import once
confirmed. For the secretariat and administrators; an import is its uploader's."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplan import services, workbook
from actionplan.forms import PlanUploadForm
from actionplan.models import ImportState, PlanImport
from actionplan.tasks import check_plan_import, run_plan_import
from coordination import access
from coordination.exports import CONTENT_TYPE, workbook_with_sheets
from coordination.queue import enqueue
from coordination.views import ManagersOnlyView, RestrictedObjectMixin
from strategy.models import Strategy

# A step not started after this long was left by a broker outage: it may be asked again.
STALLED_AFTER = datetime.timedelta(minutes=5)


def _workbook_response(name: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class PlanView(ManagersOnlyView):
    """The page: download the template or the current plan, upload a filled workbook."""

    model = PlanImport
    template_name = "actionplan/plan.html"

    def render(self, form, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "form": form,
                "strategy": Strategy.objects.current(),
                "imports": self.get_queryset().order_by("-uploaded_at")[:10],
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render(PlanUploadForm())

    def post(self, request, *args, **kwargs):
        form = PlanUploadForm(request.POST, request.FILES)
        strategy = Strategy.objects.current()
        if strategy is None:
            messages.error(request, _("There is no strategy in force to import a plan into."))
            return self.render(form, status=400)
        if not form.is_valid():
            return self.render(form, status=400)
        upload = form.cleaned_data["file"]
        with transaction.atomic():
            plan_import = PlanImport(
                strategy=strategy,
                original_name=upload.name[:255],
                uploaded_by=request.user,
                language=request.LANGUAGE_CODE,
            )
            plan_import.file.save("plan.xlsx", upload, save=False)
            plan_import.save()
            transaction.on_commit(lambda: enqueue(check_plan_import, plan_import.pk))
        return redirect("actionplan:import", plan_import.pk)


class PlanTemplateView(ManagersOnlyView):
    model = PlanImport

    def get(self, request, *args, **kwargs):
        return _workbook_response(
            "action-plan-template.xlsx", workbook_with_sheets(workbook.sheets())
        )


class PlanExportView(ManagersOnlyView):
    """The strategy's plan in the template's format: imported again, it changes nothing."""

    model = PlanImport

    def get(self, request, *args, **kwargs):
        strategy = Strategy.objects.current()
        rows = workbook.plan_rows(request.user, strategy) if strategy else None
        name = f"action-plan-{timezone.localdate().isoformat()}.xlsx"
        return _workbook_response(name, workbook_with_sheets(workbook.sheets(rows)))


class PlanImportView(ManagersOnlyView, RestrictedObjectMixin):
    """One upload: waiting for its dry run, its problems or changes, the import's progress
    and result. htmx refreshes the status part while a task runs; without JavaScript, the
    page says to reload it."""

    model = PlanImport
    template_name = "actionplan/import.html"
    status_template_name = "actionplan/_import_status.html"

    def get(self, request, *args, **kwargs):
        plan_import = self.get_object()
        running = plan_import.state in (ImportState.CHECKING, ImportState.IMPORTING)
        context = {
            "plan_import": plan_import,
            "running": running,
            "stalled": running and timezone.now() - plan_import.uploaded_at > STALLED_AFTER,
            "progress": services.progress(plan_import.pk)
            if plan_import.state == ImportState.IMPORTING
            else None,
        }
        template = self.status_template_name if request.htmx else self.template_name
        return TemplateResponse(request, template, context)


class PlanImportRunView(ManagersOnlyView, RestrictedObjectMixin):
    """Confirm the import of a checked file (or ask again for a step the broker lost)."""

    model = PlanImport
    access_action = access.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        plan_import = self.get_object()
        if plan_import.state == ImportState.CHECKED and not plan_import.problems:
            PlanImport.objects.filter(pk=plan_import.pk).update(state=ImportState.IMPORTING)
            enqueue(run_plan_import, plan_import.pk)
        elif plan_import.state == ImportState.CHECKING:
            enqueue(check_plan_import, plan_import.pk)
        elif plan_import.state == ImportState.IMPORTING:
            enqueue(run_plan_import, plan_import.pk)
        else:
            messages.error(request, _("This file cannot be imported: upload it again."))
        return redirect("actionplan:import", plan_import.pk)
