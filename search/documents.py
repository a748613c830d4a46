"""What search reads of each kind of record, and how a query matches it.

On PostgreSQL a record's search document is ``to_tsvector('simple', ...)`` of its searched
columns, normalised (search.normalise), stored in a generated column with a GIN index
(migration 0001): the database keeps it current with every write, bulk writes and
``update()`` included, without a trigger. The 'simple' configuration lower-cases words and
stems nothing (PostgreSQL has no Arabic or Kurdish stemmer); the last word of a query
matches as a prefix. On SQLite (the first-run default and the fast tests) a Python function
registered on each connection (search.apps) matches the same normalised words."""

import re

from django.db import connection as default_connection
from django.db.models import BooleanField, F, Func

from search.normalise import normalise, normalised_sql

CONFIG = "'simple'::regconfig"
SQLITE_FUNCTION = "imag_search_matches"
# Characters with a meaning in to_tsquery's syntax: never part of a searched word.
_QUERY_SYNTAX = re.compile(r"[':*&|!()<>\\]")
_WORD = re.compile(r"[^\W_]+")


# The stored search document of a row: a generated column that migration 0001 adds to each
# searched table, with a GIN index on it. An index on the expression alone was not enough:
# the planner counts the expression once a row in every plan, index or not, and preferred
# computing it for every row (0.6 s for 2,500 actions, their descriptions in three
# languages) to reading the index; a stored column is cheap to test whatever the plan.
DOCUMENT_COLUMN = "search_document"


def document_sql(columns: list[str]) -> str:
    """The search document of a row whose searched columns are the SQL ``columns``."""
    text = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
    return f"to_tsvector({CONFIG}, {normalised_sql(text)})"


def query_terms(text: str) -> list[str]:
    """The words of a typed query, normalised as the documents are; signs with a meaning to
    the text search syntax, or without a letter or digit, are left out."""
    chunks = _QUERY_SYNTAX.sub(" ", normalise(text)).split()
    return [chunk for chunk in chunks if _WORD.search(chunk)]


def tsquery(terms: list[str]) -> str:
    """Every term, the last as a prefix: PostgreSQL's parser splits a term as it split the
    documents ("4.1" stays one word, "follow-up" is matched as a phrase)."""
    quoted = [f"'{term}'" for term in terms]
    quoted[-1] += ":*"
    return " & ".join(quoted)


def sqlite_matches(*values) -> bool:
    """SQLite's stand-in for the text search: every term's words are words of the text, the
    very last one a prefix of one. ``values``: the searched columns, then the terms
    separated by spaces."""
    *texts, terms = values
    words = set(_WORD.findall(normalise(" ".join(text for text in texts if text))))
    wanted = _WORD.findall(terms)
    if not wanted:
        return False
    *whole, prefix = wanted
    return all(word in words for word in whole) and any(word.startswith(prefix) for word in words)


class Matches(Func):
    """Whether a row's searched ``columns`` hold the query's ``terms`` (see query_terms)."""

    output_field = BooleanField()

    def __init__(self, columns, terms: list[str]):
        if not terms:
            raise ValueError("a search needs at least one term")
        super().__init__(*(F(column) for column in columns))
        self.terms = list(terms)

    def _columns(self, compiler, connection):
        columns, params = [], []
        for expression in self.get_source_expressions():
            sql, column_params = compiler.compile(expression)
            columns.append(sql)
            params += column_params
        return columns, params

    def as_sql(self, compiler, connection, **extra_context):
        columns, params = self._columns(compiler, connection)
        return f"{SQLITE_FUNCTION}({', '.join(columns)}, %s)", [*params, " ".join(self.terms)]

    def as_postgresql(self, compiler, connection, **extra_context):
        # The stored document of the row whose columns these are (same table and alias).
        column, params = compiler.compile(self.get_source_expressions()[0])
        table = column.rsplit(".", 1)[0]
        document = f"{table}.{connection.ops.quote_name(DOCUMENT_COLUMN)}"
        return f"{document} @@ to_tsquery({CONFIG}, %s)", [*params, tsquery(self.terms)]


def document_column_sql(model, columns, index_name: str, connection=default_connection):
    """The statements that add ``model``'s stored search document over ``columns`` and its
    GIN index (PostgreSQL)."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    fields = [quote(model._meta.get_field(column).column) for column in columns]
    return [
        f"ALTER TABLE {table} ADD COLUMN {quote(DOCUMENT_COLUMN)} tsvector "
        f"GENERATED ALWAYS AS ({document_sql(fields)}) STORED",
        f"CREATE INDEX {quote(index_name)} ON {table} USING gin ({quote(DOCUMENT_COLUMN)})",
    ]
