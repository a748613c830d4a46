"""The national dataset's strategy: its pillars, actions and indicators, and five years of
quarterly progress reports (national_dataset.py runs these phases). Each phase takes the run, a
national_dataset.NationalDataset, first: its random numbers, size, dates and bulk writer."""

import datetime
from decimal import Decimal

from django.db.models import DateTimeField, ExpressionWrapper, F

from demo.records import progress_update, report_events, ten_o_clock, yearly_targets
from strategy.models import (
    ActionStatus,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Pillar,
    Priority,
    PriorityAction,
    ProgressUpdate,
    ReportEvent,
    ReportingFrequency,
    ReportState,
    RouteStage,
    Strategy,
)

STRATEGY_CODE = "NSMM-BENCH"
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


def create_strategy(dataset, ministries):
    """The strategy, its pillars and actions, and an indicator for about a third of the
    actions with a target for each year of its action. Returns the strategy, the actions and
    (indicator, final target) by action id."""
    rng = dataset.rng
    strategy = Strategy.objects.create(
        code=STRATEGY_CODE,
        title_ar=f"الاستراتيجية الوطنية لإدارة الهجرة (بيانات الاختبار) {dataset.start.year}-"
        f"{dataset.end.year}",
        title_en=f"National Strategy for Migration Management (benchmark data) "
        f"{dataset.start.year}-{dataset.end.year}",
        start_date=dataset.start,
        end_date=dataset.end,
        reporting_frequency=ReportingFrequency.QUARTERLY,
    )
    dataset.counts["Strategy"] = 1
    pillars = dataset.bulk(
        Pillar,
        [
            Pillar(
                strategy=strategy,
                number=number,
                title_ar=f"المحور {number}: {SUBJECTS[number % len(SUBJECTS)][1]}",
                title_en=f"Pillar {number}: {SUBJECTS[number % len(SUBJECTS)][0]}",
            )
            for number in range(1, dataset.size.pillars + 1)
        ],
    )
    quarters = strategy.reporting_periods()
    # A few ministries lead many actions, as in life (and the first focal point's ministry
    # is the busiest, the hardest case for a focal point's pages).
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(ministries))]
    actions, supporting, indicators = [], [], []
    for index in range(dataset.size.actions):
        pillar = pillars[index % len(pillars)]
        lead = rng.choices(ministries, weights)[0]
        actions.append(_action(dataset, pillar, index // len(pillars) + 1, lead, quarters))
        others = [m for m in ministries if m is not lead]
        count = min(len(others), rng.choice([0, 1, 1, 2, 2, 3]))
        supporting.append(rng.sample(others, count))
    actions = dataset.bulk(PriorityAction, actions)
    through = PriorityAction.supporting_ministries.through
    dataset.bulk(
        through,
        [
            through(priorityaction_id=action.pk, ministry_id=ministry.pk)
            for action, ministries_of in zip(actions, supporting, strict=True)
            for ministry in ministries_of
        ],
        "PriorityAction.supporting_ministries",
    )
    finals = []
    for action in actions:
        if rng.random() < 1 / 3:
            subject_en, subject_ar = rng.choice(SUBJECTS)
            baseline = Decimal(rng.randint(0, 50))
            indicators.append(
                Indicator(
                    action=action,
                    name_ar=f"عدد المستفيدين من {subject_ar}",
                    name_en=f"People reached by {subject_en}",
                    unit_ar="شخص",
                    unit_en="people",
                    baseline=baseline,
                )
            )
            finals.append(baseline + rng.randint(50, 1000))
    indicators = dataset.bulk(Indicator, indicators)
    dataset.bulk(
        IndicatorTarget,
        [
            target
            for indicator, final in zip(indicators, finals, strict=True)
            for target in yearly_targets(
                indicator, final, indicator.action.start_date.year, indicator.action.due_date.year
            )
        ],
    )
    return (
        strategy,
        actions,
        {
            indicator.action_id: (indicator, final)
            for indicator, final in zip(indicators, finals, strict=True)
        },
    )


def _action(dataset, pillar, number, lead, quarters) -> PriorityAction:
    rng = dataset.rng
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
    due = min(dataset.end, start + datetime.timedelta(days=rng.randint(365, 4 * 365)))
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


def create_reports(dataset, strategy, actions, indicator_of, users):
    """Every closed quarter's report of each action's lead ministry, with its indicator's
    value and the events of its review."""
    closed = [period for period in strategy.reporting_periods() if period[1] <= dataset.as_of]
    dataset.progress.note(f"{len(closed)} closed quarters")
    for first in range(0, len(actions), ACTIONS_PER_CHUNK):
        chunk = actions[first : first + ACTIONS_PER_CHUNK]
        reports, values, events = [], [], []
        for action in chunk:
            reports += _reports_of(dataset, action, closed, users)
        reports = dataset.bulk(ProgressUpdate, reports)
        for report in reports:
            indicator, final = indicator_of.get(report.action_id, (None, None))
            if indicator is not None and report.state != ReportState.DRAFT:
                share = Decimal(report.percent_complete) / 100
                values.append(
                    IndicatorValue(
                        report=report,
                        indicator=indicator,
                        value=(indicator.baseline + (final - indicator.baseline) * share).quantize(
                            Decimal("1")
                        ),
                        measured_on=report.period_end,
                    )
                )
            events += report_events(report, users["secretariat"])
        dataset.bulk(IndicatorValue, values)
        dataset.bulk(ReportEvent, events)
    # created_at is set on insert; date it a few days before submission, as in life.
    ProgressUpdate.objects.filter(submitted_at__isnull=False).update(
        created_at=ExpressionWrapper(
            F("submitted_at") - datetime.timedelta(days=3), output_field=DateTimeField()
        )
    )


def _reports_of(dataset, action, closed, users) -> list[ProgressUpdate]:
    rng = dataset.rng
    periods = [period for period in closed if period[1] >= action.start_date]
    author = users["by_ministry"].get(action.lead_ministry_id)
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
            status = _earlier_status(rng, action.status, number / len(periods))
            percent = min(99, round(action.percent_complete * number / len(periods)))
        language = rng.choice(["ar", "ar", "en"])
        submitted_at = ten_o_clock(
            min(dataset.as_of, end + datetime.timedelta(days=rng.randint(1, 14)))
        )
        reports.append(
            progress_update(
                rng=rng,
                action=action,
                ministry=action.lead_ministry,
                period=(start, end),
                status=status,
                percent=percent,
                language=language,
                state=state,
                author=author,
                reviewer=users["secretariat"],
                reported_at=submitted_at,
                support_chance=0.3,
            )
        )
    return reports


def _earlier_status(rng, final, progress: float):
    """What an earlier report said: on track at first, the final trouble showing later."""
    if final in (ActionStatus.NOT_STARTED, ActionStatus.ON_TRACK):
        return final
    if final in (ActionStatus.COMPLETED, ActionStatus.CANCELLED):
        return ActionStatus.ON_TRACK if rng.random() < 0.85 else ActionStatus.AT_RISK
    return final if progress > 0.6 and rng.random() < 0.7 else ActionStatus.ON_TRACK
