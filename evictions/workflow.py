"""The states of an eviction-prevention file and the one table of allowed moves between them.

A file is open while the team works on it; it may be listed as ready to close (a minor warning answered with
only a contact letter, after about a month); it is closed with an outcome. A new notice for a closed file of the
same household (within two years) opens it again. `evictions.services.file_transition` applies a move.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompotten.roles import Role


class FileStatus(models.TextChoices):
    OPEN = "open", _("Pågående")
    READY_TO_CLOSE = "ready_to_close", _("Klar att avsluta")
    CLOSED = "closed", _("Avslutad")


# Not closed, as a list rather than `exclude(status=CLOSED)`: an IN can use the status index, a <> cannot.
NOT_CLOSED = [FileStatus.OPEN, FileStatus.READY_TO_CLOSE]

# (from, to) -> (why this move exists, the roles that may make it)
TRANSITIONS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    (FileStatus.OPEN, FileStatus.READY_TO_CLOSE): (
        _("Inget mer återstår än att avsluta"),
        frozenset({Role.EVICTION_CASEWORKER}),
    ),
    (FileStatus.READY_TO_CLOSE, FileStatus.OPEN): (
        _("Mer arbete behövs"),
        frozenset({Role.EVICTION_CASEWORKER}),
    ),
    (FileStatus.OPEN, FileStatus.CLOSED): (_("Ärendet avslutas med utfall"), frozenset({Role.EVICTION_CASEWORKER})),
    (FileStatus.READY_TO_CLOSE, FileStatus.CLOSED): (
        _("Ärendet avslutas med utfall"),
        frozenset({Role.EVICTION_CASEWORKER}),
    ),
    (FileStatus.CLOSED, FileStatus.OPEN): (
        _("Ny underrättelse för hushållet inom två år"),
        frozenset({Role.EVICTION_CASEWORKER}),
    ),
}


def allowed(current: str, target: str, roles) -> bool:
    edge = TRANSITIONS.get((current, target))
    return edge is not None and bool(edge[1] & {str(role) for role in roles})
