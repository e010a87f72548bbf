import logging
import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import ngettext

from kompotten import identity_provider, session_timeout, two_factor
from kompotten.structured_logging import new_request_id, request_id_var, user_id_var

logger = logging.getLogger(__name__)


class RequestLogMiddleware:
    """Gives every request an id (X-Request-ID, also on the response and the error page) and logs one line when it
    is done: method, path without the query string (a search may hold a name), status, duration and user id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = new_request_id(request.headers.get("X-Request-ID"))
        request_token = request_id_var.set(request.id)
        user_token = user_id_var.set(None)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            logger.info(
                "request_finished",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(request_token)
            user_id_var.reset(user_token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Called once every middleware has run its request part, so the session's user is known by now.
        if request.user.is_authenticated:
            user_id_var.set(request.user.pk)


class SwedishFirstLocaleMiddleware:
    """Swedish unless the user chose another language (the cookie set_language writes).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a municipal case system speaks
    Swedish to everyone first, whatever language the workstation's browser was installed in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionTimeoutMiddleware:
    """Logs out a session idle for settings.SESSION_IDLE_TIMEOUT or older than settings.SESSION_MAX_LIFETIME.

    The user lands on the login page with a message saying why (and returns to the page they asked for); every
    other request of a logged-in user counts as activity (see kompotten.session_timeout); a page's background
    polling (header X-Kompotten-Background) and the idle warning's own question do not.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The idle warning's question "how long is left?" must not itself count as activity.
        if request.path_info == reverse("session_status"):
            return self.get_response(request)
        if request.user.is_authenticated:
            session = request.session
            if not session_timeout.is_started(session):
                session_timeout.start(session)
            expired = session_timeout.expiry(session)
            if expired:
                return self.log_out(request, expired)
            # A page's own background check (a report's progress) is not the user at work.
            if not request.headers.get("X-Kompotten-Background"):
                session_timeout.record_activity(session)
        return self.get_response(request)

    @staticmethod
    def log_out(request, expired):
        user_id = request.user.pk
        auth.logout(request)
        logger.info("session_expired", extra={"reason": expired, "user_id": user_id})
        messages.info(request, timeout_message(expired))
        if request.method == "GET":
            return redirect_to_login(request.get_full_path())
        return redirect(settings.LOGIN_URL)


def timeout_message(expired: str) -> str:
    if expired == "absolute":
        hours = int(settings.SESSION_MAX_LIFETIME.total_seconds() // 3600)
        return ngettext(
            "Du loggades ut eftersom du har varit inloggad i %(hours)d timme. Logga in igen för att fortsätta.",
            "Du loggades ut eftersom du har varit inloggad i %(hours)d timmar. Logga in igen för att fortsätta.",
            hours,
        ) % {"hours": hours}
    minutes = int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60)
    return ngettext(
        "Du loggades ut efter %(minutes)d minut utan aktivitet.",
        "Du loggades ut efter %(minutes)d minuter utan aktivitet.",
        minutes,
    ) % {"minutes": minutes}


class TwoFactorMiddleware:
    """Holds a user who must pass the second step (kompotten.two_factor.must_verify) at the setup or code page.

    Until then only logging in and out, the language switch, the two-factor pages themselves and static files
    are reachable. Comes after django_otp's OTPMiddleware, which tells whether the session has passed the step.
    """

    OPEN_VIEWS = frozenset(
        {
            "login",
            "logout",
            "set_language",
            "session_keepalive",
            "session_status",
            "two_factor_setup",
            "two_factor_verify",
            "two_factor_recovery",
            "oidc_login",
            "oidc_callback",
            "admin:logout",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(settings.STATIC_URL) or request.resolver_match.view_name in self.OPEN_VIEWS:
            return None
        if identity_provider.logged_in_through_provider(request):
            return None  # the provider's own multi-factor authentication stands in for the second step
        if not two_factor.must_verify(request.user):
            return None
        target = "two_factor_verify" if two_factor.is_enabled_for(request.user) else "two_factor_setup"
        query = f"?{urlencode({'next': request.get_full_path()})}" if request.method == "GET" else ""
        return redirect(reverse(target) + query)
