"""Prepare the load test's database and write the plan the simulated users follow.

Run by loadtest/run on a freshly migrated, empty database:

    LOADTEST_PASSWORD=... python -m loadtest.prepare --plan var/loadtest/plan.json

1. The national dataset (generate_national_dataset) as of today: 40 ministries, 5,000 actions,
   the reports of every quarter already closed, meetings and decisions, and the focal points
   fp-bench-NNN, appointed round the ministries.
2. Secretariat accounts secretariat-load-1 to -5 (the dataset has only one secretariat user).
3. The plan: for each simulated focal point, the reports it will write. A new report on an
   action whose report form opens on a period the ministry has not reported on yet, or the
   ministry's draft or returned reports to finish; never a report already submitted or
   validated. Two simulated focal points of the same ministry get different jobs, so that
   neither works on the other's report: the portal refuses such a second report or second
   edit by design (one report per action, ministry and period; the version check), and the
   load test is about legitimate work.
"""

import argparse
import json
import os
import random
from collections import defaultdict
from pathlib import Path

SECRETARIAT_PREFIX = "secretariat-load-"


def build_plan(*, today, focal_points, seed: int = 1) -> dict[str, list[dict]]:
    """Map each focal point's user name to its jobs, shuffled: ``{"action": id}`` to write a
    new report on an action, ``{"action": id, "report": id}`` to finish a draft or returned
    report. The jobs of a ministry are shared out among its focal points (see the module
    docstring)."""
    from coordination import access
    from strategy.models import PriorityAction, ProgressUpdate, ReportState

    rng = random.Random(seed)  # noqa: S311 - test data, not security
    by_ministry = defaultdict(list)
    for user in focal_points:
        ministries = access.ministry_ids(user)
        if len(ministries) != 1:
            raise SystemExit(f"{user.username} acts for {len(ministries)} ministries, not one")
        by_ministry[next(iter(ministries))].append(user)
    plan = {}
    for ministry_id, users in sorted(by_ministry.items()):
        actions = (
            PriorityAction.objects.restrict(users[0])
            .filter(start_date__lte=today)
            .select_related("pillar__strategy")
            .order_by("pk")
        )
        reported = defaultdict(set)
        jobs = []
        for report in (
            ProgressUpdate.objects.restrict(users[0]).filter(ministry_id=ministry_id).order_by("pk")
        ):
            reported[report.action_id].add(report.period_start)
            if report.state in (ReportState.DRAFT, ReportState.RETURNED):
                jobs.append({"action": report.action_id, "report": report.pk})
        for action in actions:
            periods = action.pillar.strategy.reportable_periods(action.start_date, today)
            # The period the report form opens on (ReportCreateView.default_period): a new
            # report only where it has none yet (an existing one is a job of its own above).
            recent = periods[:2]
            if recent:
                done = reported[action.pk]
                period = next((p for p in reversed(recent) if p[0] not in done), recent[0])
                if period[0] not in done:
                    jobs.append({"action": action.pk})
        rng.shuffle(jobs)
        for index, user in enumerate(users):
            plan[user.username] = jobs[index :: len(users)]
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--password",
        default=os.environ.get("LOADTEST_PASSWORD"),
        help="Password of every simulated user (default: LOADTEST_PASSWORD).",
    )
    parser.add_argument("--plan", type=Path, required=True, help="Where to write the plan.")
    parser.add_argument("--focal-points", type=int, default=50)
    parser.add_argument("--secretariat", type=int, default=5)
    options = parser.parse_args()
    if not options.password:
        parser.error("give --password or set LOADTEST_PASSWORD")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imag.settings")
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from coordination.models import Role, User
    from demo.national_dataset import FOCAL_POINT_PREFIX
    from strategy.models import Strategy

    today = timezone.localdate()
    call_command("generate_national_dataset", password=options.password, as_of=today)
    strategy = Strategy.objects.get()
    if not strategy.start_date <= today <= strategy.end_date:
        # The dataset's strategy runs 2026-2030; outside it there is no period to report on.
        raise SystemExit(
            f"Today ({today}) is outside the dataset's strategy "
            f"({strategy.start_date} to {strategy.end_date})."
        )

    password = make_password(options.password)
    secretariat = [
        User.objects.create(
            username=f"{SECRETARIAT_PREFIX}{number}",
            role=Role.SECRETARIAT,
            first_name="أمانة",
            last_name=str(number),
            email=f"{SECRETARIAT_PREFIX}{number}@imag.example",
            password=password,
        )
        for number in range(1, options.secretariat + 1)
    ]
    # The secretariat signs in with a second factor: each account gets an authenticator
    # whose key the simulated user holds, as a person's telephone does.
    authenticator_keys = {
        user.username: TOTPDevice.objects.create(user=user, name="load test", confirmed=True).key
        for user in secretariat
    }
    focal_points = list(
        User.objects.filter(
            role=Role.FOCAL_POINT, username__startswith=FOCAL_POINT_PREFIX
        ).order_by("username")[: options.focal_points]
    )
    if len(focal_points) < options.focal_points:
        raise SystemExit(f"Only {len(focal_points)} focal points in the dataset.")

    plan = build_plan(today=today, focal_points=focal_points)
    jobs = [job for user_jobs in plan.values() for job in user_jobs]
    finish = sum("report" in job for job in jobs)
    fewest = min(len(user_jobs) for user_jobs in plan.values())
    if fewest == 0:
        raise SystemExit("A simulated focal point has no report to write.")
    options.plan.parent.mkdir(parents=True, exist_ok=True)
    options.plan.write_text(
        json.dumps(
            {
                "today": today.isoformat(),
                "focal_points": plan,
                "secretariat": [user.username for user in secretariat],
                "authenticator_keys": authenticator_keys,
            },
            indent=1,
        )
    )
    print(
        f"Plan: {len(plan)} focal points, {len(jobs) - finish} new reports and {finish} drafts "
        f"or returned reports to finish (at least {fewest} each), {len(secretariat)} "
        f"secretariat users; written to {options.plan}"
    )


if __name__ == "__main__":
    main()
