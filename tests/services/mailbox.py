"""An e-mail backend for the worker processes of the fault tests: every message becomes a
file ``<uuid>.eml`` in $IMAG_TEST_MAILBOX, so a test counts what a worker sent. With
$IMAG_TEST_MAIL_PAUSE, the first message waits that many seconds before it is sent (a slow
mail server), after writing its process id to ``paused.pid``: time to kill that process."""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        mailbox = Path(os.environ["IMAG_TEST_MAILBOX"])
        pause = float(os.environ.get("IMAG_TEST_MAIL_PAUSE", "0"))
        if pause:
            try:
                with (mailbox / "paused.pid").open("x") as marker:
                    marker.write(str(os.getpid()))
            except FileExistsError:
                pass  # only the first message waits
            else:
                time.sleep(pause)
        for message in email_messages:
            (mailbox / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)
