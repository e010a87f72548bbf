"""Logging in through the municipality's identity provider (OpenID Connect), with mozilla-django-oidc.

Staff log in with their municipal account: the button "Logga in med kommunens konto" sends them to the provider
(the authorization code flow with PKCE), which sends them back to the callback with a code that the backend
exchanges for tokens. The user is found by who they are at the provider, the ID token's issuer and subject
(`provider_user`; created at the first login, with them), not by the e-mail address, which the provider may change or
give to someone else later: a changed address is taken over, and an address that belongs to a user of another
subject is refused, never merged. An account made before it was linked (by hand, or by a login before issuer and
subject were stored) is linked at its next login only when the administrator has marked it for that
(`provider_link_pending`; the migration marked the accounts earlier provider logins had made). The user gets,
at every login, exactly the roles the administrator mapped from the provider's groups (`ProviderGroupRole`,
edited in the Django admin; the claim is settings.OIDC_GROUPS_CLAIM). So:

- someone removed at the provider cannot log in the next time: the provider no longer lets them through;
- someone whose groups no longer map to a role loses their roles and is refused at their next login;
- someone deactivated here (`is_active` off) is refused whatever the provider says;
- a partner contact person's account is never logged into from here: partners use the password form.

The session remembers that the login came from the provider (`LOGIN_METHOD_KEY`): the provider's own multi-factor
authentication stands in for this product's second step (kompotten.middleware.TwoFactorMiddleware), and logging
out also ends the provider's session when the provider has an end-session endpoint (`provider_logout_url`).
Everything here is off unless settings.OIDC_ENABLED (the KOMPOTTEN_OIDC_* variables).
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

import jwt
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from kompotten import services
from kompotten.models import ProviderGroupRole, User
from kompotten.roles import Role

logger = logging.getLogger(__name__)

LOGIN_METHOD_KEY = "kompotten_login_method"
CLOCK_SKEW_SECONDS = 60
PROVIDER = "identity_provider"


def groups_of(claims: dict) -> list[str]:
    """The group values in the claims: a list, or one string, under settings.OIDC_GROUPS_CLAIM."""
    value = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    values = [value] if isinstance(value, str) else value
    return [str(group) for group in values if str(group).strip()]


def mapped_roles(groups: list[str]) -> tuple[set[Role], list]:
    """The roles (and the units, in the mapping's order) the administrator mapped from these groups."""
    lines = list(ProviderGroupRole.objects.filter(claim_value__in=groups).select_related("unit"))
    roles = {Role(line.role) for line in lines}
    units = [line.unit for line in lines if line.unit is not None]
    return roles, units


def provider_user(*, issuer: str, subject: str, email: str) -> User | None:
    """The user this login through the provider is, or None for someone new (to be created); raises
    ProviderLoginRefused for an e-mail address whose user is not linked to this issuer and subject:

    1. the user linked to the issuer and subject, whatever their e-mail address here or there;
    2. else the user with this e-mail address (in any case), if that user has no subject yet and the administrator
       marked it to be linked at its next login (`provider_link_pending`);
    3. refused when that user is linked to another subject (another person now has the address, or the provider was
       replaced) or is not marked to be linked: the administrator links it (README, "Connecting the municipality's
       identity provider").
    """
    linked = User.objects.filter(provider_issuer=issuer, provider_subject=subject).first()
    if linked is not None:
        return linked
    holder = User.objects.filter(email__iexact=email).first()
    if holder is None:
        return None
    if holder.is_partner:  # partners log in with their password only
        raise services.ProviderLoginRefused("partner_account")
    if holder.provider_subject:
        raise services.ProviderLoginRefused("email_of_another_subject")
    if not holder.provider_link_pending:
        raise services.ProviderLoginRefused("account_not_linked")
    return holder


class ProviderBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, with the product's rules for who may log in and with which roles."""

    def _verify_jws(self, payload, key):
        """The library's check of the ID token's signature, with its audience (this client) checked too and leeway for
        the two servers' clocks: a provider a second ahead would otherwise issue tokens "not yet valid"."""
        algorithm = jwt.get_unverified_header(payload).get("alg")
        if algorithm != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("id_token_algorithm")
        try:
            return jwt.decode(
                payload, key, algorithms=[algorithm], audience=self.OIDC_RP_CLIENT_ID, leeway=CLOCK_SKEW_SECONDS
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation("id_token_invalid") from error

    def authenticate(self, request, **kwargs):
        # A token that does not hold up is a failed login (the login page with a message), not an error page.
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as refusal:
            logger.warning("identity_provider_token_refused", extra={"reason": str(refusal)})
            return None

    def get_userinfo(self, access_token, id_token, payload):
        # Some providers (Microsoft Entra ID) put the groups in the ID token only, not in the userinfo answer.
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):  # OpenID Connect Core 5.3.2
            raise SuspiciousOperation("userinfo_subject_differs")
        # The issuer is the signed ID token's, whatever the userinfo answer says.
        return {**payload, **userinfo, "iss": payload.get("iss")}

    def verify_claims(self, claims):
        return all(isinstance(claims.get(name), str) and claims[name].strip() for name in ("iss", "sub", "email"))

    def filter_users_by_claims(self, claims):
        try:
            user = provider_user(issuer=claims["iss"], subject=claims["sub"], email=claims["email"].strip())
        except services.ProviderLoginRefused as refusal:
            logger.warning("identity_provider_login_refused", extra={"reason": refusal.reason})
            raise SuspiciousOperation(refusal.reason) from refusal
        return [user] if user is not None else []

    def create_user(self, claims):
        return self._sync(None, claims)

    def update_user(self, user, claims):
        return self._sync(user, claims)

    def _sync(self, user, claims):
        roles, units = mapped_roles(groups_of(claims))
        try:
            return services.user_sync_from_provider(
                user=user,
                issuer=claims["iss"],
                subject=claims["sub"],
                email=claims["email"].strip(),
                first_name=claims.get("given_name", ""),
                last_name=claims.get("family_name", ""),
                roles=roles,
                unit=units[0] if units else None,
            )
        except services.ProviderLoginRefused as refusal:
            logger.warning("identity_provider_login_refused", extra={"reason": refusal.reason})
            # mozilla-django-oidc turns this into a failed login (the callback's failure page).
            raise SuspiciousOperation(refusal.reason) from refusal


def _require_enabled():
    if not settings.OIDC_ENABLED:
        raise Http404


class ProviderLoginView(OIDCAuthenticationRequestView):
    """The button "Logga in med kommunens konto": sends the browser to the provider."""

    def get(self, request):
        _require_enabled()
        return super().get(request)


class ProviderCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back (the redirect URI registered at the provider)."""

    @property
    def failure_url(self):
        return reverse("login")

    def get(self, request):
        _require_enabled()
        return super().get(request)

    def login_success(self):
        response = super().login_success()
        self.request.session[LOGIN_METHOD_KEY] = PROVIDER
        return response

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Du kunde inte loggas in med kommunens konto. Har du fått en roll i %(product)s? "
                "Kontakta systemförvaltningen om du behöver komma åt %(product)s."
            )
            % {"product": settings.PRODUCT_NAME},
        )
        return super().login_failure()


def logged_in_through_provider(request) -> bool:
    return request.session.get(LOGIN_METHOD_KEY) == PROVIDER


def provider_logout_url(request) -> str | None:
    """The provider's end-session address for this session (RP-initiated logout), or None.

    Read before the session ends: it needs the ID token stored at login (OIDC_STORE_ID_TOKEN).
    """
    endpoint = settings.OIDC_OP_END_SESSION_ENDPOINT
    if not (settings.OIDC_ENABLED and endpoint and logged_in_through_provider(request)):
        return None
    query = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    if id_token := request.session.get("oidc_id_token"):
        query["id_token_hint"] = id_token
    return f"{endpoint}?{urlencode(query)}"
