"""Generate a national-scale dataset for the performance benchmark (see benchmark_pages).

40 ministries, 25 pillars, 5,000 actions with five years of quarterly reports (about 100,000),
600 meetings with their agendas, 3,000 decisions and 200 users by default, written with
bulk_create so that a full run takes minutes on PostgreSQL. The same --seed gives the same
data. Meant for an empty database of its own; it refuses one that already holds actions.

The data describes the strategy's last day by default (2030-12-31: every quarter reported, past
meetings held); --as-of describes another day, with the reports and meetings up to it.

bulk_create sends no signals, so the audit log (strategy/apps.py) records none of this.
"""

import datetime
import random
import time
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import DateTimeField, ExpressionWrapper, F
from django.utils import timezone

from coordination.models import (
    BodyKind,
    CoordinationBody,
    Membership,
    MembershipRole,
    Ministry,
    MinistryKind,
    Role,
    User,
)
from coordination.services import appoint_focal_point, ensure_ministry_group
from demo import demo_data
from meetings.models import (
    AgendaItem,
    AgendaItemKind,
    AgendaState,
    Decision,
    FollowUp,
    FollowUpStatus,
    Invitation,
    InvitationResponse,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from strategy.models import (
    ActionStatus,
    Indicator,
    IndicatorValue,
    Pillar,
    Priority,
    PriorityAction,
    ProgressUpdate,
    ReportEvent,
    ReportEventKind,
    ReportingFrequency,
    ReportState,
    RouteStage,
    Strategy,
)

BATCH = 2000
STRATEGY_CODE = "NSMM-BENCH"
STRATEGY_END = datetime.date(2030, 12, 31)
SECRETARIAT = "secretariat-bench"
STEERING = "steering-bench"
FOCAL_POINT_PREFIX = "fp-bench-"
# Actions are generated and written this many at a time, with their reports, so that memory
# stays flat however many reports there are.
ACTIONS_PER_CHUNK = 500

# Subjects that make generated titles read like the real ones (English, Arabic).
SUBJECTS = [
    ("migration data system", "نظام بيانات الهجرة"),
    ("labour migration agreements", "اتفاقيات هجرة العمالة"),
    ("border management", "إدارة الحدود"),
    ("counter-trafficking", "مكافحة الاتجار بالبشر"),
    ("return and reintegration", "العودة وإعادة الإدماج"),
    ("diaspora engagement", "التواصل مع المغتربين"),
    ("climate-induced displacement", "النزوح الناجم عن المناخ"),
    ("consular protection", "الحماية القنصلية"),
    ("civil documentation", "الوثائق المدنية"),
    ("skills recognition", "الاعتراف بالمهارات"),
]
VERBS = [
    ("Establish", "إنشاء"),
    ("Strengthen", "تعزيز"),
    ("Review", "مراجعة"),
    ("Train staff on", "تدريب الكوادر على"),
    ("Pilot", "تجريب"),
    ("Evaluate", "تقييم"),
]
MINISTRY_KINDS = (
    [MinistryKind.FEDERAL] * 6 + [MinistryKind.KURDISTAN_REGION] * 3 + [MinistryKind.AGENCY]
)
ACTION_STATUSES = (
    [ActionStatus.NOT_STARTED] * 5
    + [ActionStatus.ON_TRACK] * 40
    + [ActionStatus.AT_RISK] * 15
    + [ActionStatus.DELAYED] * 15
    + [ActionStatus.COMPLETED] * 20
    + [ActionStatus.CANCELLED] * 5
)
PERCENT_RANGES = {
    ActionStatus.NOT_STARTED: (0, 0),
    ActionStatus.ON_TRACK: (20, 90),
    ActionStatus.AT_RISK: (10, 70),
    ActionStatus.DELAYED: (5, 60),
    ActionStatus.COMPLETED: (100, 100),
    ActionStatus.CANCELLED: (0, 50),
}
LAST_REPORT_STATES = (
    [ReportState.SUBMITTED] * 5 + [ReportState.RETURNED] * 2 + [ReportState.DRAFT] * 3
)
RETURN_COMMENT = "يرجى إرفاق الأدلة الداعمة وتحديث قيم المؤشرات."


def _ten_o_clock(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


class Command(BaseCommand):
    help = (
        "Generate a national-scale dataset (ministries, strategy, actions, five years of "
        "quarterly reports, meetings, decisions, users) into an empty database, for "
        "benchmark_pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ministries", type=int, default=40)
        parser.add_argument("--pillars", type=int, default=25)
        parser.add_argument("--actions", type=int, default=5000)
        parser.add_argument("--years", type=int, default=5, help="Strategy length, ending 2030.")
        parser.add_argument("--meetings", type=int, default=600)
        parser.add_argument("--decisions", type=int, default=3000)
        parser.add_argument(
            "--users",
            type=int,
            default=200,
            help="All users: secretariat-bench, steering-bench and focal points fp-bench-NNN.",
        )
        parser.add_argument(
            "--password",
            help="Password of every generated user. Required: accounts are never created "
            "without a password you chose.",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            default=None,
            help="The day the data describes (YYYY-MM-DD): reports exist up to the last quarter "
            "ended by then, meetings before it were held. Default: the strategy's last day, so "
            "that every quarter of the strategy has its reports.",
        )

    def handle(self, *args, **options):
        self._check(options)
        self.rng = random.Random(options["seed"])  # noqa: S311 - test data, not security
        self.options = options
        self.end = STRATEGY_END
        self.start = datetime.date(STRATEGY_END.year - options["years"] + 1, 1, 1)
        self.as_of = options["as_of"] or self.end
        self.counts = {}
        began = time.perf_counter()
        self.stdout.write(
            f"Generating into {connection.vendor} database {connection.settings_dict['NAME']!s} "
            f"(strategy {self.start} to {self.end}, data as of {self.as_of}, seed "
            f"{options['seed']})"
        )
        ministries = self._phase("ministries", self._ministries)
        users = self._phase("users", self._users, ministries)
        bodies = self._phase("bodies and memberships", self._bodies, ministries, users)
        strategy, actions = self._phase("strategy, pillars and actions", self._strategy, ministries)
        self._phase("progress updates", self._reports, strategy, actions, users)
        self._phase("meetings and decisions", self._meetings, bodies, ministries, actions)
        self._phase("planner statistics (ANALYZE)", self._analyze)
        self._print_counts(time.perf_counter() - began)

    # -- checks and bookkeeping -----------------------------------------------------------------

    def _check(self, options):
        if not options["password"]:
            raise CommandError(
                "Give --password: the dataset creates sign-in accounts (secretariat-bench, "
                "steering-bench, fp-bench-NNN) and will not create them without a password "
                "you chose."
            )
        for name in ("ministries", "pillars", "actions", "years", "meetings"):
            if options[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        if options["decisions"] < 0:
            raise CommandError("--decisions cannot be negative.")
        if options["users"] < 3:
            raise CommandError("--users must be at least 3 (secretariat, steering, a focal point).")
        if options["ministries"] > 999:
            raise CommandError("--ministries must be at most 999.")
        if PriorityAction.objects.exists():
            raise CommandError(
                "The database already has priority actions. Generate the dataset into an empty "
                "database: create a new one, run migrate, then this command."
            )
        if Ministry.objects.exists() or User.objects.filter(username=STEERING).exists():
            raise CommandError(
                "The database already has ministries or bench users. Generate the dataset into "
                "an empty database: create a new one, run migrate, then this command."
            )

    def _phase(self, label, function, *args):
        self.stdout.write(f"  {label} ...", ending="")
        self.stdout.flush()
        began = time.perf_counter()
        with transaction.atomic():
            result = function(*args)
        self.stdout.write(f" {time.perf_counter() - began:.1f} s")
        return result

    def _bulk(self, model, objects, label=None):
        created = model.objects.bulk_create(objects, batch_size=BATCH)
        key = label or model._meta.object_name
        self.counts[key] = self.counts.get(key, 0) + len(created)
        return created

    @staticmethod
    def _analyze():
        # Fresh tables have no statistics until autovacuum comes by; a benchmark run right
        # after this command would otherwise measure the planner's guesses.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def _print_counts(self, elapsed):
        self.stdout.write(self.style.SUCCESS(f"Dataset generated in {elapsed:.1f} s:"))
        for label, count in self.counts.items():
            self.stdout.write(f"  {count:>9,}  {label}")

    # -- phases ---------------------------------------------------------------------------------

    def _ministries(self) -> list[Ministry]:
        count = self.options["ministries"]
        width = max(2, len(str(count)))
        ministries = self._bulk(
            Ministry,
            [
                Ministry(
                    code=f"M{number:0{width}d}",
                    name_ar=f"وزارة {SUBJECTS[number % len(SUBJECTS)][1]} {number}",
                    name_en=f"Ministry of {SUBJECTS[number % len(SUBJECTS)][0]} {number}",
                    kind=self.rng.choice(MINISTRY_KINDS),
                )
                for number in range(1, count + 1)
            ],
        )
        for ministry in ministries:
            ensure_ministry_group(ministry)
        return ministries

    def _users(self, ministries) -> dict:
        # One hash for everyone: hashing is deliberately slow and would dominate the run.
        password = make_password(self.options["password"])
        people = [
            User(username=SECRETARIAT, role=Role.SECRETARIAT, first_name="أمانة"),
            User(username=STEERING, role=Role.STEERING, first_name="عضو"),
        ]
        focal_points = self.options["users"] - len(people)
        width = max(3, len(str(focal_points)))
        people += [
            User(
                username=f"{FOCAL_POINT_PREFIX}{number:0{width}d}",
                role=Role.FOCAL_POINT,
                first_name="ضابط ارتباط",
                last_name=str(number),
            )
            for number in range(1, focal_points + 1)
        ]
        for person in people:
            person.password = password
            person.email = f"{person.username}@imag.example"
        created = self._bulk(User, people)
        # Focal points go round the ministries, so every ministry has several.
        by_ministry = {}
        for index, user in enumerate(created[2:]):
            ministry = ministries[index % len(ministries)]
            appoint_focal_point(user=user, ministry=ministry)
            by_ministry.setdefault(ministry.pk, user)
        return {"secretariat": created[0], "steering": created[1], "by_ministry": by_ministry}

    def _bodies(self, ministries, users) -> list[CoordinationBody]:
        high_level = CoordinationBody.objects.create(
            code="HCB",
            name_ar="هيئة التنسيق العليا",
            name_en="High-level Coordination Body",
            kind=BodyKind.HIGH_LEVEL,
            quorum=max(1, len(ministries) // 2),
        )
        self.counts["CoordinationBody"] = 1
        groups = self._bulk(
            CoordinationBody,
            [
                CoordinationBody(
                    code=f"WG{number}",
                    name_ar=f"فريق العمل الفني {number}",
                    name_en=f"Technical working group {number}",
                    kind=BodyKind.WORKING_GROUP,
                    parent=high_level,
                    quorum=max(1, len(ministries) // 4),
                )
                for number in range(1, 5)
            ],
        )
        bodies = [high_level, *groups]
        seats = [
            Membership(
                body=body,
                ministry=ministry,
                role=MembershipRole.MEMBER,
                full_name=f"ممثل {ministry.name_ar}",
                position="وكيل الوزارة" if body is high_level else "مدير عام",
                email=f"{body.code.lower()}.{ministry.code.lower()}@imag.example",
            )
            for body in bodies
            for ministry in ministries
        ]
        for username, role in (("steering", MembershipRole.CHAIR), ("secretariat", "secretariat")):
            user = users[username]
            seats.append(
                Membership(
                    body=high_level,
                    user=user,
                    role=role,
                    full_name=f"{user.first_name} {user.username}",
                    email=user.email,
                )
            )
        self._bulk(Membership, seats)
        return bodies

    def _strategy(self, ministries):
        strategy = Strategy.objects.create(
            code=STRATEGY_CODE,
            title_ar=f"الاستراتيجية الوطنية لإدارة الهجرة (بيانات الاختبار) {self.start.year}-"
            f"{self.end.year}",
            title_en=f"National Strategy for Migration Management (benchmark data) "
            f"{self.start.year}-{self.end.year}",
            start_date=self.start,
            end_date=self.end,
            reporting_frequency=ReportingFrequency.QUARTERLY,
        )
        self.counts["Strategy"] = 1
        pillars = self._bulk(
            Pillar,
            [
                Pillar(
                    strategy=strategy,
                    number=number,
                    title_ar=f"المحور {number}: {SUBJECTS[number % len(SUBJECTS)][1]}",
                    title_en=f"Pillar {number}: {SUBJECTS[number % len(SUBJECTS)][0]}",
                )
                for number in range(1, self.options["pillars"] + 1)
            ],
        )
        quarters = strategy.reporting_periods()
        # A few ministries lead many actions, as in life (and the first focal point's ministry
        # is the busiest, the hardest case for a focal point's pages).
        weights = [1 / (rank + 1) ** 0.5 for rank in range(len(ministries))]
        actions, supporting, indicators = [], [], []
        for index in range(self.options["actions"]):
            pillar = pillars[index % len(pillars)]
            lead = self.rng.choices(ministries, weights)[0]
            actions.append(self._action(pillar, index // len(pillars) + 1, lead, quarters))
            others = [m for m in ministries if m is not lead]
            count = min(len(others), self.rng.choice([0, 1, 1, 2, 2, 3]))
            supporting.append(self.rng.sample(others, count))
        actions = self._bulk(PriorityAction, actions)
        through = PriorityAction.supporting_ministries.through
        self._bulk(
            through,
            [
                through(priorityaction_id=action.pk, ministry_id=ministry.pk)
                for action, ministries_of in zip(actions, supporting, strict=True)
                for ministry in ministries_of
            ],
            "PriorityAction.supporting_ministries",
        )
        for action in actions:
            if self.rng.random() < 1 / 3:
                subject_en, subject_ar = self.rng.choice(SUBJECTS)
                baseline = Decimal(self.rng.randint(0, 50))
                indicators.append(
                    Indicator(
                        action=action,
                        name_ar=f"عدد المستفيدين من {subject_ar}",
                        name_en=f"People reached by {subject_en}",
                        unit_ar="شخص",
                        unit_en="people",
                        baseline=baseline,
                        target=baseline + self.rng.randint(50, 1000),
                    )
                )
        indicators = self._bulk(Indicator, indicators)
        self.indicator_of = {indicator.action_id: indicator for indicator in indicators}
        return strategy, actions

    def _action(self, pillar, number, lead, quarters) -> PriorityAction:
        rng = self.rng
        # Most actions start with the strategy; the rest within its first two years.
        roll = rng.random()
        if roll < 0.7:
            first = 0
        elif roll < 0.9:
            first = rng.randint(1, 3)
        else:
            first = rng.randint(4, 7)
        first = min(first, len(quarters) - 1)
        start = quarters[first][0] + datetime.timedelta(days=rng.randint(0, 45))
        due = min(self.end, start + datetime.timedelta(days=rng.randint(365, 4 * 365)))
        status = rng.choice(ACTION_STATUSES)
        stages = [stage for stage in RouteStage if rng.random() < 0.35] or [
            rng.choice(list(RouteStage))
        ]
        verb_en, verb_ar = rng.choice(VERBS)
        subject_en, subject_ar = rng.choice(SUBJECTS)
        code = f"{pillar.number}.{number}"
        return PriorityAction(
            pillar=pillar,
            code=code,
            title_ar=f"{verb_ar} {subject_ar} ({code})",
            title_en=f"{verb_en} {subject_en} ({code})",
            description_ar=f"إجراء ضمن {pillar.title_ar} تقوده {lead.name_ar}.",
            description_en=f"An action under {pillar.title_en}, led by {lead.name_en}.",
            lead_ministry=lead,
            start_date=start,
            due_date=max(due, start),
            status=status,
            priority=rng.choice([Priority.HIGH, Priority.MEDIUM, Priority.MEDIUM, Priority.LOW]),
            percent_complete=rng.randint(*PERCENT_RANGES[status]),
            **{f"concerns_{stage.value}": True for stage in stages},
        )

    def _reports(self, strategy, actions, users):
        closed = [period for period in strategy.reporting_periods() if period[1] <= self.as_of]
        self.stdout.write(f" ({len(closed)} closed quarters)", ending="")
        for first in range(0, len(actions), ACTIONS_PER_CHUNK):
            chunk = actions[first : first + ACTIONS_PER_CHUNK]
            reports, values, events = [], [], []
            for action in chunk:
                reports += self._reports_of(action, closed, users)
            reports = self._bulk(ProgressUpdate, reports)
            for report in reports:
                indicator = self.indicator_of.get(report.action_id)
                if indicator is not None and report.state != ReportState.DRAFT:
                    share = Decimal(report.percent_complete) / 100
                    values.append(
                        IndicatorValue(
                            report=report,
                            indicator=indicator,
                            value=(
                                indicator.baseline + (indicator.target - indicator.baseline) * share
                            ).quantize(Decimal("1")),
                            measured_on=report.period_end,
                        )
                    )
                events += self._events_of(report, users["secretariat"])
            self._bulk(IndicatorValue, values)
            self._bulk(ReportEvent, events)
        # created_at is set on insert; date it a few days before submission, as in life.
        ProgressUpdate.objects.filter(submitted_at__isnull=False).update(
            created_at=ExpressionWrapper(
                F("submitted_at") - datetime.timedelta(days=3), output_field=DateTimeField()
            )
        )

    def _reports_of(self, action, closed, users) -> list[ProgressUpdate]:
        rng = self.rng
        periods = [period for period in closed if period[1] >= action.start_date]
        author = users["by_ministry"].get(action.lead_ministry_id)
        reviewer = users["secretariat"]
        reports = []
        for number, (start, end) in enumerate(periods, start=1):
            last = number == len(periods)
            if last:
                state = rng.choice(LAST_REPORT_STATES)
                status = action.status
                percent = action.percent_complete
            else:
                # Mostly validated; a few still wait for the secretariat.
                state = ReportState.VALIDATED if rng.random() < 0.97 else ReportState.SUBMITTED
                status = self._earlier_status(action.status, number / len(periods))
                percent = min(99, round(action.percent_complete * number / len(periods)))
            language = rng.choice(["ar", "ar", "en"])
            narratives = demo_data.NARRATIVES.get(status, demo_data.NARRATIVES["delayed"])
            asks_support = status in (ActionStatus.AT_RISK, ActionStatus.DELAYED)
            submitted = state != ReportState.DRAFT
            reviewed = state in (ReportState.VALIDATED, ReportState.RETURNED)
            submitted_at = _ten_o_clock(
                min(self.as_of, end + datetime.timedelta(days=rng.randint(1, 14)))
            )
            reports.append(
                ProgressUpdate(
                    action=action,
                    ministry_id=action.lead_ministry_id,
                    period_start=start,
                    period_end=end,
                    status=status,
                    percent_complete=percent,
                    narrative=rng.choice(narratives[language]).format(
                        action=action.title_ar if language == "ar" else action.title_en
                    ),
                    challenges=rng.choice(demo_data.CHALLENGES[language]) if asks_support else "",
                    support_needed=rng.choice(demo_data.SUPPORT_NEEDED[language])
                    if asks_support and rng.random() < 0.3
                    else "",
                    state=state,
                    created_by=author,
                    submitted_by=author if submitted else None,
                    submitted_at=submitted_at if submitted else None,
                    reviewed_by=reviewer if reviewed else None,
                    reviewed_at=submitted_at + datetime.timedelta(days=5) if reviewed else None,
                    review_comment=RETURN_COMMENT if state == ReportState.RETURNED else "",
                )
            )
        return reports

    def _earlier_status(self, final, progress: float):
        """What an earlier report said: on track at first, the final trouble showing later."""
        if final in (ActionStatus.NOT_STARTED, ActionStatus.ON_TRACK):
            return final
        if final in (ActionStatus.COMPLETED, ActionStatus.CANCELLED):
            return ActionStatus.ON_TRACK if self.rng.random() < 0.85 else ActionStatus.AT_RISK
        return final if progress > 0.6 and self.rng.random() < 0.7 else ActionStatus.ON_TRACK

    @staticmethod
    def _events_of(report, reviewer) -> list[ReportEvent]:
        events = []
        if report.submitted_at is not None and report.submitted_by is not None:
            events.append(
                ReportEvent(
                    report=report,
                    kind=ReportEventKind.SUBMITTED,
                    actor=report.submitted_by,
                    at=report.submitted_at,
                )
            )
        if report.reviewed_at is not None:
            events.append(
                ReportEvent(
                    report=report,
                    kind=ReportEventKind.VALIDATED
                    if report.state == ReportState.VALIDATED
                    else ReportEventKind.RETURNED,
                    actor=reviewer,
                    at=report.reviewed_at,
                    comment=report.review_comment,
                )
            )
        return events

    def _meetings(self, bodies, ministries, actions):
        rng = self.rng
        high_level, groups = bodies[0], bodies[1:]
        led_by = {}
        for action in actions:
            led_by.setdefault(action.lead_ministry_id, []).append(action.pk)
        seats = {
            (seat.body_id, seat.ministry_id): seat
            for seat in Membership.objects.filter(ministry__isnull=False)
        }
        own_seats = list(Membership.objects.filter(body=high_level, ministry__isnull=True))
        as_of = _ten_o_clock(self.as_of)
        span = (self.end - self.start).days
        meetings, invited = [], []
        days = sorted(rng.randint(0, span) for _ in range(self.options["meetings"]))
        for number, offset in enumerate(days, start=1):
            body = high_level if rng.random() < 0.1 else rng.choice(groups)
            start = _ten_o_clock(self.start + datetime.timedelta(days=offset))
            if start < as_of:
                status = MeetingStatus.HELD if rng.random() < 0.92 else MeetingStatus.CANCELLED
            else:
                status = MeetingStatus.PLANNED if rng.random() < 0.95 else MeetingStatus.POSTPONED
            published = status != MeetingStatus.CANCELLED and (
                start - datetime.timedelta(days=14) <= as_of
            )
            meetings.append(
                Meeting(
                    body=body,
                    kind=MeetingKind.HIGH_LEVEL if body is high_level else MeetingKind.TECHNICAL,
                    title_ar=f"الاجتماع {number} لـ{body.name_ar}",
                    title_en=f"{body.name_en}: meeting {number}",
                    location_ar="بغداد، مقر وزارة التخطيط",
                    location_en="Baghdad, Ministry of Planning",
                    start=start,
                    status=status,
                    agenda_state=AgendaState.PUBLISHED if published else AgendaState.DRAFT,
                    published_at=start - datetime.timedelta(days=14) if published else None,
                )
            )
            count = min(len(ministries), rng.randint(5, 15))
            invited.append(rng.sample(ministries, count))
        meetings = self._bulk(Meeting, meetings)
        through = Meeting.invited_ministries.through
        self._bulk(
            through,
            [
                through(meeting_id=meeting.pk, ministry_id=ministry.pk)
                for meeting, ministries_of in zip(meetings, invited, strict=True)
                for ministry in ministries_of
            ],
            "Meeting.invited_ministries",
        )
        invitations, items, item_actions = [], [], []
        for meeting, ministries_of in zip(meetings, invited, strict=True):
            if meeting.agenda_state == AgendaState.PUBLISHED:
                invitations += self._invitations(meeting, ministries_of, seats, own_seats)
            for order in range(1, rng.randint(3, 5) + 1):
                presenter = rng.choice(ministries_of)
                subject_en, subject_ar = rng.choice(SUBJECTS)
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        order=order,
                        title_ar=f"متابعة {subject_ar}",
                        title_en=f"Follow-up of {subject_en}",
                        kind=rng.choice(list(AgendaItemKind)),
                        presenter_ministry=presenter,
                        minutes_allotted=rng.choice([10, 15, 20, 30]),
                    )
                )
                candidates = led_by.get(presenter.pk, [])
                item_actions.append(
                    rng.sample(candidates, min(len(candidates), rng.randint(1, 3)))
                    if candidates and rng.random() < 0.5
                    else []
                )
        self._bulk(Invitation, invitations)
        items = self._bulk(AgendaItem, items)
        through = AgendaItem.priority_actions.through
        self._bulk(
            through,
            [
                through(agendaitem_id=item.pk, priorityaction_id=action_id)
                for item, action_ids in zip(items, item_actions, strict=True)
                for action_id in action_ids
            ],
            "AgendaItem.priority_actions",
        )
        items_of = {}
        for item in items:
            items_of.setdefault(item.meeting_id, []).append(item)
        held = [meeting for meeting in meetings if meeting.status == MeetingStatus.HELD]
        if not held:
            self.stdout.write(" (no meeting held by then: no decisions)", ending="")
            return
        invited_of = {
            meeting.pk: ministries_of
            for meeting, ministries_of in zip(meetings, invited, strict=True)
        }
        self._decisions(held, items_of, invited_of)

    @staticmethod
    def _invitations(meeting, ministries_of, seats, own_seats) -> list[Invitation]:
        held = meeting.status == MeetingStatus.HELD
        chosen = [seats[(meeting.body_id, ministry.pk)] for ministry in ministries_of]
        if meeting.kind == MeetingKind.HIGH_LEVEL:
            chosen += own_seats
        return [
            Invitation(
                meeting=meeting,
                ministry_id=seat.ministry_id,
                membership=seat,
                user_id=seat.user_id,
                name=seat.full_name,
                email=seat.email,
                response=InvitationResponse.ATTENDING if held else InvitationResponse.PENDING,
                attended=True if held else None,
            )
            for seat in chosen
        ]

    def _decisions(self, held, items_of, invited_of):
        rng = self.rng
        decisions, responsible = [], []
        for number in range(1, self.options["decisions"] + 1):
            meeting = rng.choice(held)
            item = rng.choice(items_of[meeting.pk])
            due = meeting.start.date() + datetime.timedelta(days=rng.randint(30, 180))
            if due < self.as_of - datetime.timedelta(days=60):
                weights = {"done": 75, "in_progress": 10, "blocked": 5, "pending": 10}
            else:
                weights = {"done": 10, "in_progress": 40, "blocked": 10, "pending": 40}
            status = rng.choices(list(weights), list(weights.values()))[0]
            subject_en, subject_ar = rng.choice(SUBJECTS)
            decisions.append(
                Decision(
                    meeting=meeting,
                    agenda_item=item,
                    code=f"BENCH-{meeting.start.year}-{number:05d}",
                    text_ar=f"تكليف الوزارات المعنية بمتابعة {subject_ar} ورفع تقرير إلى الهيئة.",
                    text_en=f"The ministries concerned follow up {subject_en} and report back.",
                    due_date=due if rng.random() < 0.95 else None,
                    follow_up_status=status,
                )
            )
            ministries_of = invited_of[meeting.pk]
            responsible.append(
                rng.sample(ministries_of, min(len(ministries_of), rng.randint(1, 3)))
            )
        decisions = self._bulk(Decision, decisions)
        through = Decision.responsible_ministries.through
        self._bulk(
            through,
            [
                through(decision_id=decision.pk, ministry_id=ministry.pk)
                for decision, ministries_of in zip(decisions, responsible, strict=True)
                for ministry in ministries_of
            ],
            "Decision.responsible_ministries",
        )
        open_statuses = [FollowUpStatus.PENDING, FollowUpStatus.IN_PROGRESS, FollowUpStatus.BLOCKED]
        self._bulk(
            FollowUp,
            [
                FollowUp(
                    decision=decision,
                    ministry=ministry,
                    # A decision is done when every ministry is; an open one has some behind.
                    status=decision.follow_up_status
                    if decision.follow_up_status == FollowUpStatus.DONE or rng.random() < 0.6
                    else rng.choice(open_statuses + [FollowUpStatus.DONE]),
                )
                for decision, ministries_of in zip(decisions, responsible, strict=True)
                for ministry in ministries_of
            ],
        )
