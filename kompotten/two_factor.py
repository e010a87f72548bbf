"""Two-factor authentication: a time-based one-time code (TOTP) from an authenticator app, through django-otp.

Anyone may turn it on. Partner contact persons, managers and administrators must use it when
settings.REQUIRE_TWO_FACTOR is on (KOMPOTTEN_REQUIRE_2FA; on in production by default): they see more cases across
units or municipalities than anyone else, so a stolen password alone must not open them. A user whose
session has not passed the second step is held at the setup page (no confirmed app yet) or the code page
by `kompotten.middleware.TwoFactorMiddleware`; django-otp's OTPMiddleware tells whether it has.

A setup starts with an unconfirmed device, whose secret the user scans as a QR code or types in, and becomes
confirmed with the first correct code. An administrator can remove a lost app's device in the Django admin
(the user action "Återställ tvåstegsverifiering"); the user then sets up a new one at the next login.

Recovery codes (reservkoder) spare the user that call: turning two-factor authentication on gives ten one-time
codes (django-otp's static device), shown once; each passes the second step once instead of the app's code, and the
user can make a new set at any time (the old set then stops working).
"""

from base64 import b32encode, b64encode

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kompotten.roles import Role, roles_of

ROLES_REQUIRING_TWO_FACTOR = frozenset({Role.PARTNER_CONTACT, Role.MANAGER, Role.ADMINISTRATOR})
DEVICE_NAME = _("Autentiseringsapp")
RECOVERY_DEVICE_NAME = _("Reservkoder")


def required_for(user) -> bool:
    """Whether the user's role obliges them to use two-factor authentication (with the setting on)."""
    if not settings.REQUIRE_TWO_FACTOR or not user.is_authenticated:
        return False
    return bool(ROLES_REQUIRING_TWO_FACTOR.intersection(roles_of(user)))


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def is_enabled_for(user) -> bool:
    return confirmed_device(user) is not None


def must_verify(user) -> bool:
    """Whether this logged-in user has to pass the second step before anything else."""
    if not user.is_authenticated or user.is_verified():
        return False
    return is_enabled_for(user) or required_for(user)


def pending_device(user) -> TOTPDevice:
    """The device being set up: the same one on every visit, so the QR code does not change under the user."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=str(DEVICE_NAME), confirmed=False)
    return device


def confirm(device: TOTPDevice) -> None:
    """Makes the device the user's only confirmed one (a new phone replaces the old)."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def turn_off(user) -> int:
    """Removes every two-factor device of the user (the app and the recovery codes); returns how many apps."""
    StaticDevice.objects.filter(user=user).delete()
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    return deleted


@transaction.atomic
def recovery_codes_create(user) -> list[str]:
    """A new set of recovery codes, replacing the old set: returned once, to be shown to the user once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=str(RECOVERY_DEVICE_NAME), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_device(user) -> StaticDevice | None:
    return StaticDevice.objects.devices_for_user(user, confirmed=True).first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32, as authenticator apps take it when typed, in groups of four for reading aloud."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, an SVG data: URI for an <img> (allowed by the CSP's img-src)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=4)
    svg = image.to_string(encoding="unicode")
    return "data:image/svg+xml;base64," + b64encode(svg.encode("utf-8")).decode("ascii")
