from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_sqlite_search(sender, connection, **kwargs):
    """SQLite has no text search: the search's matching is a Python function on each of its
    connections (see search.documents)."""
    if connection.vendor != "sqlite":
        return
    from search.documents import SQLITE_FUNCTION, sqlite_matches

    connection.connection.create_function(SQLITE_FUNCTION, -1, sqlite_matches, deterministic=True)


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        connection_created.connect(_register_sqlite_search, dispatch_uid="imag_search_sqlite")
