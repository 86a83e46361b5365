"""The base of every API view: parse with a serializer, render with another, page lists."""

from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from zoom_worker.api.pagination import Pagination
from zoom_worker.api.throttles import WriteThrottle


class ApiView(GenericAPIView):
    pagination_class = Pagination
    throttle_classes = [WriteThrottle]

    def valid(self, serializer_class, data=None):
        serializer = serializer_class(data=self.request.data if data is None else data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def render(self, output_class, instance, status_code=status.HTTP_200_OK, **kwargs):
        data = output_class(instance, context=self.get_serializer_context()).data
        return Response(data, status=status_code, **kwargs)

    def render_page(self, output_class, queryset):
        page = self.paginate_queryset(queryset)
        data = output_class(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)
