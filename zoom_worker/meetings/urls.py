from django.urls import path

from zoom_worker.meetings import views

urlpatterns = [
    path(
        "zoom/meetings/",
        views.StandaloneMeetingListView.as_view(),
        name="standalone-meeting-list",
    ),
    path(
        "zoom/meetings/<int:pk>/",
        views.StandaloneMeetingDetailView.as_view(),
        name="standalone-meeting-detail",
    ),
]
