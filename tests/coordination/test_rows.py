"""The helpers that lists written out in Python share (coordination.rows) write what the
template engine and format_html would: the same addresses, dates, escaping and options."""

import datetime
from unittest import mock

import pytest
from django import forms
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import dateformat, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy

from coordination import rows
from strategy.models import PriorityAction

urlpatterns = [
    path("odd&'name'/<int:pk>/end/", lambda request, pk: HttpResponse(), name="odd"),
]


@pytest.mark.parametrize("pk", [1, 42, 2147483646, 987654321])
def test_an_address_is_the_records_own_with_its_id_in_place(pk):
    before, after = rows.address("strategy:action_detail")
    url = reverse("strategy:action_detail", args=[pk])
    assert f"{before}{pk}{after}" == url
    # Safe as they are: format_html does not escape them again.
    assert format_html("{}{}{}", before, pk, after) == url


@pytest.mark.urls(__name__)
def test_an_address_is_escaped_once_in_f_strings_and_format_html_alike():
    before, after = rows.address("odd")
    written = str(format_html('<a href="{}">', reverse("odd", args=[7])))
    assert f'<a href="{before}7{after}">' == written
    assert format_html('<a href="{}{}{}">', before, 7, after) == written
    assert "&amp;" in written and "&" not in written.replace("&amp;", "").replace("&#x27;", "")


@pytest.mark.parametrize("language", ["en", "ar", "ckb"])
def test_dates_are_written_as_date_format_writes_them_each_once_a_list(language):
    days = [datetime.date(2026, 1, 31), datetime.date(2026, 3, 1), datetime.date(2026, 1, 31)]
    with translation.override(language):
        expected = [date_format(day, "DATE_FORMAT") for day in days]
        with mock.patch.object(rows.dateformat, "format", wraps=dateformat.format) as formatted:
            write = rows.dates("DATE_FORMAT")
            assert [write(day) for day in days] == expected
            assert [write(day) for day in days] == expected
    assert formatted.call_count == 2


def test_dates_are_escaped_and_marked_safe():
    write = rows.dates(r'Y<m>"d')
    written = write(datetime.date(2026, 5, 14))
    assert written == "2026&lt;05&gt;&quot;14"
    assert isinstance(written, SafeData)
    moment = datetime.datetime(2026, 5, 14, 9, 30, tzinfo=datetime.UTC)
    assert rows.dates("Y-m-d H:i")(moment) == "2026-05-14 09:30"


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert('x') & \"y\"</script>",
        mark_safe("<b>kept</b>"),
        format_html("<i>{}</i>", "<safe & sound>"),
        gettext_lazy("Overdue"),
        42,
        None,
    ],
)
def test_a_value_is_escaped_as_format_html_escapes_it(value):
    assert rows.escaped(value) == format_html("{}", value)


def test_unsafe_text_is_escaped_and_markup_is_kept():
    assert rows.escaped("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert rows.escaped(mark_safe("<b>&amp;</b>")) == "<b>&amp;</b>"


def test_options_mark_the_selected_value_and_escape_values_and_labels():
    written = rows.options(
        [("", "---"), (1, "a<b"), ("2", mark_safe("<i>two</i>")), ('x"y', "x & y")], "2"
    )
    assert isinstance(written, SafeData)
    assert written == (
        '<option value="">---</option>'
        '<option value="1">a&lt;b</option>'
        '<option value="2" selected><i>two</i></option>'
        '<option value="x&quot;y">x &amp; y</option>'
    )
    assert "selected" not in rows.options([(1, "one")], "")
    assert rows.options([(1, "one")], "1") == '<option value="1" selected>one</option>'


class _Choice(forms.Form):
    kind = forms.ChoiceField(choices=[("", "any"), ("a", "A<"), ("b", "B")], required=False)


@pytest.mark.parametrize(("data", "selected"), [({"kind": "b"}, "b"), ({}, ""), (None, "")])
def test_a_fields_options_have_its_value_selected(data, selected):
    form = _Choice(data)
    written = rows.field_options(form["kind"])
    assert written.count(" selected") == 1
    assert f'<option value="{selected}" selected>' in written
    assert ">A&lt;</option>" in written


@pytest.mark.parametrize("language", ["en", "ar", "ckb"])
def test_translated_columns_hold_every_column_in_language_reads(language):
    columns = rows.translated_columns("action__title")
    assert len(columns) == len(set(columns)) >= 3
    with translation.override(language):
        titles = rows.in_language(PriorityAction, "title", prefix="action__")
    assert set(titles.fields) <= set(columns)
