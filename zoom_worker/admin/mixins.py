"""What every admin page of the app shares: records to read, never to edit, and actions only
for whoever holds their permission."""

from zoom_worker.admin.pagination import EstimatedCountPaginator


class ReadOnlyInlineMixin:
    """Rows shown under their parent as a record of what happened: every field read-only, no
    blank form to add one, nothing to delete, no link away."""

    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.readonly_fields = cls.fields


class ReadOnlyAdminMixin:
    """An admin page to read, not edit: no add, change (so no Save button) or delete. Actions
    (resync, cancel) still run: they go through the services.
    No COUNT(*) over the whole table on every page: these tables grow with every booking (no
    second count of all rows, and the filtered count is capped then estimated). For the same
    reason no date hierarchy, filters only from fixed choices (a filter on a field without them
    reads its DISTINCT values over the whole table), and newest first by an indexed column."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ("-pk",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def holds(codename: str):
    """A ModelAdmin's `has_<action>_permission`: whether the user holds the app's permission
    `codename` (a model's Meta.permissions). Django's admin neither offers an action nor runs
    one posted to it without the permission its `@admin.action(permissions=...)` names."""

    def has_permission(self, request):
        return request.user.has_perm(f"zoom_worker.{codename}")

    return has_permission
