"""The API's routes under /api/v1/: the auth endpoints here, each domain's from its own `urls`."""

from django.urls import include, path

from zoom_worker.api import auth_views, index
from zoom_worker.personal_data.views import MyDataView

urlpatterns = [
    path("", index.ApiIndexView.as_view(), name="api-index"),
    path("auth/token/", auth_views.TokenView.as_view(), name="token"),
    path("auth/token/refresh/", auth_views.RefreshView.as_view(), name="token-refresh"),
    path("auth/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("auth/me/", auth_views.MeView.as_view(), name="me"),
    path("auth/me/data/", MyDataView.as_view(), name="me-data"),
    path("", include("zoom_worker.appointments.urls")),
    path("", include("zoom_worker.care.urls")),
    path("", include("zoom_worker.series.urls")),
    path("", include("zoom_worker.presence.urls")),
    path("", include("zoom_worker.meetings.urls")),
    path("", include("zoom_worker.inbound.urls")),
]
