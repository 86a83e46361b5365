"""The admin's lists without a COUNT(*) over tables that grow with every booking.

Django's changelist counts the rows its filters leave, on every page. Here that count stops at
ADMIN_COUNT_CAP + 1 rows; past it, the page count comes from the planner's estimate of the rows
(EXPLAIN, on PostgreSQL: no row is read), good enough to draw the page links.
"""

import json

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

ADMIN_COUNT_CAP = 10_000


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        counted = self.object_list[: ADMIN_COUNT_CAP + 1].count()
        if counted <= ADMIN_COUNT_CAP:
            return counted
        return max(counted, estimated_rows(self.object_list))


def estimated_rows(queryset) -> int:
    """How many rows the planner expects the query to return; 0 where there is no planner to ask."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return 0
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
