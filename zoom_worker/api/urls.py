from django.urls import path

from zoom_worker.api import (
    auth_views,
    calendar,
    index,
    schema,  # noqa: F401 - registers the views' OpenAPI descriptions
    views,
    webhooks,
)

urlpatterns = [
    path("", index.ApiIndexView.as_view(), name="api-index"),
    path("auth/token/", auth_views.TokenView.as_view(), name="token"),
    path("auth/token/refresh/", auth_views.RefreshView.as_view(), name="token-refresh"),
    path("auth/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("auth/me/", auth_views.MeView.as_view(), name="me"),
    path("appointments/", views.AppointmentListView.as_view(), name="appointment-list"),
    path(
        "appointments/<int:pk>/", views.AppointmentDetailView.as_view(), name="appointment-detail"
    ),
    path(
        "appointments/<int:pk>/approve/",
        views.AppointmentApproveView.as_view(),
        name="appointment-approve",
    ),
    path(
        "appointments/<int:pk>/resync/",
        views.AppointmentResyncView.as_view(),
        name="appointment-resync",
    ),
    path(
        "appointments/<int:pk>/start/",
        views.AppointmentStartView.as_view(),
        name="appointment-start",
    ),
    path(
        "appointments/<int:pk>/calendar.ics",
        calendar.AppointmentCalendarView.as_view(),
        name="appointment-calendar",
    ),
    path("zoom/meetings/", views.SeedMeetingListView.as_view(), name="seed-meeting-list"),
    path(
        "zoom/meetings/<int:pk>/", views.SeedMeetingDetailView.as_view(), name="seed-meeting-detail"
    ),
    path("zoom/webhooks/", webhooks.ZoomWebhookView.as_view(), name="zoom-webhooks"),
]
