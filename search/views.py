from dataclasses import dataclass

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from coordination.views import AccessControlledView
from search.forms import SearchForm
from search.kinds import KINDS, KINDS_BY_KEY, Kind, Result

# Results of each kind on the first page; past them the page says "over 5" and links to
# that kind's own pages, which count them. Counting every kind's matches on the first page
# would read every match of a common word (on the national dataset a focal point's count of
# reports was a sequential scan of the table); the first few come from an index.
SHOWN_PER_KIND = 5
PER_PAGE = 25


@dataclass
class Group:
    kind: Kind
    results: list[Result]
    # Whether there are more than shown.
    more: bool


class SearchView(AccessControlledView):
    """Priority actions, progress reports, meetings, agenda items and decisions that match
    the typed words and that the user may see: a few of each kind, or one kind's pages
    (``kind``). Each kind is read through the access layer (search.kinds)."""

    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET if "q" in request.GET else None)
        context = {"form": form, "shown_per_kind": SHOWN_PER_KIND}
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
        return Group(kind=kind, results=results[:SHOWN_PER_KIND], more=more)

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
