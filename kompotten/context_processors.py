from functools import lru_cache, partial

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from kompotten import navigation, session_timeout
from kompotten.capabilities import Capability, holds_role_capability
from kompotten.organisations import host_municipality


@lru_cache(maxsize=4)
def _host_name(code: str) -> str:
    return host_municipality().name


def product(request):
    # Lazy: the navigation reads the user's permissions from the database, and only pages built on base.html show
    # it; the error pages (404, 403), which every refused request renders, never do.
    items = partial(navigation.items_for, request.user, request.path) if hasattr(request, "user") else list
    return {
        "product_name": settings.PRODUCT_NAME,
        "host_municipality_name": _host_name(settings.HOST_MUNICIPALITY_CODE),
        "navigation_items": SimpleLazyObject(items),
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


class _RoleCapabilities:
    """`may.WORK_HOUSING` in a template: does the user hold that role capability? Asked by the member's name of
    `Capability`, so templates never spell a permission string."""

    def __init__(self, user):
        self._user = user

    def __getitem__(self, name: str) -> bool:
        return self._user is not None and holds_role_capability(self._user, Capability[name])


def capabilities(request):
    return {"may": _RoleCapabilities(getattr(request, "user", None))}
