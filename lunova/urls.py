from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from zoom_worker.api.auth_views import ThrottledAdminLoginForm, admin_login
from zoom_worker.ops.health_page import sync_health_view
from zoom_worker.ops.healthz import healthz
from zoom_worker.ops.metrics import metrics_view

# The admin's login counts attempts per username and per address, as the token endpoint does.
admin.site.login_form = ThrottledAdminLoginForm

urlpatterns = [
    # The root leads a person to the API's documentation.
    path("", RedirectView.as_view(pattern_name="docs"), name="root"),
    path("admin/sync-health/", admin.site.admin_view(sync_health_view), name="sync_health"),
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("zoom_worker.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
]

# API clients get JSON for a URL no route takes and for a request Django refuses before any view
# answers, as for every other API error.
handler400 = "zoom_worker.api.error_pages.handler400"
handler404 = "zoom_worker.api.error_pages.handler404"
