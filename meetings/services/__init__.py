"""Meetings: invitations, agenda, attendance, minutes, decisions and their follow-up, one module
each. Every function checks rights through the access layer and writes in one transaction.
Callers import from the module, such as ``from meetings.services.minutes import save_minutes``."""

# meetings/papers.py, left unchanged until the PDFs are reworked, still reads these three
# through ``from meetings import services``.
from meetings.services.agenda import matters_arising
from meetings.services.minutes import current_texts, minutes_of

__all__ = ["current_texts", "matters_arising", "minutes_of"]
