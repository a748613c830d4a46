"""iCalendar (RFC 5545) for meetings: invitations, updates, cancellations and a feed."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Event, vCalAddress, vText

PRODID = "-//IMAG Portal//Inter-ministerial coordination//EN"
REMINDER_BEFORE = datetime.timedelta(hours=1)


PARTSTAT = {"attending": "ACCEPTED", "not_attending": "DECLINED", "delegate": "DELEGATED"}


def organizer_address() -> str:
    if settings.MEETINGS_ORGANIZER_EMAIL:
        return settings.MEETINGS_ORGANIZER_EMAIL
    return settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()


def meeting_event(meeting, invitations=(), cancelled: bool = False) -> Event:
    event = Event()
    event.add("uid", f"{meeting.uid}@imag-portal")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.end)
    event.add("summary", meeting.title)
    where = ", ".join(filter(None, [meeting.location, meeting.online_link]))
    if where:
        event.add("location", where)
    if meeting.online_link:
        event.add("url", meeting.online_link)
    event.add("description", f"{meeting.body.name}\n{settings.PORTAL_URL}/meetings/{meeting.pk}/")
    # A meeting whose agenda is not yet published is only pencilled in.
    published = meeting.agenda_state == "published"
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED" if published else "TENTATIVE")
    organizer = vCalAddress(f"mailto:{organizer_address()}")
    organizer.params["cn"] = vText("IMAG Portal")
    event.add("organizer", organizer)
    for invitation in invitations:
        if not invitation.email:
            continue
        attendee = vCalAddress(f"mailto:{invitation.email}")
        attendee.params["cn"] = vText(invitation.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText(PARTSTAT.get(invitation.response, "NEEDS-ACTION"))
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee, encode=0)
    if not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", meeting.title)
        alarm.add("trigger", -REMINDER_BEFORE)
        event.add_component(alarm)
    return event


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def invitation_ics(meeting, invitations) -> bytes:
    """METHOD:REQUEST for an invitation or an update, METHOD:CANCEL for a cancellation."""
    cancelled = meeting.is_cancelled
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    calendar.add_component(meeting_event(meeting, invitations, cancelled=cancelled))
    return calendar.to_ical()


def feed_ics(meetings) -> bytes:
    """A subscribable calendar of the meetings one user may see."""
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", "IMAG Portal")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, cancelled=meeting.is_cancelled))
    return calendar.to_ical()
