"""A national-scale dataset for the performance benchmark (generate_national_dataset, then
benchmark_pages).

40 ministries, 25 pillars, 5,000 actions with five years of quarterly reports (about 100,000),
600 meetings with their agendas, 3,000 decisions and 200 users by default, written with
bulk_create so that a full run takes minutes on PostgreSQL. The same seed gives the same
data. Meant for an empty database of its own: refuse_unless_empty() says whether it is one.

The data describes the strategy's last day by default (2030-12-31: every quarter reported, past
meetings held); as_of describes another day, with the reports and meetings up to it.

bulk_create sends no signals, so the audit log (strategy/apps.py) records none of this.

    national_dataset.py    the generator, its phases, ministries, users and bodies
    national_strategy.py   the strategy, pillars, actions, indicators and progress reports
    national_meetings.py   meetings, agendas, invitations, decisions and follow-ups
"""

import datetime
import random
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

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
from demo.national_meetings import create_meetings
from demo.national_strategy import SUBJECTS, create_reports, create_strategy
from demo.records import email_address, ministry_seat
from strategy.figures import rebuild as rebuild_figures
from strategy.models import PriorityAction

BATCH = 2000
STRATEGY_END = datetime.date(2030, 12, 31)
SECRETARIAT = "secretariat-bench"
STEERING = "steering-bench"
FOCAL_POINT_PREFIX = "fp-bench-"
MINISTRY_KINDS = (
    [MinistryKind.FEDERAL] * 6 + [MinistryKind.KURDISTAN_REGION] * 3 + [MinistryKind.AGENCY]
)


class DatabaseNotEmpty(Exception):
    """The database already holds data that the dataset would collide with."""


@dataclass(frozen=True)
class DatasetSize:
    ministries: int
    pillars: int
    actions: int
    # The strategy's length, ending with STRATEGY_END's year.
    years: int
    meetings: int
    decisions: int
    # Everyone: the secretariat and steering users, and focal points for the rest.
    users: int


class Progress(Protocol):
    """Where a run reports how far it got (the command prints it)."""

    def phase(self, label: str) -> AbstractContextManager: ...

    def note(self, text: str) -> None: ...


def refuse_unless_empty() -> None:
    if PriorityAction.objects.exists():
        raise DatabaseNotEmpty(
            "The database already has priority actions. Generate the dataset into an empty "
            "database: create a new one, run migrate, then this command."
        )
    if Ministry.objects.exists() or User.objects.filter(username=STEERING).exists():
        raise DatabaseNotEmpty(
            "The database already has ministries or bench users. Generate the dataset into "
            "an empty database: create a new one, run migrate, then this command."
        )


class NationalDataset:
    """One run of the generator: its size, random numbers and dates, and the number of
    records written so far, by model."""

    def __init__(
        self,
        *,
        size: DatasetSize,
        password: str,
        seed: int,
        as_of: datetime.date | None,
        progress: Progress,
    ):
        self.size = size
        self.password = password
        self.rng = random.Random(seed)  # noqa: S311 - test data, not security
        self.end = STRATEGY_END
        self.start = datetime.date(STRATEGY_END.year - size.years + 1, 1, 1)
        self.as_of = as_of or self.end
        self.progress = progress
        self.counts = {}

    def generate(self) -> None:
        """Write the whole dataset, each phase in a transaction of its own."""
        phase = self.progress.phase
        with phase("ministries"), transaction.atomic():
            ministries = self._ministries()
        with phase("users"), transaction.atomic():
            users = self._users(ministries)
        with phase("bodies and memberships"), transaction.atomic():
            bodies = self._bodies(ministries, users)
        with phase("strategy, pillars and actions"), transaction.atomic():
            strategy, actions, indicator_of = create_strategy(self, ministries)
        with phase("progress updates"), transaction.atomic():
            create_reports(self, strategy, actions, indicator_of, users)
        with phase("meetings and decisions"), transaction.atomic():
            create_meetings(self, bodies, ministries, actions, users)
        with phase("dashboard figures"):
            # bulk_create sends no signals: the kept figures are made once, from everything.
            self.counts.update(rebuild_figures())
        with phase("planner statistics and visibility map (VACUUM ANALYZE)"):
            self._analyze()

    def bulk(self, model, objects, label=None):
        created = model.objects.bulk_create(objects, batch_size=BATCH)
        key = label or model._meta.object_name
        self.counts[key] = self.counts.get(key, 0) + len(created)
        return created

    def _ministries(self) -> list[Ministry]:
        count = self.size.ministries
        width = max(2, len(str(count)))
        ministries = self.bulk(
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
        password = make_password(self.password)
        people = [
            User(username=SECRETARIAT, role=Role.SECRETARIAT, first_name="أمانة"),
            User(username=STEERING, role=Role.STEERING, first_name="عضو"),
        ]
        focal_points = self.size.users - len(people)
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
            person.email = email_address(person.username)
        created = self.bulk(User, people)
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
        groups = self.bulk(
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
        seats = [ministry_seat(body, ministry) for body in bodies for ministry in ministries]
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
        self.bulk(Membership, seats)
        return bodies

    @staticmethod
    def _analyze():
        # Fresh tables have no statistics, and no visibility map for index-only scans, until
        # autovacuum comes by; a benchmark run right after this command would otherwise
        # measure the planner's guesses and heap reads a live database does not make.
        # VACUUM runs outside a transaction.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
