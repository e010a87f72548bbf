from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

import django_otp

from kompotten import identity_provider, session_timeout, two_factor
from kompotten.form_pages import next_url
from kompotten.forms import LoginForm, RecoveryCodeForm, TwoFactorCodeForm
from kompotten.navigation import ROLE_START
from kompotten.roles import roles_of
from kompotten.structured_logging import request_id_var


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["provider_login"] = settings.OIDC_ENABLED
        context["staff_password_login"] = settings.STAFF_PASSWORD_LOGIN
        return context


class LogoutView(auth_views.LogoutView):
    """Logs out of Kompotten and, after a login through the identity provider, out of the provider as well when it
    has an end-session endpoint (kompotten.identity_provider.provider_logout_url)."""

    def post(self, request, *args, **kwargs):
        provider_logout = identity_provider.provider_logout_url(request)  # read before the session ends
        response = super().post(request, *args, **kwargs)
        return redirect(provider_logout) if provider_logout else response


def home(request):
    """Sends each user to what their role works on first."""
    for role in roles_of(request.user):
        return redirect(ROLE_START[role])
    return render(request, "kompotten/no_role.html")


def locked_out(request, original_response=None, credentials=None):
    """The page for a user name and address locked out after repeated failed logins (axes' AXES_LOCKOUT_CALLABLE).

    Every attempt during the lock-out starts the cool-off again, so it ends one cool-off from now.
    """
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": int(cool_off.total_seconds() // 60),
        "retry_at": timezone.localtime(timezone.now() + cool_off),
    }
    return render(request, "registration/locked_out.html", context, status=429)


@never_cache
@require_GET
def session_keepalive(request):
    """Counts as activity ("Fortsätt vara inloggad" in the idle warning); tells how long the session now has."""
    session_timeout.record_activity(request.session, force=True)
    return JsonResponse({"idle_seconds_left": session_timeout.idle_seconds_left(request.session)})


@never_cache
@login_not_required
@require_GET
def session_status(request):
    """How long the session has left, without counting as activity (SessionTimeoutMiddleware lets it pass).

    The idle warning asks before it warns and before it reloads the page, so that work in another tab keeps
    this one from warning; 0 when the session has ended.
    """
    session = request.session
    alive = request.user.is_authenticated and session_timeout.is_started(session)
    seconds_left = session_timeout.idle_seconds_left(session) if alive and not session_timeout.expiry(session) else 0
    return JsonResponse({"idle_seconds_left": seconds_left})


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_overview(request):
    """Any user's page to see, turn on, or (when their role does not require it) turn off two-factor authentication."""
    enabled = two_factor.is_enabled_for(request.user)
    required = two_factor.required_for(request.user)
    if request.method == "POST" and enabled and not required:
        two_factor.turn_off(request.user)
        messages.success(request, _("Tvåstegsverifiering är avstängd."))
        return redirect("two_factor")
    return render(request, "registration/two_factor.html", {"enabled": enabled, "required": required})


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Shows a new secret (QR code and text) and turns two-factor authentication on with the first correct code."""
    if two_factor.is_enabled_for(request.user) and not request.user.is_verified():
        return _redirect_keeping_next(request, "two_factor_verify")
    device = two_factor.pending_device(request.user)
    form = TwoFactorCodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        two_factor.confirm(device)
        _pass_second_step(request, device)
        messages.success(request, _("Tvåstegsverifiering är påslagen. Nästa gång du loggar in frågar vi efter en kod."))
        return _show_recovery_codes(request, two_factor.recovery_codes_create(request.user))
    context = {
        "form": form,
        "next": next_url(request),
        "secret": two_factor.secret_for_typing(device),
        "qr_code": two_factor.qr_code_data_uri(device),
        "required": two_factor.required_for(request.user),
        # Before the second step the menus lead nowhere: everything sends the user back here.
        "two_factor_pending": two_factor.must_verify(request.user),
    }
    return render(request, "registration/two_factor_setup.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second step of logging in: the code from the app."""
    device = two_factor.confirmed_device(request.user)
    if device is None:
        return _redirect_keeping_next(request, "two_factor_setup")
    if request.user.is_verified():
        return redirect(next_url(request) or "home")
    form = TwoFactorCodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        _pass_second_step(request, device)
        return redirect(next_url(request) or "home")
    context = {"form": form, "next": next_url(request), "two_factor_pending": True}
    return render(request, "registration/two_factor_verify.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_recovery(request):
    """The second step with a recovery code instead of the app's code (a lost or forgotten phone)."""
    if request.user.is_verified():
        return redirect(next_url(request) or "home")
    device = two_factor.recovery_device(request.user)
    form = RecoveryCodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        _pass_second_step(request, device)
        left = two_factor.recovery_codes_left(request.user)
        messages.warning(
            request,
            ngettext(
                "Du loggade in med en reservkod. Du har %(count)d reservkod kvar: skapa nya under Tvåstegsverifiering.",
                "Du loggade in med en reservkod. Du har %(count)d reservkoder kvar: skapa nya under "
                "Tvåstegsverifiering.",
                left,
            )
            % {"count": left},
        )
        return redirect(next_url(request) or "home")
    context = {"form": form, "next": next_url(request), "two_factor_pending": True}
    return render(request, "registration/two_factor_recovery.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """How many recovery codes are left, and a new set (shown once) on request."""
    if not two_factor.is_enabled_for(request.user):
        return redirect("two_factor")
    if request.method == "POST":
        return _show_recovery_codes(request, two_factor.recovery_codes_create(request.user))
    context = {"codes_left": two_factor.recovery_codes_left(request.user)}
    return render(request, "registration/recovery_codes.html", context)


def _show_recovery_codes(request, codes: list[str]):
    """The new codes, in the answer to the POST that made them: shown this once, never again."""
    context = {"codes": codes, "next": next_url(request)}
    return render(request, "registration/recovery_codes_new.html", context)


def _pass_second_step(request, device) -> None:
    # A new session key for the elevated session, as at login (session fixation).
    request.session.cycle_key()
    django_otp.login(request, device)


def _redirect_keeping_next(request, url_name: str):
    target = next_url(request)
    return redirect(reverse(url_name) + (f"?{urlencode({'next': target})}" if target else ""))


def server_error(request):
    """The 500 page: Swedish, without internals, with the request id the error was logged under (handler500).

    Rendered without the request's context processors: the database may be what failed."""
    html = render_to_string("500.html", {"request_id": request_id_var.get() or getattr(request, "id", None)})
    return HttpResponseServerError(html)
