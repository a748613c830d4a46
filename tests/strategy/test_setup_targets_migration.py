"""Migrations strategy 0012-0013: each indicator's single target becomes the target of its
action's due year (the strategy's end year for an action due after it), its direction is
read from whether the target is below the baseline, and the single target goes."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from strategy.models import Indicator
from tests import factories

BEFORE_YEARLY_TARGETS = [("strategy", "0012_report_comments_and_requests")]


@pytest.mark.django_db(transaction=True)
def test_each_single_target_becomes_the_target_of_a_year():
    strategy = factories.StrategyFactory(end_date=datetime.date(2030, 12, 31))
    pillar = factories.PillarFactory(strategy=strategy, number=1)
    due_2027 = factories.PriorityActionFactory(pillar=pillar, due_date=datetime.date(2027, 6, 30))
    due_after = factories.PriorityActionFactory(pillar=pillar, due_date=datetime.date(2032, 3, 31))
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_YEARLY_TARGETS)
    try:  # indicators written under the old schema, then migrated forward to the newest
        old = executor.loader.project_state(BEFORE_YEARLY_TARGETS).apps
        OldIndicator = old.get_model("strategy", "Indicator")
        governorates = OldIndicator.objects.create(
            action_id=due_2027.pk, name="Governorates", name_ar="المحافظات", baseline=2, target=18
        )
        days = OldIndicator.objects.create(
            action_id=due_after.pk, name="Days", name_ar="الأيام", baseline=30, target=10
        )
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    governorates = Indicator.objects.get(pk=governorates.pk)
    assert list(governorates.targets.values_list("year", "value")) == [(2027, Decimal("18"))]
    assert governorates.direction == "higher"
    days = Indicator.objects.get(pk=days.pk)
    assert list(days.targets.values_list("year", "value")) == [(2030, Decimal("10"))]
    assert days.direction == "lower"
