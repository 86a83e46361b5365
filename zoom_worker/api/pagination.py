"""The lists' pages: `{"count", "next", "previous", "results"}`, with a count that stops counting.

An exact COUNT(*) reads every row the list could show, at every request: a busy expert's
half-million appointments on each page view. The count here stops at LIST_COUNT_CAP: below it,
it is exact; at it, the list holds at least that many, and `next` says whether there is more
(one row past the page is read to know). Pages past the cap still work, and a page past the
first reads only its own rows with their joins.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination

from zoom_worker.api.responses import not_found

LIST_COUNT_CAP = 1000


class CappedCountPaginator(Paginator):
    @cached_property
    def _counted(self) -> int:
        # COUNT(*) over a subquery with LIMIT: at most cap + 1 index entries read.
        return self.object_list[: LIST_COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self._counted > LIST_COUNT_CAP

    @cached_property
    def count(self) -> int:
        return min(self._counted, LIST_COUNT_CAP)

    def validate_number(self, number):
        if not self.capped:
            return super().validate_number(number)
        # Past the count there may be more pages: whether one has rows is seen when reading it.
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if not self.capped:
            top = min(bottom + self.per_page, self.count)
            return self._get_page(self._rows(bottom, top), number, self)
        rows = self._rows(bottom, bottom + self.per_page + 1)
        if not rows:
            raise EmptyPage(self.error_messages["no_results"])
        return CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)

    def _rows(self, bottom: int, top: int) -> list:
        """The rows of a page. Past the first, the page's ids come first, from the list's index
        alone, and only those rows are read with their joins: an OFFSET over the joined rows
        read every row it skipped, with its meeting and users."""
        if bottom == 0 or top <= bottom:
            return list(self.object_list[bottom:top])
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        found = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


class CappedPage(Page):
    def __init__(self, object_list, number, paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class Pagination(PageNumberPagination):
    django_paginator_class = CappedCountPaginator
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count"]["description"] = (
            f"How many items the list holds, counted up to {LIST_COUNT_CAP}: a count of"
            f" {LIST_COUNT_CAP} means at least that many. Follow `next` (null on the last page)"
            " to read them all."
        )
        described["properties"]["count"]["maximum"] = LIST_COUNT_CAP
        return described

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters


# A page that is no whole number from 1, or one past the last, is a 404 as DRF answers it: the
# list is there, that page of it is not.
PAGE_NOT_FOUND = not_found(
    _("No such page: not a whole number from 1, or past the last page"),
    Pagination.invalid_page_message,
)
