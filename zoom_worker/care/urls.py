from django.urls import path

from zoom_worker.care import views

urlpatterns = [
    path("care-relations/", views.CareRelationListView.as_view(), name="care-relation-list"),
    path(
        "care-relations/<int:pk>/",
        views.CareRelationDetailView.as_view(),
        name="care-relation-detail",
    ),
]
