"""50 focal points and 5 secretariat users on the portal, each signed in with an account of
their own (loadtest/prepare.py creates the accounts and the plan; loadtest/run runs this).

Focal points browse their ministry's pages and submit progress reports through the real form:
they read the form from the page, change what a person would change, and press "Submit to the
secretariat". Every submission's narrative carries a token of its own; a submission counts as
confirmed when the portal answers with its report page and that page shows the token. Once in
a while a focal point presses the button twice at once, as an impatient user does: the portal
must still store one report, and answer both presses with that one report.

The secretariat browses the steering dashboard, the validation queue, the decision register and
meetings, and validates (or now and then returns) submitted reports. Two secretariat users may
decide on the same report at the same moment: the portal's answer to the second is its report
page with a "the report changed state meanwhile" message, which is correct, not an error.

The requests go to gunicorn without TLS, as they would behind the TLS proxy of a production
deployment: every request carries X-Forwarded-Proto: https (what the proxy adds) and an Origin
header (what a browser sends), and the client keeps sending the portal's Secure cookies on this
hop, as a browser does over HTTPS.

Environment: LOADTEST_PLAN (the plan's path), LOADTEST_PASSWORD, LOADTEST_RESULTS (where the
figures and the submissions are written when locust quits, for loadtest/report.py).
"""

import json
import os
import random
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from django_otp.oath import totp
from locust import HttpUser, between, events, task
from locust.exception import StopUser
from locust.stats import StatsEntry
from requests.cookies import RequestsCookieJar

from loadtest.html_forms import form_with_button, form_with_field
from loadtest.report import MARK

PLAN = json.loads(Path(os.environ["LOADTEST_PLAN"]).read_text())
PASSWORD = os.environ["LOADTEST_PASSWORD"]
RESULTS = Path(os.environ["LOADTEST_RESULTS"])
# Every tenth submission is sent twice at once; every fifth attaches a file.
DOUBLE_SUBMIT_EVERY = 10
EVIDENCE_EVERY = 5
# The smallest file the portal accepts as a PDF (its content is checked, not its name).
EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

REPORT_URL = re.compile(r"^/actions/reports/(\d+)/$")
UPDATE_URL = re.compile(r"^/actions/reports/(\d+)/edit/$")
ACTION_LINK = re.compile(r'href="/actions/(\d+)/"')
REPORT_LINK = re.compile(r'href="/actions/reports/(\d+)/"')
QUEUE_URL = "/actions/reports/queue/"
MEETING_LINK = re.compile(r'href="/meetings/(\d+)/"')
STATIC_LINK = re.compile(r'(?:href|src)="(/static/[^"]+)"')
SIGN_IN_REQUESTS = {"sign-in page", "static file", "sign in"}

rng = random.Random()  # noqa: S311 - what a simulated person clicks, not security
# Accounts not yet taken by a simulated user, and what the users did, for report.py.
free_accounts = {
    "FocalPoint": list(PLAN["focal_points"]),
    "Secretariat": list(PLAN["secretariat"]),
}
submissions: list[dict] = []
error_responses: list[dict] = []
# Checks that concern more than one response (both presses of a double submit).
check_failures: list[str] = []
users_without_account: list[str] = []
reviews = {"validate": 0, "return": 0}


class BrowserCookieJar(RequestsCookieJar):
    """Sends the portal's Secure cookies over this plain-HTTP hop (see the module docstring)."""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


@events.request.add_listener
def _count_error_responses(request_type, name, response, exception, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    if status >= 400 or (exception is not None and status == 0):
        error_responses.append(
            {"request": f"{request_type} {name}", "status": status, "error": str(exception)}
        )


def _figures(label, entry) -> dict:
    measured = entry.num_requests > 0
    return {
        "name": label,
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "median_ms": entry.get_response_time_percentile(0.5) if measured else None,
        "p95_ms": entry.get_response_time_percentile(0.95) if measured else None,
        "max_ms": entry.max_response_time if measured else None,
    }


@events.quitting.add_listener
def _write_results(environment, **kwargs):
    stats = environment.stats
    total = stats.total
    # The work after signing in: each sign-in hashes a password on purpose (about 0.4 s of
    # processor), and 55 of them at once hold every worker for a while.
    work = StatsEntry(stats, "browsing and submitting", "")
    for entry in stats.entries.values():
        if entry.name not in SIGN_IN_REQUESTS:
            work.extend(entry)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "seconds": (total.last_request_timestamp or total.start_time) - total.start_time,
                "total": _figures("overall", total),
                "work": _figures("after signing in", work),
                "pages": [
                    _figures(f"{entry.method} {entry.name}", entry)
                    for entry in sorted(stats.entries.values(), key=lambda e: (e.name, e.method))
                ],
                "failures": [
                    {
                        "request": f"{f.method} {f.name}",
                        "error": str(f.error),
                        "count": f.occurrences,
                    }
                    for f in stats.errors.values()
                ],
                "error_responses": error_responses,
                "check_failures": check_failures,
                "submissions": submissions,
                "reviews": reviews,
                "users_without_account": users_without_account,
            },
            indent=1,
            ensure_ascii=False,
        )
    )


class PortalUser(HttpUser):
    abstract = True
    # Between two clicks a person reads the page: two to six seconds here, which is brisk.
    wait_time = between(2, 6)

    def on_start(self):
        self.client.cookies = BrowserCookieJar()
        origin = f"https://{urlsplit(self.host).netloc}"
        self.client.headers.update({"X-Forwarded-Proto": "https", "Origin": origin})
        accounts = free_accounts[type(self).__name__]
        if not accounts:
            users_without_account.append(type(self).__name__)
            raise StopUser
        self.username = accounts.pop(0)
        self.sign_in()

    def sign_in(self):
        """Once per simulated user; a refused sign-in stops the user (django-axes locks an
        account out after five failures, so it is never retried)."""
        page = self.get(
            "/accounts/login/",
            "sign-in page",
            check=lambda r: None if form_with_field(r.text, "password") else "No sign-in form",
        )
        if page is None:
            raise StopUser
        # What a browser loads on its first visit (later pages reuse the cached files).
        for path in sorted(set(STATIC_LINK.findall(page.text))):
            self.get(path, "static file")
        form = form_with_field(page.text, "password")
        form.fields.update({"username": self.username, "password": PASSWORD})
        answer = self.post(
            "/accounts/login/",
            "sign in",
            form.fields,
            check=lambda r: (
                None if r.headers.get("Location") == "/" else f"Sign-in of {self.username} refused"
            ),
        )
        if answer is None:
            raise StopUser
        key = PLAN.get("authenticator_keys", {}).get(self.username)
        if key:
            self.give_second_factor(key)

    def give_second_factor(self, key: str):
        """The code the person's authenticator app shows now (a required role's second
        step: the portal asks for it before any page)."""
        page = self.get(
            "/accounts/two-factor/verify/",
            "second factor page",
            check=lambda r: None if form_with_field(r.text, "code") else "No code form",
        )
        if page is None:
            raise StopUser
        form = form_with_field(page.text, "code")
        form.fields["code"] = f"{totp(bytes.fromhex(key)):06d}"
        answer = self.post(
            "/accounts/two-factor/verify/",
            "second factor",
            form.fields,
            check=lambda r: (
                None if r.headers.get("Location") == "/" else f"Code of {self.username} refused"
            ),
        )
        if answer is None:
            raise StopUser

    # -- requests, each with the checks of its page ------------------------------------------

    def request(self, method, path, name, expect, check=None, **kwargs):
        """The response, or None after recording why it is wrong: an unexpected status, or
        what ``check`` (response -> problem or None) finds."""
        with self.client.request(
            method, path, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            if response.status_code not in expect:
                response.failure(f"HTTP {response.status_code}, expected {expect}")
                return None
            problem = check(response) if check else None
            if problem:
                response.failure(problem)
                return None
            return response

    def get(self, path, name, expect=(200,), check=None):
        return self.request("GET", path, name, expect, check)

    def post(self, path, name, data, files=None, expect=(302,), check=None):
        return self.request("POST", path, name, expect, check, data=data, files=files)


class FocalPoint(PortalUser):
    weight = 50

    def on_start(self):
        super().on_start()
        self.jobs = list(PLAN["focal_points"][self.username])
        self.seen_actions = [job["action"] for job in self.jobs[:25]]

    @task(3)
    def home(self):
        self.get("/", "home")

    @task(2)
    def ministry_dashboard(self):
        self.get("/dashboard/ministry/", "ministry dashboard")

    @task(3)
    def action_list(self):
        query = rng.choice(
            ["", "?due=report_due", "?due=report_overdue", "?status=at_risk", "?page=2"]
        )
        page = self.get(f"/actions/{query}", "action list")
        if page is not None:
            self.seen_actions = [int(pk) for pk in ACTION_LINK.findall(page.text)] or (
                self.seen_actions
            )

    @task(3)
    def action_detail(self):
        if self.seen_actions:
            self.get(f"/actions/{rng.choice(self.seen_actions)}/", "action detail")

    @task(1)
    def notifications(self):
        self.get("/notifications/", "notifications")

    @task(3)
    def report_progress(self):
        """From the action's page to "Report progress" (or "Continue the draft"), the form,
        and the submit button."""
        if not self.jobs:
            return  # this focal point has written every report of its plan
        job = self.jobs.pop(0)
        pk = job["action"]
        if self.get(f"/actions/{pk}/", "action detail") is None:
            return
        if "report" in job:
            kind, url = "finish", f"/actions/reports/{job['report']}/edit/"
        else:
            kind, url = "new", f"/actions/{pk}/reports/new/"
        page = self.get(
            url,
            f"report form: {kind}",
            expect=(200, 302) if kind == "new" else (200,),
            check=lambda r: (
                None
                if r.status_code == 200 or UPDATE_URL.match(r.headers.get("Location", ""))
                else f"Redirected to {r.headers.get('Location')}, not to a report to finish"
            ),
        )
        if page is not None and page.status_code == 302:
            # The ministry started this period's report: the portal opens it for editing.
            kind, url = "finish", page.headers["Location"]
            page = self.get(url, "report form: finish")
        if page is None:
            return
        form = form_with_button(page.text, "submit_report")
        if form is None:
            check_failures.append(f"{self.username}: no report form on {url}")
            return
        token = f"{MARK}{uuid.uuid4()}"
        self.submit(pk, kind, url, self.fill_report(form, token), token)

    def fill_report(self, form, token) -> dict:
        data = dict(form.fields)
        status = rng.choice(["on_track", "on_track", "at_risk", "delayed"])
        data["status"] = status
        data["percent_complete"] = str(rng.randint(5, 95))
        data["narrative"] = (
            f"{token}\nتم إنجاز الأنشطة المخطط لها لهذه الفترة وفق الجدول الزمني، "
            "مع متابعة التنسيق مع الوزارات الشريكة."
        )
        if status != "on_track":
            data["challenges"] = "تأخر في إصدار الموافقات الإدارية اللازمة."
        for name in data:
            if name.startswith("value_") and not data[name]:
                data[name] = str(rng.randint(1, 500))
        data["submit_report"] = ""
        data["confirm_submit"] = "on"  # the box a person ticks before submitting
        return data

    def submit(self, action_pk, kind, url, data, token):
        number = len(submissions) + 1
        # multipart/form-data as a browser sends it, with a file or with the empty file part.
        evidence = (
            ("evidence-page.pdf", EVIDENCE_PDF, "application/pdf")
            if number % EVIDENCE_EVERY == 0
            else ("", b"", "application/octet-stream")
        )
        twice = number % DOUBLE_SUBMIT_EVERY == 0
        record = {"token": token, "user": self.username, "action": action_pk, "kind": kind}
        record.update(twice=twice, evidence=bool(evidence[0]), report=None)
        submissions.append(record)
        name = f"report submit: {kind}"

        def press():
            return self.post(
                url,
                name,
                data,
                files={"evidence": evidence},
                check=lambda r: (
                    None
                    if REPORT_URL.match(r.headers.get("Location", ""))
                    else f"Answered with {r.headers.get('Location')}, not a report page"
                ),
            )

        if twice:
            # An impatient double click: the same form sent twice at once.
            presses = [gevent.spawn(press), gevent.spawn(press)]
            gevent.joinall(presses)
            answers = [press.value for press in presses]
        else:
            answers = [press()]
        if any(answer is None for answer in answers):
            return  # already recorded as a failure
        locations = {answer.headers["Location"] for answer in answers}
        if len(locations) != 1:
            check_failures.append(f"{token}: the two presses got {sorted(locations)}")
            return
        location = locations.pop()
        shown = self.get(
            location,
            "report detail",
            check=lambda r: (
                None
                if token in r.text
                else "The portal answered with a report that is not this submission"
            ),
        )
        if shown is not None:
            record["report"] = int(REPORT_URL.match(location).group(1))


class Secretariat(PortalUser):
    weight = 5

    @task(3)
    def steering_dashboard(self):
        self.get("/dashboard/", "steering dashboard")

    @task(2)
    def decision_register(self):
        self.get(f"/meetings/decisions/{rng.choice(['', '?page=2'])}", "decision register")

    @task(2)
    def meetings(self):
        page = self.get("/meetings/", "meeting list")
        links = MEETING_LINK.findall(page.text) if page is not None else []
        if links:
            self.get(f"/meetings/{rng.choice(links)}/", "meeting detail")

    @task(1)
    def home(self):
        self.get("/", "home")

    @task(6)
    def review_report(self):
        """A report from the queue's first page (the longest waiting) or its last (the load
        test's own submissions): read it, then validate it, or now and then return it."""
        page = rng.choice(["", "?page=last"])
        queue = self.get(f"/actions/reports/queue/{page}", "validation queue")
        links = REPORT_LINK.findall(queue.text) if queue is not None else []
        if not links:
            return
        pk = rng.choice(links)
        report = self.get(f"/actions/reports/{pk}/", "report detail")
        form = form_with_button(report.text, "decision") if report is not None else None
        if form is None:
            return  # decided by another secretariat user since the queue was read
        decision = "return" if rng.random() < 0.1 else "validate"
        data = dict(form.fields, decision=decision)
        if decision == "return":
            data["comment"] = "يرجى إرفاق الأدلة الداعمة وتحديث قيم المؤشرات."
        # A decision leads on to the next report waiting (or the queue once none is left);
        # one another secretariat user made first leaves this report's page as it was.
        answer = self.post(
            form.action,
            f"report review: {decision}",
            data,
            check=lambda r: (
                None
                if REPORT_URL.match(r.headers.get("Location", ""))
                or r.headers.get("Location") == QUEUE_URL
                else f"Answered with {r.headers.get('Location')}"
            ),
        )
        if answer is not None:
            reviews[decision] += 1
            location = answer.headers["Location"]
            self.get(location, "validation queue" if location == QUEUE_URL else "report detail")
