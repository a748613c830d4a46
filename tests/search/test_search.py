"""Search from the header: the words typed, in whatever spelling of the Arabic letters, find
the priority actions, reports, meetings, agenda items and decisions the user may see, grouped
by kind; another ministry's records are never found."""

import pytest
from django.db import connection
from django.urls import reverse

from meetings.models import AgendaState
from search.documents import query_terms, tsquery
from search.kinds import KINDS
from search.normalise import normalise
from search.views import SHOWN_PER_KIND
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("search:search")
KEYS = [kind.key for kind in KINDS]


def search(client, user, query, **extra):
    client.force_login(user)
    return client.get(URL, {"q": query, **extra})


def found(response, key) -> list[str]:
    """The addresses of the results of kind ``key`` on the page."""
    groups = {group.kind.key: group for group in response.context["groups"]}
    return [result.url for result in groups[key].results]


def test_the_normalisation_folds_arabic_spellings_and_keeps_sorani_letters():
    assert normalise("أإآٱ") == "اااا"
    assert normalise("مدرسة") == "مدرسه"
    assert normalise("مبنى") == normalise("مبني") == normalise("مبنی") == "مبنی"
    assert normalise("كتاب") == normalise("کتاب") == "کتاب"
    assert normalise("الإِدْمَـــاجُ") == "الادماج"
    assert normalise("قرآنٰ") == "قران"
    assert normalise("ڕێبازی گشتگیری حکومەت ۆ ڵ") == "ڕێبازی گشتگیری حکومەت ۆ ڵ"
    assert normalise("٤٫١ ۲") == "4٫1 2"
    assert normalise("Returnees") == "returnees"


def test_query_syntax_is_never_passed_to_the_database():
    assert query_terms("  ' & | ! ( ) <-> :* \\ ") == []
    assert query_terms("return's & desks") == ["return", "s", "desks"]
    assert tsquery(["4.1", "desk"]) == "'4.1' & 'desk':*"


@pytest.mark.parametrize(
    "query",
    [
        "اعاده الادماج",  # bare alef, ha for ta marbuta
        "إعادة الإدماج",  # as written
        "اعـــادة الإِدْمَاج",  # tatweel and diacritics
        "للعائدين فى كوردستان",  # alef maqsura for ya, Arabic kaf
        "للعائدین في کوردستان",  # Persian yeh and keheh
        "اعادة الادم",  # the last word's beginning
    ],
)
def test_an_arabic_query_in_another_spelling_finds_the_action(client, story, query):
    action = story["action_momd"]
    action.title_ar = "إعادة الإدماج للعائدين في كوردستان"
    action.save()
    response = search(client, story["fp_momd"], query)
    assert response.status_code == 200
    assert found(response, "actions") == [reverse("strategy:action_detail", args=[action.pk])]


def test_only_the_last_word_matches_as_a_beginning(client, story):
    action = story["action_momd"]
    action.title_en = "Returnee desks"
    action.save()
    response = search(client, story["steering"], "returnee des")
    assert found(response, "actions") == [reverse("strategy:action_detail", args=[action.pk])]
    assert found(search(client, story["steering"], "return desks"), "actions") == []


def test_a_sorani_title_is_found_by_its_own_letters(client, story):
    meeting = story["meeting_momd"]
    meeting.title_ckb = "کۆبوونەوەی دەستەی هەماهەنگی"
    meeting.save()
    response = search(client, story["steering"], "هەماهەنگ")
    assert found(response, "meetings") == [reverse("meetings:meeting_detail", args=[meeting.pk])]


def records_saying(word, *, ministry, action, meeting):
    """One record of every kind with ``word`` in a searched text, all of ``ministry``."""
    action.description_en = f"Work on {word} routes"
    action.save()
    report = factories.ProgressUpdateFactory(
        action=action, ministry=ministry, challenges=f"No {word} data yet"
    )
    meeting.location_en = f"{word} hall"
    meeting.agenda_state = AgendaState.PUBLISHED
    meeting.save()
    item = factories.AgendaItemFactory(meeting=meeting, title_en=f"The {word} survey")
    decision = factories.DecisionFactory(
        meeting=meeting,
        agenda_item=item,
        responsible_ministries=[ministry],
        text_en=f"Publish the {word} survey",
    )
    return {
        "actions": reverse("strategy:action_detail", args=[action.pk]),
        "reports": reverse("strategy:report_detail", args=[report.pk]),
        "meetings": reverse("meetings:meeting_detail", args=[meeting.pk]),
        "agenda_items": reverse("meetings:meeting_detail", args=[meeting.pk])
        + f"#agenda-item-{item.pk}",
        "decisions": reverse("meetings:decision_detail", args=[decision.pk]),
    }


def test_results_are_grouped_by_kind_and_link_to_their_pages(client, story, momd):
    addresses = records_saying(
        "Xylophone", ministry=momd, action=story["action_momd"], meeting=story["meeting_momd"]
    )
    response = search(client, story["fp_momd"], "xylophone")
    assert [group.kind.key for group in response.context["groups"]] == KEYS
    for key in KEYS:
        assert found(response, key) == [addresses[key]], key
    page = response.content.decode()
    assert (
        page.index("Priority actions") < page.index("Progress reports") < page.index("Agenda items")
    )
    # The agenda item's address leads to its place on the meeting's page.
    meeting_page = client.get(addresses["meetings"]).content.decode()
    assert f'id="{addresses["agenda_items"].split("#")[1]}"' in meeting_page


def test_a_focal_point_never_finds_another_ministrys_records(client, story, moi):
    addresses = records_saying(
        "Zanzibar", ministry=moi, action=story["action_moi"], meeting=story["meeting_moi"]
    )
    response = search(client, story["fp_momd"], "zanzibar")
    for key in KEYS:
        assert found(response, key) == [], key
    assert "Zanzibar" not in response.content.decode()
    for key in KEYS:
        kind_page = search(client, story["fp_momd"], "zanzibar", kind=key)
        assert kind_page.context["results"] == [], key
    assert search(client, story["fp_unassigned"], "zanzibar").context["groups"][0].results == []
    # Their own ministry's focal point and the steering body find every one.
    for user in (story["fp_moi"], story["steering"]):
        response = search(client, user, "zanzibar")
        assert {key: found(response, key) for key in KEYS} == {
            key: [address] for key, address in addresses.items()
        }


def test_an_agenda_item_is_found_by_focal_points_once_the_agenda_is_published(client, story):
    meeting = story["meeting_momd"]
    factories.AgendaItemFactory(meeting=meeting, title_en="Quarantine plan")
    assert found(search(client, story["fp_momd"], "quarantine"), "agenda_items") == []
    assert len(found(search(client, story["secretariat"], "quarantine"), "agenda_items")) == 1
    meeting.agenda_state = AgendaState.PUBLISHED
    meeting.save()
    assert len(found(search(client, story["fp_momd"], "quarantine"), "agenda_items")) == 1


def many_records(story, momd, count):
    meeting = story["meeting_momd"]
    meeting.agenda_state = AgendaState.PUBLISHED
    meeting.save()
    for number in range(count):
        other = factories.PriorityActionFactory(
            code=f"9.{number}", lead_ministry=momd, title_en=f"Harbour action {number}"
        )
        factories.ProgressUpdateFactory(action=other, narrative="Harbour works")
        factories.MeetingFactory(title_en=f"Harbour meeting {number}", invited_ministries=[momd])
        factories.AgendaItemFactory(meeting=meeting, title_en=f"Harbour item {number}")
        factories.DecisionFactory(
            meeting=meeting, responsible_ministries=[momd], text_en=f"Harbour decision {number}"
        )


@pytest.mark.parametrize("count", [1, SHOWN_PER_KIND + 7])
def test_the_queries_do_not_grow_with_the_results(
    client, story, momd, count, django_assert_max_num_queries
):
    many_records(story, momd, count)
    client.force_login(story["fp_momd"])
    client.get(URL, {"q": "harbour"})  # the session and the user's ministries, once
    # The session, the user, their ministries and unread notifications; a query of each kind.
    with django_assert_max_num_queries(4 + len(KINDS)):
        response = client.get(URL, {"q": "harbour"})
    groups = {group.kind.key: group for group in response.context["groups"]}
    assert all(len(group.results) == min(count, SHOWN_PER_KIND) for group in groups.values())
    assert all(group.more == (count > SHOWN_PER_KIND) for group in groups.values())
    # The same four, then the kind's count and its page.
    with django_assert_max_num_queries(4 + 2):
        response = client.get(URL, {"q": "harbour", "kind": "agenda_items"})
    assert len(response.context["results"]) == count
    assert response.context["page_obj"].paginator.count == count


def test_a_kind_has_its_own_pages(client, story, momd):
    many_records(story, momd, SHOWN_PER_KIND + 1)
    response = search(client, story["steering"], "harbour")
    assert "kind=decisions" in response.content.decode()
    response = search(client, story["steering"], "harbour", kind="decisions")
    assert response.context["kind"].key == "decisions"
    assert len(response.context["results"]) == SHOWN_PER_KIND + 1
    assert "groups" not in response.context


PAYLOAD = '<script>alert("x")</script>'


def test_the_query_and_the_records_are_shown_as_text(client, story):
    action = story["action_momd"]
    action.title_en = f"Alert {PAYLOAD}"
    action.save()
    for query in (PAYLOAD, f"{PAYLOAD} alert"):
        page = search(client, story["steering"], query).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert" in page
    response = search(client, story["steering"], "alert")
    assert found(response, "actions") == [reverse("strategy:action_detail", args=[action.pk])]
    assert "Alert &lt;script&gt;" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word to search for."),
        ("   ", "Type a word to search for."),
        ("-- !? ـــ", "Type a word to search for: letters or digits."),
        ("a" * 201, "Type at most 200 characters (this search has 201)."),
        (" ".join(["word"] * 11), "Type at most 10 words."),
    ],
)
def test_an_empty_or_too_long_query_says_what_to_type(client, story, query, message):
    response = search(client, story["steering"], query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "groups" not in response.context


def test_the_page_without_a_query_asks_for_one_without_an_error(client, story):
    client.force_login(story["steering"])
    response = client.get(URL)
    assert response.status_code == 200
    assert "groups" not in response.context
    assert "is-invalid" not in response.content.decode()


@pytest.mark.parametrize("value", ["²", "abc", "-1", "99999999999999999999999", "' OR 1=1"])
def test_bad_kind_and_page_values_never_fail(client, story, value):
    response = search(client, story["steering"], "action", kind=value, page=value)
    assert response.status_code == 200
    response = search(client, story["steering"], "action", kind="actions", page=value)
    assert response.status_code == 200


def test_the_header_has_a_labelled_search_form_for_signed_in_people(client, story):
    client.force_login(story["fp_momd"])
    page = client.get(reverse("home")).content.decode()
    assert f'action="{URL}"' in page
    assert 'for="site-search-q"' in page and 'id="site-search-q" name="q"' in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's text search index")
def test_every_kind_is_searched_through_its_gin_index(story):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for kind in KINDS:
            found = kind.found(story["steering"], ["word"]).order_by()
            sql, params = found.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert kind.index_name in plan, plan


def test_the_benchmarks_search_page_shows_each_saved_action_at_once(story, steering, secretariat):
    from demo import benchmark
    from tests.demo.test_benchmark import measure

    action = story["action_momd"]
    action.title_en = "Migration desks"
    action.save()
    pages = benchmark.pages({"steering": steering, "secretariat": secretariat}, {})
    page = next(p for p in pages if p.name == "search" and p.role == "steering")
    result = measure(page, steering, rounds=2)
    assert result.status == "200", result.problem
    assert result.stale == [] and result.writes == 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored documents")
def test_the_stored_document_folds_as_the_python_normalisation(story):
    action = story["action_momd"]
    action.title_ar = "إعادة الإدماج للعائدين في كوردستان آمنـــة"
    action.save()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document::text, to_tsvector('simple', %s)::text "
            "FROM strategy_priorityaction WHERE id = %s",
            [normalise(" ".join([action.code, action.title_ar, action.title_en])), action.pk],
        )
        stored, expected = cursor.fetchone()
    assert stored == expected
