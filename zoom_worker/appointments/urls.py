from django.urls import path

from zoom_worker.appointments import calendar_view, views

urlpatterns = [
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
        calendar_view.AppointmentCalendarView.as_view(),
        name="appointment-calendar",
    ),
]
