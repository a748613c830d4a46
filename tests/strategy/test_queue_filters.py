"""The validation queue narrowed by ministry, pillar and period, how long each report has
waited, and the review that moves on to the next report of the queue."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from strategy.models import ProgressUpdate, ReportState
from strategy.views.review import waiting
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("strategy:validation_queue")
Q3 = (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
Q2 = (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))


def submitted(action, ministry, *, days_ago=1, period=Q3, minutes=0):
    return factories.ProgressUpdateFactory(
        action=action,
        ministry=ministry,
        state=ReportState.SUBMITTED,
        period_start=period[0],
        period_end=period[1],
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago, minutes=minutes),
    )


def shown(response) -> set[int]:
    return {
        int(pk) for pk in re.findall(r'href="/actions/reports/(\d+)/"', response.content.decode())
    }


@pytest.fixture
def queue(story, momd, moi):
    """Four reports: MoMD's on its action (pillar of action_momd) for Q3 and Q2, MoI's on
    an action of another pillar for Q3, MoMD's on the shared action for Q3."""
    other_pillar = factories.PillarFactory(number=7)
    moi_action = factories.PriorityActionFactory(code="7.1", pillar=other_pillar, lead_ministry=moi)
    return {
        "momd_q3": submitted(story["action_momd"], momd, days_ago=3),
        "momd_q2": submitted(story["action_momd"], momd, days_ago=5, period=Q2),
        "moi_q3": submitted(moi_action, moi, days_ago=1),
        "shared_q3": submitted(story["action_shared"], momd, days_ago=2),
        "pillar": other_pillar,
    }


def test_the_queue_filters_by_ministry_pillar_and_period(client, story, queue, momd, moi):
    client.force_login(story["secretariat"])
    ids = {name: r.pk for name, r in queue.items() if name != "pillar"}
    assert shown(client.get(URL)) == set(ids.values())
    assert shown(client.get(URL, {"ministry": moi.pk})) == {ids["moi_q3"]}
    assert shown(client.get(URL, {"pillar": queue["pillar"].pk})) == {ids["moi_q3"]}
    assert shown(client.get(URL, {"period": Q2[0].isoformat()})) == {ids["momd_q2"]}
    both = client.get(URL, {"ministry": momd.pk, "period": Q3[0].isoformat()})
    assert shown(both) == {ids["momd_q3"], ids["shared_q3"]}
    assert both.context["paginator"].count == 2
    page = both.content.decode()
    # The form keeps what was chosen, and its choices read as the queue shows them.
    assert f'<option value="{momd.pk}" selected>{momd.name} (MoMD)</option>' in page
    assert f'<option value="{Q3[0].isoformat()}" selected>July – September 2026</option>' in page
    assert re.search(r'<label class="form-label" for="id_pillar">Pillar</label>', page)


def test_an_unknown_filter_value_is_an_error_on_the_form_not_a_crash(client, story, queue):
    client.force_login(story["secretariat"])
    response = client.get(URL, {"period": "1999-01-01", "ministry": "x"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_export_holds_the_filtered_queue(client, story, queue, moi):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(story["secretariat"])
    response = client.get(reverse("strategy:validation_queue_export"), {"ministry": moi.pk})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[3] for row in rows[1:]] == ["MoI"]


def test_each_row_says_how_long_the_report_has_waited(client, story, queue):
    client.force_login(story["secretariat"])
    page = client.get(URL).content.decode()
    assert '<th scope="col">Waiting</th>' in page
    for name, days in (("momd_q3", "3 days"), ("moi_q3", "1 day"), ("momd_q2", "5 days")):
        row = re.search(rf'href="/actions/reports/{queue[name].pk}/".*?</tr>', page, re.S)[0]
        assert row.endswith(f'<td class="stack-key" data-label="Waiting">{days}</td></tr>')


@pytest.mark.parametrize(
    ("days", "arabic"),
    [
        (0, "0 يوم"),
        (1, "يوم واحد"),
        (2, "يومان"),
        (3, "3 أيام"),
        (11, "11 يومًا"),
        (100, "100 يوم"),
    ],
)
def test_the_days_waited_take_each_of_the_six_arabic_plural_forms(days, arabic):
    at = timezone.now() - datetime.timedelta(days=days)
    with translation.override("ar"):
        assert waiting(at, timezone.localdate()) == arabic


def test_the_filtered_queue_costs_the_same_queries_for_few_and_many(
    client, story, moi, momd, django_assert_max_num_queries
):
    pillar = factories.PillarFactory(number=8)

    def add(count, first):
        for number in range(first, first + count):
            action = factories.PriorityActionFactory(
                code=f"8.{number}", pillar=pillar, lead_ministry=moi
            )
            submitted(action, moi, days_ago=number % 9)

    client.force_login(story["secretariat"])
    query = {"ministry": moi.pk, "pillar": pillar.pk, "period": Q3[0].isoformat()}
    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL, query).status_code == 200
    assert len(few.captured_queries) <= 21
    add(40, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL, {**query, "page": 2})
    assert response.context["paginator"].count == 42


# After a review, the next report -----------------------------------------------------------


def review(client, report, decision, comment=""):
    report = ProgressUpdate.objects.get(pk=report.pk)
    return client.post(
        reverse("strategy:report_review", args=[report.pk]),
        {"decision": decision, "comment": comment, "version": report.version},
    )


def test_after_a_validation_the_next_report_of_the_queue_opens(client, story, queue):
    client.force_login(story["secretariat"])
    # The queue's order, the longest waiting first: momd_q2, momd_q3, shared_q3, moi_q3.
    response = review(client, queue["momd_q3"], "validate")
    assert response.url == reverse("strategy:report_detail", args=[queue["shared_q3"].pk])
    page = client.get(response.url).content.decode()
    assert "The report was validated." in page and "next report awaiting validation" in page
    response = review(client, queue["shared_q3"], "return", comment="Add figures.")
    assert response.url == reverse("strategy:report_detail", args=[queue["moi_q3"].pk])


def test_after_the_last_of_the_queue_the_first_still_waiting_opens(client, story, queue):
    client.force_login(story["secretariat"])
    response = review(client, queue["moi_q3"], "validate")
    assert response.url == reverse("strategy:report_detail", args=[queue["momd_q2"].pk])


def test_once_the_queue_is_empty_the_review_goes_back_to_it(client, story, queue):
    client.force_login(story["secretariat"])
    for name in ("momd_q2", "momd_q3", "shared_q3"):
        review(client, queue[name], "validate")
    response = review(client, queue["moi_q3"], "validate")
    assert response.url == URL
    assert "No other report awaits validation." in client.get(URL).content.decode()


def test_a_refused_review_stays_on_the_report(client, story, queue):
    client.force_login(story["secretariat"])
    ProgressUpdate.objects.filter(pk=queue["momd_q3"].pk).update(state=ReportState.VALIDATED)
    response = review(client, queue["momd_q3"], "validate")
    assert response.url == reverse("strategy:report_detail", args=[queue["momd_q3"].pk])
