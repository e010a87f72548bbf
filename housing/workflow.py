"""The states of the housing unit's stateful records and who may move them, in the shape of `kompotten.workflow`.

`APPLICATION`: a housing application (ansökan om bostadssocialt kontrakt) from referral through investigation and
decision to the queue and a contract. The moves a handler makes with a button on the application page are
`manual`; a decision (`application_decide`) and an answered offer make the others. `OFFER`, `FLAT` and `CONTRACT`:
an offer is answered, a flat is offered and let, a social contract's trial ends; the named services of
`housing.services` make those moves. Each model has one service that applies a move (`application_transition`,
`offer_transition`, `flat_transition`, `contract_transition`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompotten.roles import Role
from kompotten.workflow import Messages, Workflow, edge


class ApplicationStatus(models.TextChoices):
    REFERRED = "referred", _("Remitterad")
    INVESTIGATING = "investigating", _("Under utredning")
    APPROVED = "approved", _("Bifallen, i kö")
    PAUSED = "paused", _("Pausad i kön")
    HOUSED = "housed", _("Kontrakt tecknat")
    REJECTED = "rejected", _("Avslag")
    WITHDRAWN = "withdrawn", _("Återkallad")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Väntar på svar")
    ACCEPTED = "accepted", _("Accepterat")
    DECLINED = "declined", _("Nej tack")
    WITHDRAWN = "withdrawn", _("Återtaget")


class FlatStatus(models.TextChoices):
    AVAILABLE = "available", _("Ledig")
    OFFERED = "offered", _("Erbjuden")
    LET = "let", _("Uthyrd")
    WITHDRAWN = "withdrawn", _("Tillbakadragen")


class ContractStatus(models.TextChoices):
    TRIAL = "trial", _("Prövotid")
    PASSED = "passed", _("Övergått till förstahandskontrakt")
    ENDED = "ended", _("Avslutat")


S = ApplicationStatus
H, N = Role.HOUSING_HANDLER, Role.NEXUS_CASEWORKER

APPLICATION = Workflow(
    name="housing_application",
    model="housing.HousingApplication",
    states=ApplicationStatus,
    edges={
        (S.REFERRED, S.INVESTIGATING): edge(H, label=_("Påbörja utredning"), manual=True),
        (S.REFERRED, S.WITHDRAWN): edge(H, N, label=_("Återkalla remissen"), manual=True, needs_reason=True),
        # A decision is made through application_decide, which records the decision and then takes one of these.
        (S.INVESTIGATING, S.APPROVED): edge(H, label=_("Bifall")),
        (S.INVESTIGATING, S.REJECTED): edge(H, label=_("Avslag")),
        (S.INVESTIGATING, S.WITHDRAWN): edge(H, N, label=_("Återkalla ansökan"), manual=True, needs_reason=True),
        # In the queue: a declined offer may pause the applicant or send them back to investigation.
        (S.APPROVED, S.PAUSED): edge(H, label=_("Pausa i kön"), manual=True, needs_reason=True),
        (S.PAUSED, S.APPROVED): edge(H, label=_("Åter i kön"), manual=True),
        (S.APPROVED, S.INVESTIGATING): edge(H, label=_("Tillbaka till utredning"), manual=True, needs_reason=True),
        (S.PAUSED, S.INVESTIGATING): edge(H, label=_("Tillbaka till utredning"), manual=True, needs_reason=True),
        (S.APPROVED, S.HOUSED): edge(H, label=_("Kontrakt tecknat")),
        (S.APPROVED, S.WITHDRAWN): edge(H, label=_("Återkalla ansökan"), manual=True, needs_reason=True),
        (S.PAUSED, S.WITHDRAWN): edge(H, label=_("Återkalla ansökan"), manual=True, needs_reason=True),
    },
    messages=Messages(
        no_edge=_("Ansökan kan inte gå från ”%(from)s” till ”%(to)s”."),
        not_manual=_("Den ändringen görs genom ett beslut eller ett erbjudande, inte direkt."),
        no_reason=_("Ange ett skäl. Det sparas i ansökans historik."),
    ),
)

OPEN = frozenset({S.REFERRED, S.INVESTIGATING, S.APPROVED, S.PAUSED})
UNDECIDED = frozenset({S.REFERRED, S.INVESTIGATING})

OS = OfferStatus
OFFER = Workflow(
    name="housing_offer",
    model="housing.Offer",
    states=OfferStatus,
    edges={
        (OS.OPEN, OS.ACCEPTED): edge(H, label=_("Accepterat")),  # offer_accept
        (OS.OPEN, OS.DECLINED): edge(H, label=_("Nej tack")),  # offer_decline
        # offer_accept: the applicant's other open offers, and the flat's, go with the one accepted.
        (OS.OPEN, OS.WITHDRAWN): edge(H, label=_("Återtaget")),
    },
)

F = FlatStatus
FLAT = Workflow(
    name="housing_flat",
    model="housing.Flat",
    states=FlatStatus,
    edges={
        (F.AVAILABLE, F.OFFERED): edge(H, label=_("Erbjuden")),  # offer_make
        (F.OFFERED, F.AVAILABLE): edge(H, label=_("Ledig")),  # offer_decline
        (F.OFFERED, F.LET): edge(H, label=_("Uthyrd")),  # offer_accept, through flat_let
        (F.AVAILABLE, F.LET): edge(H, label=_("Uthyrd")),  # flat_let: let without an offer
    },
)

C = ContractStatus
CONTRACT = Workflow(
    name="housing_contract",
    model="housing.SocialContract",
    states=ContractStatus,
    edges={
        (C.TRIAL, C.PASSED): edge(H, label=_("Övergått till förstahandskontrakt")),  # contract_pass_to_tenant
        (C.TRIAL, C.ENDED): edge(H, label=_("Avslutat"), needs_reason=True),  # contract_end
    },
)
