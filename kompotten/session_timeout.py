"""The session clock: when a logged-in session started and when its user last did something.

A session ends after settings.SESSION_IDLE_TIMEOUT without a request (a workstation left unlocked in an office
shows nobody's protected address for long), and at the latest settings.SESSION_MAX_LIFETIME after logging in,
however active. Both times are kept in the session as Unix seconds; `kompotten.middleware.SessionTimeoutMiddleware`
reads and advances them, and the page's warning (static/js/session-timeout.js) is told how long is left.
"""

from typing import Literal

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

STARTED_KEY = "kompotten_session_started"
LAST_ACTIVITY_KEY = "kompotten_session_last_activity"
# Activity is written at most this often, so that not every request saves the session.
ACTIVITY_RESOLUTION_SECONDS = 10

Expiry = Literal["idle", "absolute"]


def _now() -> int:
    return int(timezone.now().timestamp())


def start(session: SessionBase) -> None:
    """Starts the clock: called when a user logs in."""
    now = _now()
    session[STARTED_KEY] = now
    session[LAST_ACTIVITY_KEY] = now


def is_started(session: SessionBase) -> bool:
    return STARTED_KEY in session and LAST_ACTIVITY_KEY in session


def expiry(session: SessionBase) -> Expiry | None:
    """Which limit the session has passed, if any; the absolute one first."""
    now = _now()
    if now - session[STARTED_KEY] >= settings.SESSION_MAX_LIFETIME.total_seconds():
        return "absolute"
    if now - session[LAST_ACTIVITY_KEY] >= settings.SESSION_IDLE_TIMEOUT.total_seconds():
        return "idle"
    return None


def record_activity(session: SessionBase, *, force: bool = False) -> None:
    now = _now()
    if force or now - session[LAST_ACTIVITY_KEY] >= ACTIVITY_RESOLUTION_SECONDS:
        session[LAST_ACTIVITY_KEY] = now


def idle_seconds_left(session: SessionBase) -> int:
    """Seconds until the idle timeout, from the activity the server recorded."""
    return max(0, int(settings.SESSION_IDLE_TIMEOUT.total_seconds()) - (_now() - session[LAST_ACTIVITY_KEY]))


def start_at_login(sender, request, user, **kwargs) -> None:
    """Receiver of django.contrib.auth's user_logged_in: the clock starts anew at every login."""
    if request is not None and hasattr(request, "session"):
        start(request.session)
