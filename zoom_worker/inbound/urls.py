from django.urls import path

from zoom_worker.inbound import views

urlpatterns = [
    path("zoom/webhooks/", views.ZoomWebhookView.as_view(), name="zoom-webhooks"),
]
