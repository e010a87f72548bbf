"""The one access policy of Kompotten. Every view, queryset, form, export, letter and report asks it.

Rules (see "Protected identities" in the domain description):
- staff see the cases of their own unit; management sees the cases of every unit of its municipality;
- a user assigned to a case holds an object grant on it (django-guardian, direct foreign-key tables) and so
  sees it even outside their unit; unassigning revokes the grant; a protected person who joins the case later is
  not shown to her by it until the team lead confirms her access (`PendingPartyAccess`);
- access is given, never taken: handlers come from the case's own unit, and a case with a protected person is
  assigned by the unit's team lead or a manager, never by a user to herself (`cases.services.case_assign_handler`);
  every grant given or revoked is a `GrantEvent` written here beside the grant, for the managers' review;
- partner contact persons see only the cases their municipality takes part in, and only what was shared;
- a protected person's identity (name, number, address, phone, workplace, household) is visible only to holders
  of a grant on that person or on a case the person is part of; everyone else gets a placeholder;
- a manager (enhetschef) sees case numbers, states, dates, deadlines and figures, and no person's identity, protected
  or not, nor the text written about the people in a case, nor the letters to them, unless granted: a grant on the
  person or the case, or an emergency access (logged and reviewed);
- the link to a former identity needs an explicit grant on that link;
- global model permissions never open anything here: only the object tables are read;
- what a user may not see answers 404, exactly like what does not exist.

This is the only module that imports guardian.shortcuts (a ruff banned-api rule holds that line).
"""

from collections.abc import Callable
from functools import cached_property, wraps

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.utils import timezone

from guardian.shortcuts import assign_perm, remove_perm  # noqa: TID251 - the policy is the one place for grants

from cases.models import (
    AccessLogEntry,
    Case,
    CaseGroupObjectPermission,
    CasePartner,
    CaseParty,
    CaseUserObjectPermission,
    Document,
    EmergencyAccess,
    FormerIdentityLink,
    FormerIdentityLinkUserObjectPermission,
    GrantEvent,
    JournalNote,
    PendingPartyAccess,
    Person,
    PersonGroupObjectPermission,
    PersonUserObjectPermission,
    ProtectionLevel,
)
from kompotten.capabilities import Capability, holds_role_capability
from kompotten.lockout import client_ip_address
from kompotten.models import Unit, User
from kompotten.roles import UNIT_CASEWORKER_ROLE

VIEW_CASE = "cases.view_case"
VIEW_PERSON = "cases.view_person"
VIEW_FORMER_IDENTITY = "cases.view_formeridentitylink"


def _granted_ids(model, group_model, user, codename: str) -> QuerySet:
    """Ids of the objects this user holds `codename` on, directly or through a group; object tables only, never a
    global perm. One UNION ALL subquery: PostgreSQL joins it by index, where an OR of two IN-subqueries made it scan
    the whole table being filtered."""
    direct = model.objects.filter(user=user, permission__codename=codename).order_by()
    via_group = group_model.objects.filter(group__user=user, permission__codename=codename).order_by()
    return direct.values("content_object_id").union(via_group.values("content_object_id"), all=True)


class AccessPolicy:
    """What one user may see and do. Build one per request (`policy_for(request)`); it caches its grant sets and
    collects the protected identities it reveals, written to the access log in one insert when the response is done
    (`cases.middleware.AccessLogMiddleware`)."""

    def __init__(self, user, request=None):
        self.user = user
        self.request = request
        self._revealed: dict[int, AccessLogEntry] = {}
        self._downloaded: set[int] = set()  # persons a download in this request has logged
        self._protected_cases: dict[int, bool] = {}

    # --- who is this user -------------------------------------------------------------------------------------
    @property
    def is_partner(self) -> bool:
        return self.user.is_authenticated and self.user.partner_municipality_id is not None

    @cached_property
    def _unit(self) -> Unit | None:
        return self.user.unit if self.user.is_authenticated and self.user.unit_id else None

    @property
    def is_manager(self) -> bool:
        return self._unit is not None and self._unit.kind == Unit.Kind.MANAGEMENT

    @property
    def leads_team(self) -> bool:
        """Is this user the team lead (gruppledare) of their unit?"""
        return self._unit is not None and leads_team_of(self.user, self._unit)

    # --- may this user do this (to this object)? ---------------------------------------------------------------
    def holds(self, *capabilities: Capability) -> bool:
        """Does this user hold any one of these capabilities? A role capability is a permission of her roles;
        `CASEWORK` is held by staff of a unit (not a manager, not a partner's contact person), `OVERSEE` by
        management."""
        return any(self._holds(capability) for capability in capabilities)

    def require(self, *capabilities: Capability, hidden: bool = False) -> None:
        """Go on only if this user holds any one of `capabilities`: 403 otherwise, or 404 when `hidden`, so nobody
        else learns that the page exists."""
        if not self.holds(*capabilities):
            raise Http404 if hidden else PermissionDenied

    def _holds(self, capability: Capability) -> bool:
        if capability is Capability.CASEWORK:
            return not self.is_partner and not self.is_manager and self._unit is not None
        if capability is Capability.OVERSEE:
            return self.is_manager
        if self.is_partner and capability is not Capability.PARTNER_PORTAL:
            return False  # a partner's contact person acts only as the partner, whatever else her account was given
        return holds_role_capability(self.user, capability)

    def may_act(self, may: Capability | Callable[[object], bool], found) -> bool:
        """May this user act on `found`, an object she sees? With a capability: acting on an object is casework, so
        she holds `CASEWORK` and that capability. With a rule of this policy taking the object (`self.can_assign`):
        its answer."""
        if isinstance(may, Capability):
            return self.holds(Capability.CASEWORK) and self.holds(may)
        return may(found)

    def get_or_404(
        self,
        rows,
        /,
        *,
        visible: Callable[[object], bool] | None = None,
        may: Capability | Callable[[object], bool] | None = None,
        **lookup,
    ):
        """The one object of `rows` matching `lookup` that this user may see, else Http404, exactly like one that
        does not exist; `visible`, a rule of this policy the object must pass as well to exist for her (a letter
        only for who may open the case's letters, `letters_visible`). Then PermissionDenied (403) unless she `may`
        act on it (`may_act`). `rows` is the model `Case` or `Person`, narrowed here to those she may open, or a
        selector's visible queryset (`housing.selectors.contracts(policy)`)."""
        found = self._visible_one(rows, lookup)
        if visible is not None and not visible(found):
            raise Http404
        if may is not None and not self.may_act(may, found):
            raise PermissionDenied
        return found

    def _visible_one(self, rows, lookup: dict):
        try:
            if rows is Case:
                return self.cases().select_related("unit").get(**lookup)
            if rows is Person:  # a partner reaches no person by id: what she may know is on the request
                if self.is_partner:
                    raise Http404
                return self.persons(among=Person.objects.filter(**lookup)).select_related("municipality").get()
            return rows.get(**lookup)
        except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
            raise Http404 from None

    def own_unit_of_kind(self, *kinds: str) -> Unit:
        """The user's own unit, for a page that acts for the team of a unit of one of `kinds` (registering a notice,
        the team's process goal, an import, a referral): PermissionDenied for anyone else."""
        if self._unit is None or self._unit.kind not in kinds:
            raise PermissionDenied
        return self._unit

    # --- cases --------------------------------------------------------------------------------------------------
    def cases(self) -> QuerySet[Case]:
        """Every case this user may open."""
        if not (self.user.is_authenticated and self.user.is_active):
            return Case.objects.none()
        return Case.objects.filter(self._case_visible())

    def our_cases(self) -> QuerySet[Case]:
        """The cases this user may open on our own case pages. A partner municipality's contact person reaches only
        the request pages made for her (and the documents linked from them): to her every other case URL does not
        exist."""
        return Case.objects.none() if self.is_partner else self.cases().select_related("unit")

    def through_cases(self, rows: QuerySet, case: str = "case") -> QuerySet:
        """The rows of `rows` (requests, applications, files, deadlines …) whose case, reached through the field
        `case`, this user may open. Each row's own case is probed, so a page of rows costs index lookups rather than
        a list of every visible case (200,000 at a large city's volume) hashed first."""
        if not (self.user.is_authenticated and self.user.is_active):
            return rows.none()
        return rows.filter(self._case_visible(f"{case}__"))

    def _case_visible(self, case: str = "") -> Q:
        """The condition that this user may open a case, on the case reached through the prefix `case` ("" for a
        case, "case__" for a row pointing at one), so a check on a few rows probes their own cases instead of
        listing every visible one. Callers make sure the user is an active, authenticated one."""
        if self.is_partner:
            partner = CasePartner.objects.filter(
                case=OuterRef(f"{case}pk"), municipality_id=self.user.partner_municipality_id
            )
            return Q(Exists(partner))
        visible = Q(**{f"{case}pk__in": self.granted_case_ids})
        if self.is_manager:
            visible |= Q(**{f"{case}unit__municipality_id": self._unit.municipality_id})
        elif self._unit is not None:
            visible |= Q(**{f"{case}unit_id": self._unit.pk})
        return visible

    @cached_property
    def granted_case_ids(self) -> list[int]:
        """The cases this user holds a grant on (assignment or group), read once per request. A list, not a
        subquery: PostgreSQL plans `id IN (list) OR unit_id = …` with indexes (a BitmapOr, or a nested loop from a
        few parties to their cases), where a hashed subplan in the OR made it scan every case."""
        return sorted(set(self._case_grants().values_list("content_object_id", flat=True)))

    def _case_grants(self) -> QuerySet:
        return _granted_ids(CaseUserObjectPermission, CaseGroupObjectPermission, self.user, "view_case")

    def can_assign(self, case: Case) -> bool:
        """Open the handler page: a manager, the team lead of the case's unit, and for a case without a protected
        person any staff of that unit. The service holds the rules on who becomes a handler."""
        if self.is_partner or self._unit is None:
            return False
        if self.is_manager or leads_team_of(self.user, case.unit):
            return True
        return case.unit_id == self._unit.pk and not self.case_is_protected(case)

    def case_is_protected(self, case: Case) -> bool:
        """Does the case hold a protected person? Read once per case and request."""
        if case.pk not in self._protected_cases:
            self._protected_cases[case.pk] = case_is_protected(case)
        return self._protected_cases[case.pk]

    def may_request_access(self, case: Case) -> bool:
        """Ask the team lead for a case with a protected person ("Begär åtkomst"): its unit's staff without a grant."""
        return (
            not self.is_partner
            and self._unit is not None
            and case.unit_id == self._unit.pk
            and case.pk not in self.granted_case_ids
            and self.case_is_protected(case)
        )

    def notes(self, case: Case) -> QuerySet[JournalNote]:
        notes = case.notes.select_related("author", "corrects")
        if not self.case_text_visible(case):
            return notes.none()
        return notes.filter(shared_with_partners=True) if self.is_partner else notes

    def documents(self, case: Case) -> QuerySet[Document]:
        """The case's documents this user may read: a partner those shared with it; our staff all of them, but only
        while they see who every protected person on the case is (`documents_visible`)."""
        documents = case.documents.select_related("uploaded_by")
        if self.is_partner:
            return documents.filter(shared_with_partners=True)
        return documents if self.documents_visible(case) else documents.none()

    def documents_visible(self, case: Case) -> bool:
        """Documents are as protected as the people on their case: a risk assessment or a lease names the person
        and often the address. Our staff read them only when they see every protected person on the case (its
        parties and the person a partner's filing names) and, for a manager, the case's text."""
        if not self.case_text_visible(case):
            return False
        return all(self.identity_visible(person, case) for person in protected_persons_of(case))

    # --- identities ---------------------------------------------------------------------------------------------
    def _grant_sources(self) -> list[tuple[str, QuerySet, str]]:
        """Where a grant on a person comes from: (kind, the rows that grant it, the field naming the person)."""
        user, person_grant = self.user, {"permission__codename": "view_person"}
        return [
            # A protected person who joined the case after the assignment waits for the team lead's confirmation.
            (
                AccessLogEntry.Grant.ASSIGNMENT,
                CaseParty.objects.filter(case_id__in=self._case_grants()).exclude(
                    Exists(PendingPartyAccess.objects.filter(party=OuterRef("pk"), user=user))
                ),
                "person",
            ),
            (
                AccessLogEntry.Grant.PERSON,
                PersonUserObjectPermission.objects.filter(user=user, **person_grant),
                "content_object",
            ),
            (
                AccessLogEntry.Grant.PERSON,
                PersonGroupObjectPermission.objects.filter(group__user=user, **person_grant),
                "content_object",
            ),
            (
                AccessLogEntry.Grant.EMERGENCY,
                EmergencyAccess.objects.filter(user=user, expires_at__gt=timezone.now()),
                "person",
            ),
        ]

    def _granted_person_ids(self) -> QuerySet:
        """Ids of every person this user holds a grant for, from any source, as one UNION ALL subquery."""
        first, *rest = [rows.order_by().values(f"{field}_id") for _, rows, field in self._grant_sources()]
        return first.union(*rest, all=True)

    @cached_property
    def _grants_by_kind(self) -> dict[str, frozenset[int]]:
        """The protected persons whose identity this user may see, by where the grant comes from; read once, in one
        query (the case grants joined to the parties of those cases, the person grants, the running emergencies).
        For a manager every granted person, protected or not: without a grant a manager sees no identity at all."""
        if not self.user.is_authenticated:
            return {}
        sources = self._grant_sources()
        # In the same query, not a read of the user's unit first: the unprotected count only for a manager.
        manager = Exists(Unit.objects.filter(pk=self.user.unit_id, kind=Unit.Kind.MANAGEMENT))
        labelled = [
            rows.exclude(Q(**{f"{field}__protection_level": ProtectionLevel.NONE}) & ~Q(manager))
            .order_by()
            .annotate(kind=Value(kind))
            .values_list("kind", f"{field}_id")
            for kind, rows, field in sources
        ]
        found = {kind: set() for kind, _, _ in sources}
        for kind, person_id in labelled[0].union(*labelled[1:], all=True):
            found[kind].add(person_id)
        return {kind: frozenset(ids) for kind, ids in found.items()}

    @cached_property
    def granted_person_ids(self) -> frozenset[int]:
        """Persons whose protected identity this user may see: through a case, a person grant or emergency access."""
        return frozenset().union(*self._grants_by_kind.values())

    def grant_for(self, person: Person) -> str:
        for kind, ids in self._grants_by_kind.items():
            if person.pk in ids:
                return kind
        return AccessLogEntry.Grant.NONE

    @cached_property
    def identity_shared_case_ids(self) -> frozenset[int]:
        """For a partner: the cases in which the identity of (unprotected) persons was shared with them."""
        if not self.is_partner:
            return frozenset()
        shared = CasePartner.objects.filter(municipality_id=self.user.partner_municipality_id, identity_shared=True)
        return frozenset(shared.values_list("case_id", flat=True))

    def identity_visible(self, person: Person, case: Case | None = None) -> bool:
        """May this user see who `person` is? `case` is the case the person is shown in, when there is one. A
        manager needs a grant for anyone, protected or not."""
        if person.protection_level != ProtectionLevel.NONE or self.is_manager:
            return person.pk in self.granted_person_ids
        if self.is_partner:
            return case is not None and case.pk in self.identity_shared_case_ids
        return True

    def filed_identity_visible(self, filing) -> bool:
        """May this user read who a partner's filing names, in the partner's own words? The filing municipality's
        contact persons: what they filed, whatever we know of the person. Our staff: exactly as they may see the
        person the filing is tied to, so a person protected here is masked from the moment the partner files."""
        if self.is_partner:
            return self.user.partner_municipality_id == filing.request.municipality_id
        return self.identity_visible(filing.person, filing.request.case)

    def own_words_only(self, case_ids) -> set[int]:
        """The cases among `case_ids` in which this user reads only what it filed itself: a partner, on the requests
        it filed. There it sees neither our register's persons (not even as placeholders) nor our handlers: both
        follow what we know of the person, and a filing must not tell a partner whom we know or protect."""
        if not self.is_partner:
            return set()
        # Through the relations relocation adds to Case and Person (request, its filing): the policy reads them
        # and imports nothing of the app above it.
        filed = Case.objects.filter(pk__in=case_ids, relocation__filing__isnull=False)
        return set(filed.values_list("pk", flat=True))

    def case_text_visible(self, case: Case) -> bool:
        """May this user read what was written about the people in `case`: journal notes and their history, document
        titles, the criteria and their evidence, an application's background, the reasons of moves, pauses and
        extensions, the details of a consent, offer and follow-up notes, a letter's place and reasons? Anyone who
        opens the case, except a manager: a manager only with a grant on the case or on one of its persons (a person
        grant, an emergency access). Dates, states and figures are not text: she sees them."""
        return not self.is_manager or case.pk in self._text_case_ids

    def text_about_visible(self, person: Person | None) -> bool:
        """As `case_text_visible`, for text about one person read outside their case's pages (why a flat let to
        them went over its pool's quota): a manager only with a grant that shows her who the person is."""
        return not self.is_manager or (person is not None and person.pk in self.granted_person_ids)

    @cached_property
    def _text_case_ids(self) -> frozenset[int]:
        """For a manager: the cases whose text she may read, those granted to her and those of her granted persons;
        read once per request (one query, none without a grant)."""
        ids = set(self.granted_case_ids)
        if self.granted_person_ids:
            parties = CaseParty.objects.filter(person_id__in=self.granted_person_ids)
            ids.update(parties.values_list("case_id", flat=True))
        return frozenset(ids)

    def letters_visible(self, case: Case) -> bool:
        """May this user open the letters and forms printed for the people of `case` (a decision letter, an eviction
        letter, a receipt confirmation, a consent form)? Without it a letter does not exist for her (404). A letter is
        about the people it names: our staff who open the case (the letter masks whom they may not see), a manager
        only as the case's documents and with a grant showing her every person of the case, never a partner. Making
        and printing letters is casework on top of this (`Capability.CASEWORK`)."""
        if self.is_partner:
            return False
        if not self.is_manager:
            return True
        parties = case.parties.select_related("person")
        return self.documents_visible(case) and all(self.identity_visible(p.person, case) for p in parties)

    def may_open_emergency(self, case: Case) -> bool:
        """Open a masked person of the case by emergency access (nödåtkomst): staff who can see the case, and a
        manager (who otherwise sees no identity); never a partner."""
        return not self.is_partner and self._unit is not None

    def persons(self, among: QuerySet[Person] | None = None) -> QuerySet[Person]:
        """Persons whose identity this user may see (search, autocomplete, person pages), out of `among` when
        given: the few a search or a page asks about. The test "in a case this user may open" then joins only
        those persons' parties to their cases, by index, instead of listing the parties of every visible case
        (200,000 for a manager) in a hash before the first row."""
        if not self.user.is_authenticated:
            return Person.objects.none()
        persons = Person.objects.all() if among is None else among
        granted = Q(pk__in=self._granted_person_ids())
        if not self.user.is_active or self.is_manager:  # as cases(): an inactive user opens no case; a manager
            return persons.filter(granted)  # finds only the persons granted to her
        parties = CaseParty.objects.filter(self._case_visible("case__"))
        if self.is_partner:
            parties = parties.filter(case_id__in=list(self.identity_shared_case_ids))
        if among is not None:
            parties = parties.filter(person__in=among)
        in_visible_case = Q(protection_level=ProtectionLevel.NONE, pk__in=parties.values("person_id"))
        return persons.filter(in_visible_case | granted)

    def former_identity_link(self, person: Person) -> FormerIdentityLink | None:
        """The link to a former identity, only for holders of an explicit grant on that very link."""
        granted = FormerIdentityLinkUserObjectPermission.objects.filter(
            user=self.user, permission__codename="view_formeridentitylink", content_object__person=person
        )
        return FormerIdentityLink.objects.filter(person=person, pk__in=granted.values("content_object_id")).first()

    # --- the access log ------------------------------------------------------------------------------------------
    def _entry(self, action, person, case, what: str = "", reason: str = "", grant: str = "") -> AccessLogEntry:
        return AccessLogEntry(
            user=self.user,
            person=person,
            case=case,
            action=action,
            what=(what or (self.request.path if self.request else ""))[:200],
            grant=grant or (self.grant_for(person) if person else AccessLogEntry.Grant.NONE),
            ip_address=client_ip_address(self.request) if self.request else None,
            reason=reason,
        )

    def reveal(self, person: Person, case: Case | None) -> None:
        """Notes that a protected identity was shown; `flush_access_log` writes it, once per person and page (none
        when the page is a download that logged the person already)."""
        if person.is_protected and person.pk not in self._revealed and person.pk not in self._downloaded:
            self._revealed[person.pk] = self._entry(AccessLogEntry.Action.VIEW_IDENTITY, person, case)

    def flush_access_log(self) -> None:
        if self._revealed:
            AccessLogEntry.objects.bulk_create(self._revealed.values())
            self._revealed.clear()

    def log(
        self, action: str, *, person: Person | None, case: Case | None, what: str = "", reason: str = "", grant=""
    ) -> None:
        """Writes one entry now: downloads, emergency access, a protected identity a partner filed. A download names
        the persons in it, so the same request's reveal of them is no second row (a PDF shows them through
        `present`)."""
        self._entry(action, person, case, what, reason, grant).save()
        downloads = (AccessLogEntry.Action.DOWNLOAD_DOCUMENT, AccessLogEntry.Action.DOWNLOAD_PDF)
        if person is not None and action in downloads:
            self._downloaded.add(person.pk)
            self._revealed.pop(person.pk, None)

    def log_download(self, case: Case, what: str) -> None:
        """Every download is logged: once for each protected person in the case, or once for the case if none."""
        for person in list(protected_persons_of(case)) or [None]:
            self.log(AccessLogEntry.Action.DOWNLOAD_DOCUMENT, person=person, case=case, what=what)


def policy_for(request) -> AccessPolicy:
    """The request's policy, built once so its grant sets are read once per request."""
    if not hasattr(request, "_access_policy"):
        request._access_policy = AccessPolicy(request.user, request)
    return request._access_policy


def capability_required(*capabilities: Capability, hidden: bool = False):
    """A page about no one object, open to holders of any one of `capabilities` (`AccessPolicy.require`)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            policy_for(request).require(*capabilities, hidden=hidden)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


# --- who gives grants --------------------------------------------------------------------------------------------
def protected_persons_of(case: Case) -> QuerySet[Person]:
    """The protected persons a case is about: its parties, and the person a partner's filing names (the applicant
    from the filing on; one linked by migration 0018 joins the case when Nexus confirms them)."""
    parties = CaseParty.objects.filter(case=case).order_by().values("person_id")
    filed = Person.objects.filter(partner_filings__request__case=case).order_by().values("pk")
    # One IN over a UNION: PostgreSQL looks the few ids up by key. `IN a OR IN b` scanned every person (25 ms at
    # 90,000 persons, three times on a relocation case's page).
    persons = Person.objects.filter(pk__in=parties.union(filed))
    return persons.exclude(protection_level=ProtectionLevel.NONE).order_by("pk")


def case_is_protected(case: Case) -> bool:
    """Does the case hold a person with protected personal data, a party or the one a partner's filing names?"""
    party = CaseParty.objects.filter(case=OuterRef("pk")).exclude(person__protection_level=ProtectionLevel.NONE)
    filing = Person.objects.filter(partner_filings__request__case=OuterRef("pk")).exclude(
        protection_level=ProtectionLevel.NONE
    )
    return Case.objects.filter(Exists(party) | Exists(filing), pk=case.pk).exists()


def leads_team_of(user, unit: Unit) -> bool:
    """Is the user the team lead (gruppledare) of this unit?"""
    return user.is_active and user.unit_id == unit.pk and user.has_perm(Capability.LEAD_TEAM)


def manages(user, unit: Unit) -> bool:
    """Is the user a manager of this unit's municipality?"""
    return (
        user.is_active
        and user.unit_id is not None
        and user.unit.kind == Unit.Kind.MANAGEMENT
        and user.unit.municipality_id == unit.municipality_id
    )


def unit_caseworkers(unit: Unit) -> QuerySet[User]:
    """The active users of a unit holding its caseworker role (team leads hold it too)."""
    role = UNIT_CASEWORKER_ROLE.get(unit.kind)
    if role is None:
        return User.objects.none()
    return User.objects.filter(is_active=True, unit_id=unit.pk, groups__name=role.value)


def handler_candidates(case: Case) -> QuerySet[User]:
    """Who may be a handler of the case: the caseworkers of its own unit."""
    return unit_caseworkers(case.unit)


# --- grants: only services call these; each writes its GrantEvent -------------------------------------------------
def _event(kind, user, given_by, *, case=None, person=None, protected: bool, reason: str = "") -> GrantEvent:
    return GrantEvent(
        kind=kind, user=user, given_by=given_by, case=case, person=person, protected=protected, reason=reason
    )


def grant_case(user, case: Case, *, given_by, reason: str = "", protected: bool | None = None) -> None:
    assign_perm(VIEW_CASE, user, case)
    protected = case_is_protected(case) if protected is None else protected
    _event(GrantEvent.Kind.ASSIGNED, user, given_by, case=case, protected=protected, reason=reason).save()


def grant_cases(user, cases: list[Case], *, given_by) -> None:
    """`grant_case` for many new cases at once (guardian's bulk assignment: two reads and one insert), with their
    grant events in one more read and one insert."""
    assign_perm(VIEW_CASE, user, cases)
    protected = set(
        CaseParty.objects.filter(case__in=cases)
        .exclude(person__protection_level=ProtectionLevel.NONE)
        .values_list("case_id", flat=True)
    )
    GrantEvent.objects.bulk_create(
        _event(GrantEvent.Kind.ASSIGNED, user, given_by, case=case, protected=case.pk in protected) for case in cases
    )


def granted_case_ids(user, case_ids) -> set[int]:
    """Which of these cases the user holds a grant on, directly or through a group."""
    granted = _granted_ids(CaseUserObjectPermission, CaseGroupObjectPermission, user, "view_case")
    return set(Case.objects.filter(pk__in=granted).filter(pk__in=case_ids).values_list("pk", flat=True))


def revoke_case(user, case: Case, *, given_by, reason: str = "") -> None:
    remove_perm(VIEW_CASE, user, case)
    PendingPartyAccess.objects.filter(party__case=case, user=user).delete()  # assigned again, she is given it all
    protected = case_is_protected(case)
    _event(GrantEvent.Kind.UNASSIGNED, user, given_by, case=case, protected=protected, reason=reason).save()


def awaiting_confirmation(case: Case) -> QuerySet[User]:
    """The case's handlers whose access to a protected person who joined it waits for the team lead."""
    return User.objects.filter(pk__in=PendingPartyAccess.objects.filter(party__case=case).values("user_id"))


def confirm_pending(user, case: Case, *, given_by, reason: str) -> int:
    """The team lead confirms a handler's access to the persons who joined her case since she was assigned: one
    grant event per person. Returns how many were waiting."""
    pending = PendingPartyAccess.objects.filter(party__case=case, user=user).select_related("party__person")
    persons = [row.party.person for row in pending]
    GrantEvent.objects.bulk_create(
        _event(
            GrantEvent.Kind.CONFIRMED,
            user,
            given_by,
            case=case,
            person=person,
            protected=person.is_protected,
            reason=reason,
        )
        for person in persons
    )
    pending.delete()
    return len(persons)


def grant_person(user, person: Person, *, given_by, reason: str = "", registered: bool = False) -> None:
    """A grant on one person; `registered`: the user recorded the person or their protection herself."""
    assign_perm(VIEW_PERSON, user, person)
    kind = GrantEvent.Kind.REGISTERED if registered else GrantEvent.Kind.PERSON_GRANTED
    _event(kind, user, given_by, person=person, protected=person.is_protected, reason=reason).save()


def revoke_person(user, person: Person, *, given_by, reason: str = "") -> None:
    remove_perm(VIEW_PERSON, user, person)
    kind = GrantEvent.Kind.PERSON_REVOKED
    _event(kind, user, given_by, person=person, protected=person.is_protected, reason=reason).save()


def grant_former_identity_link(user, link: FormerIdentityLink) -> None:
    """To the user who records the link, and to nobody else through this product."""
    assign_perm(VIEW_FORMER_IDENTITY, user, link)
    _event(GrantEvent.Kind.REGISTERED, user, user, person=link.person, protected=True).save()


def record_emergency_access(access: EmergencyAccess) -> GrantEvent:
    """Emergency access is its own grant (`EmergencyAccess`, read by the policy); its event points at it."""
    return GrantEvent.objects.create(
        kind=GrantEvent.Kind.EMERGENCY,
        user=access.user,
        given_by=access.user,
        case=access.case,
        person=access.person,
        protected=access.person.is_protected,
        reason=access.reason,
        at=access.started_at,
        emergency_access=access,
    )
