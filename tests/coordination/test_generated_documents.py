"""What every generated document shares (coordination.generated): the state it goes through,
a retry after a failure, the download's headers, and a PDF that loads nothing remote."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import translation

from coordination import generated
from coordination.generated import DocumentState
from reporting.models import QuarterlyReport
from tests.meetings.test_meetings import pango_installed


@pytest.fixture
def report(story):
    return QuarterlyReport.objects.create(
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
        kind="xlsx",
        language="ar",
        requested_by=story["fp_momd"],
    )


def test_a_failed_document_keeps_its_error_and_a_retry_makes_it_ready(report):
    def broken(document):
        raise RuntimeError("The template is missing")

    def in_the_requesters_language(document):
        return translation.get_language().encode()

    assert generated.render(QuarterlyReport, report.pk, broken) == DocumentState.FAILED
    report.refresh_from_db()
    assert (report.state, report.error) == ("failed", "The template is missing")
    assert not report.file
    retried = generated.render(QuarterlyReport, report.pk, in_the_requesters_language)
    assert retried == DocumentState.READY
    report.refresh_from_db()
    assert (report.state, report.error) == ("ready", "")
    assert report.seconds is not None
    assert generated.render(QuarterlyReport, report.pk, broken) == DocumentState.READY
    response = generated.document_response(report)
    assert response.content == b"ar"
    assert response["Content-Disposition"] == 'attachment; filename="imag-2026-07.xlsx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.skipif(not pango_installed(), reason="PDFs need Pango: see README (CI has it)")
def test_a_generated_pdf_is_made_without_fetching_what_it_names():
    requests = []

    class Server(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_error(404)

    with ThreadingHTTPServer(("127.0.0.1", 0), Server) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}"
        pdf = generated.pdf_from_html(
            f'<link rel="stylesheet" href="{url}/style.css"><p>Report</p><img src="{url}/logo.png">'
        )
        server.shutdown()
    assert pdf.startswith(b"%PDF") and requests == []
