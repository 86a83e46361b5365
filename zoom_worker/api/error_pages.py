"""Answers Django gives before or around any view: JSON under /api/ like every other API error,
Django's own pages elsewhere (the admin).

A 404 is a URL no route takes (an id that is not a number, a typo). A 400 is a request Django
refuses before a view can answer: a body over its upload limit (413 here), a Host header not
allowed, any other suspicious request. The reason stays in the security log, not in the answer.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import bad_request, page_not_found
from rest_framework.exceptions import NotFound


def _for_api(request) -> bool:
    return request.path.startswith("/api/")


def handler404(request, exception):
    if _for_api(request):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)


def handler400(request, exception):
    if not _for_api(request):
        return bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse({"detail": _("The request body is too large.")}, status=413)
    return JsonResponse({"detail": _("Bad request.")}, status=400)
