"""The set-up pages the secretariat and administrators keep (coordination bodies,
ministries; strategy's own from its app), listed on the set-up index. Each app registers its
own from its AppConfig.ready(): coordination names no app above it."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class SetupPage:
    title: str
    url_name: str
    description: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_PAGES: dict[str, SetupPage] = {}


def register_setup_page(*, title, url_name: str, description) -> None:
    """List a set-up page on the index (once, by its URL name), in the order registered."""
    _PAGES.setdefault(url_name, SetupPage(title, url_name, description))


def setup_pages() -> list[SetupPage]:
    return list(_PAGES.values())
