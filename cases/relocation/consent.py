"""What the person's consent covers on a relocation request: the one rule that the request page, the e-mail to the
partner and anything else the partner receives ask (`consent_covers`).

A consent (`RelocationConsent`) covers the request itself — its progress: status news and the state of the housing
application it opened here — and, by its scope, the person's identity, household, risk assessment and contact
details. Revoking it takes all of that back at once; new consent covers what its own scope says. A request with no
consent recorded at all (registered by Nexus from a call, before the consent form arrived) keeps its progress
visible: the rule acts on a revocation, not on paperwork not yet filed.
"""

from cases.relocation.models import RelocationConsent, RelocationRequest

PROGRESS = "progress"  # the request's status e-mails and our housing application's state
SCOPES = {
    "identity": "share_identity",
    "household": "share_household",
    "risk_assessment": "share_risk_assessment",
    "contact_details": "share_contact_details",
}


def valid_consent(request: RelocationRequest) -> RelocationConsent | None:
    return request.consents.filter(revoked_on__isnull=True).first()


def consent_revoked(request: RelocationRequest) -> bool:
    """Consent was given and is now revoked, with none given since."""
    return request.consents.exists() and valid_consent(request) is None


def consent_covers(request: RelocationRequest, what: str) -> bool:
    """Whether the partner may be given `what` (`PROGRESS` or a scope in `SCOPES`) about this request now."""
    if what == PROGRESS:
        return not consent_revoked(request)
    if what not in SCOPES:
        raise ValueError(f"Not something a consent covers: {what}")
    consent = valid_consent(request)
    return consent is not None and getattr(consent, SCOPES[what])
