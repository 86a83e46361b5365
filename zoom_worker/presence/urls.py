from django.urls import path

from zoom_worker.presence import views

urlpatterns = [
    path(
        "appointments/<int:pk>/presence/",
        views.AppointmentPresenceView.as_view(),
        name="appointment-presence",
    ),
]
