from functools import lru_cache

from django.conf import settings

from kompotten import navigation, session_timeout
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


def session(request):
    """What the idle warning (static/js/session-timeout.js) reads from base.html's meta tags."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not session_timeout.is_started(request.session):
        return {}
    return {
        "session_idle_seconds_left": session_timeout.idle_seconds_left(request.session),
        "session_idle_warning_seconds": int(settings.SESSION_IDLE_WARNING.total_seconds()),
    }
