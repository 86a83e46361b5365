from django.urls import path

from zoom_worker.series import views

urlpatterns = [
    path("series/", views.SeriesListView.as_view(), name="series-list"),
    path("series/<int:pk>/", views.SeriesDetailView.as_view(), name="series-detail"),
    path("series/<int:pk>/extend/", views.SeriesExtendView.as_view(), name="series-extend"),
    path(
        "series/<int:pk>/calendar.ics",
        views.SeriesCalendarView.as_view(),
        name="series-calendar",
    ),
]
