import datetime

import factory

from coordination.models import CoordinationBody, Ministry, Role, User
from meetings.models import AgendaItem, Decision, Meeting
from strategy.models import (
    Indicator,
    IndicatorTarget,
    Pillar,
    PriorityAction,
    ProgressUpdate,
    Strategy,
)


class MinistryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ministry
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"M{n:03d}")
    name_en = factory.LazyAttribute(lambda o: f"Ministry {o.code}")
    name_ar = factory.LazyAttribute(lambda o: f"وزارة {o.code}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.FOCAL_POINT
    # Assertions read the English source strings; Arabic pages are tested on their own.
    language = "en"
    password = factory.django.Password("correct-horse-battery")


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy
        django_get_or_create = ("code",)

    code = "NSMM-TEST"
    title_en = "National Strategy for Migration Management"
    title_ar = "الاستراتيجية الوطنية لإدارة الهجرة"
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2030, 12, 31)


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar
        django_get_or_create = ("strategy", "number")

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.LazyAttribute(lambda o: f"Pillar {o.number}")
    title_ar = factory.LazyAttribute(lambda o: f"المحور {o.number}")


class PriorityActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityAction
        skip_postgeneration_save = True

    pillar = factory.LazyFunction(lambda: PillarFactory(number=1))
    code = factory.Sequence(lambda n: f"1.{n + 1}")
    title_en = factory.LazyAttribute(lambda o: f"Action {o.code}")
    title_ar = factory.LazyAttribute(lambda o: f"إجراء {o.code}")
    lead_ministry = factory.SubFactory(MinistryFactory)
    start_date = datetime.date(2026, 1, 1)
    due_date = datetime.date(2027, 6, 30)
    concerns_return = True

    @factory.post_generation
    def supporting_ministries(self, create, extracted, **kwargs):
        if create and extracted:
            self.supporting_ministries.set(extracted)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    action = factory.SubFactory(PriorityActionFactory)
    name_ar = "عدد المحافظات"
    name_en = "Governorates covered"
    baseline = 2

    @factory.post_generation
    def targets(self, create, extracted, **kwargs):
        """{year: value}; by default 18 for every year of the action."""
        if not create:
            return
        if extracted is None:
            years = range(self.action.start_date.year, self.action.due_date.year + 1)
            extracted = dict.fromkeys(years, 18)
        for year, value in extracted.items():
            IndicatorTarget.objects.create(indicator=self, year=year, value=value)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(PriorityActionFactory)
    ministry = factory.LazyAttribute(lambda o: o.action.lead_ministry)
    period_start = datetime.date(2026, 7, 1)
    period_end = datetime.date(2026, 9, 30)
    status = "on_track"
    percent_complete = 40
    narrative = "Progress as planned."


class CoordinationBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinationBody
        django_get_or_create = ("code",)

    code = "HCB"
    kind = "high_level"
    name_en = "High-level Inter-ministerial Coordination Body for Migration"
    name_ar = "الهيئة العليا للتنسيق بين الوزارات بشأن الهجرة"
    quorum = 3


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    body = factory.SubFactory(CoordinationBodyFactory)
    title_en = factory.Sequence(lambda n: f"Plenary {n}")
    title_ar = factory.Sequence(lambda n: f"الاجتماع {n}")
    start = factory.LazyFunction(lambda: datetime.datetime(2027, 3, 17, 10, tzinfo=datetime.UTC))

    @factory.post_generation
    def invited_ministries(self, create, extracted, **kwargs):
        if create and extracted:
            self.invited_ministries.set(extracted)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title_ar = "بند"
    title_en = "Item"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    code = factory.Sequence(lambda n: f"HCB/2026/{n + 1:02d}")
    text_ar = "قرار"
    text_en = "Decision"
    due_date = datetime.date(2026, 6, 30)

    @factory.post_generation
    def responsible_ministries(self, create, extracted, **kwargs):
        if create and extracted:
            self.responsible_ministries.set(extracted)
