from dataclasses import dataclass

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from coordination.views import AccessControlledView
from search.forms import SearchForm
from search.kinds import KINDS, KINDS_BY_KEY, Kind, Result

# Results of each kind on the first page; a "more" link leads to that kind's own pages.
SHOWN_PER_KIND = 5
PER_PAGE = 25
# Past this many results of a kind the first page says "more than"; counting them all
# would read every match of a common word.
COUNT_LIMIT = 1000


@dataclass
class Group:
    kind: Kind
    results: list[Result]
    count: int
    more: bool

    @property
    def count_is_limited(self) -> bool:
        return self.count > COUNT_LIMIT


class SearchView(AccessControlledView):
    """Priority actions, progress reports, meetings, agenda items and decisions that match
    the typed words and that the user may see: a few of each kind, or one kind's pages
    (``kind``). Each kind is read through the access layer (search.kinds)."""

    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET if "q" in request.GET else None)
        context = {"form": form, "count_limit": COUNT_LIMIT}
        if form.is_bound and form.is_valid():
            terms = form.cleaned_data["q"]
            # A kind that is not one shows every kind, as without it.
            kind = KINDS_BY_KEY.get(request.GET.get("kind", ""))
            if kind is None:
                context["groups"] = [self.group(kind, terms) for kind in KINDS]
            else:
                context.update(self.pages(kind, terms))
        return TemplateResponse(request, self.template_name, context)

    def group(self, kind: Kind, terms) -> Group:
        found = kind.found(self.request.user, terms)
        results = kind.results(found, slice(0, SHOWN_PER_KIND + 1))
        more = len(results) > SHOWN_PER_KIND
        # Counted only when there are more than shown: COUNT over a slice stops there.
        count = found[: COUNT_LIMIT + 1].count() if more else len(results)
        return Group(kind=kind, results=results[:SHOWN_PER_KIND], count=count, more=more)

    def pages(self, kind: Kind, terms) -> dict:
        found = kind.found(self.request.user, terms)
        paginator = Paginator(found, PER_PAGE)
        # A page number that is not one shows the first page, one past the end the last.
        page = paginator.get_page(self.request.GET.get("page"))
        window = slice(page.start_index() - 1, page.end_index()) if paginator.count else slice(0)
        query = self.request.GET.copy()
        query.pop("page", None)
        return {
            "kind": kind,
            "results": kind.results(found, window),
            "page_obj": page,
            "query_without_page": query.urlencode(),
        }
