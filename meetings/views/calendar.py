"""Calendars: the user's private feed address, and the feed a calendar program reads."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from coordination.views import AccessControlledView
from meetings.calendar import feed_ics
from meetings.models import CalendarFeed, Meeting


class CalendarPageView(AccessControlledView):
    """The user's private calendar address, made on request (a GET creates nothing), and a way
    to replace it if it leaked."""

    model = CalendarFeed
    template_name = "meetings/calendar.html"

    def get(self, request, *args, **kwargs):
        feed = CalendarFeed.objects.filter(user=request.user).first()
        url = (
            request.build_absolute_uri(reverse("meetings:calendar_feed", args=[feed.token]))
            if feed
            else ""
        )
        return TemplateResponse(request, self.template_name, {"feed_url": url})

    @transaction.atomic
    def post(self, request, *args, **kwargs):
        replaced, _deleted = CalendarFeed.objects.filter(user=request.user).delete()
        CalendarFeed.objects.create(user=request.user)
        if replaced:
            messages.success(
                request, _("Your calendar address was replaced; the old one no longer works.")
            )
        else:
            messages.success(request, _("Your private calendar address is ready."))
        return redirect("meetings:calendar")


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(AccessControlledView):
    """A calendar program cannot sign in: the secret address stands for the user, and the
    meetings are those the access layer lets that user see."""

    model = Meeting

    def get(self, request, token, *args, **kwargs):
        feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
        if feed is None or not feed.user.is_active:
            raise Http404
        since = timezone.now() - datetime.timedelta(days=365)
        meetings = (
            Meeting.objects.restrict(feed.user).filter(start__gte=since).select_related("body")
        )
        response = HttpResponse(feed_ics(meetings), content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, max-age=900"
        return response
