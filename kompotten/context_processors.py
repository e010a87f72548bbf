from functools import lru_cache

from django.conf import settings

from kompotten import navigation
from kompotten.organisations import host_municipality


@lru_cache(maxsize=4)
def _host_name(code: str) -> str:
    return host_municipality().name


def product(request):
    return {
        "product_name": settings.PRODUCT_NAME,
        "host_municipality_name": _host_name(settings.HOST_MUNICIPALITY_CODE),
        "navigation_items": navigation.items_for(request.user, request.path) if hasattr(request, "user") else [],
    }
