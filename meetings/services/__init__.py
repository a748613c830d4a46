"""Meetings: invitations, agenda, attendance, minutes, decisions and their follow-up, one module
each. Every function checks rights through the access layer and writes in one transaction.
Callers import from the module, such as ``from meetings.services.minutes import save_minutes``."""
