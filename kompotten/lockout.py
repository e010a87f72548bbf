"""Lock-out after repeated failed logins: what django-axes counts, and from which address.

Axes counts failed logins per user name *and* client address (settings.AXES_LOCKOUT_PARAMETERS): after
AXES_FAILURE_LIMIT failures within AXES_COOLOFF_TIME that user name is refused from that address until the
cool-off has passed, while the same user name from another address and other user names from the same address
still log in. These two callables tell axes what the user name and the address of an attempt are; the page a
locked-out visitor sees is `kompotten.views.locked_out`.
"""

from django.conf import settings
from django.http import HttpRequest


def username_of_attempt(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The e-mail address tried, as the login looks it up: trimmed and case-insensitive.

    Without this, "Chef@..." and "chef@..." would be counted as two user names, and every change of case would
    buy an attacker another round of attempts.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials is not None else getattr(request, "data", request.POST)
    value = source.get(field)
    if not value:
        return None
    return str(value).strip().lower()


def client_ip_address(request: HttpRequest) -> str | None:
    """The client's address from the request header named by settings.CLIENT_IP_HEADER (KOMPOTTEN_CLIENT_IP_HEADER).

    A header holding a list (X-Forwarded-For) gives its right-most address: the one our own reverse proxy
    appended, which a client cannot forge (the addresses before it are whatever the client sent). Without the
    header (a request that did not pass the proxy) the connection's own address counts.
    """
    header = settings.CLIENT_IP_HEADER
    value = request.META.get(header, "") if header != "REMOTE_ADDR" else ""
    addresses = [address.strip() for address in value.split(",") if address.strip()]
    if addresses:
        return addresses[-1]
    return request.META.get("REMOTE_ADDR")
