"""The one access policy of Kompotten. Every view, queryset, form, export, letter and report asks it.

Rules (see "Protected identities" in the domain description):
- staff see the cases of their own unit; management sees the cases of every unit of its municipality;
- a user assigned to a case holds an object grant on it (django-guardian, direct foreign-key tables) and so
  sees it even outside their unit; unassigning revokes the grant;
- partner contact persons see only the cases their municipality takes part in, and only what was shared;
- a protected person's identity (name, number, address, phone, workplace, household) is visible only to holders
  of a grant on that person or on a case the person is part of; everyone else gets a placeholder;
- the link to a former identity needs an explicit grant on that link;
- global model permissions never open anything here: only the object tables are read;
- what a user may not see answers 404, exactly like what does not exist.

This is the only module that imports guardian.shortcuts (a ruff banned-api rule holds that line).
"""

from functools import cached_property

from django.db.models import Exists, OuterRef, Q, QuerySet
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
    JournalNote,
    Person,
    PersonGroupObjectPermission,
    PersonUserObjectPermission,
    ProtectionLevel,
)
from kompotten.lockout import client_ip_address
from kompotten.models import Unit

VIEW_CASE = "cases.view_case"
VIEW_PERSON = "cases.view_person"
VIEW_FORMER_IDENTITY = "cases.view_formeridentitylink"


def _granted(model, group_model, user, codename: str, field: str = "pk") -> Q:
    """Objects this user holds `codename` on, directly or through a group; object tables only, never a global perm."""
    direct = model.objects.filter(user=user, permission__codename=codename).values("content_object_id")
    via_group = group_model.objects.filter(group__user=user, permission__codename=codename).values("content_object_id")
    return Q(**{f"{field}__in": direct}) | Q(**{f"{field}__in": via_group})


class AccessPolicy:
    """What one user may see and do. Build one per request (`policy_for(request)`); it caches its grant sets and
    collects the protected identities it reveals, written to the access log in one insert when the response is done
    (`cases.middleware.AccessLogMiddleware`)."""

    def __init__(self, user, request=None):
        self.user = user
        self.request = request
        self._revealed: dict[int, AccessLogEntry] = {}

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

    # --- cases --------------------------------------------------------------------------------------------------
    def cases(self) -> QuerySet[Case]:
        """Every case this user may open."""
        user = self.user
        if not (user.is_authenticated and user.is_active):
            return Case.objects.none()
        if self.is_partner:
            return Case.objects.filter(
                Exists(CasePartner.objects.filter(case=OuterRef("pk"), municipality_id=user.partner_municipality_id))
            )
        visible = _granted(CaseUserObjectPermission, CaseGroupObjectPermission, user, "view_case")
        if self.is_manager:
            visible |= Q(unit__municipality_id=self._unit.municipality_id)
        elif self._unit is not None:
            visible |= Q(unit_id=self._unit.pk)
        return Case.objects.filter(visible)

    def get_case_or_404(self, pk) -> Case:
        try:
            return self.cases().select_related("unit").get(pk=pk)
        except (Case.DoesNotExist, ValueError, TypeError):
            raise Http404 from None

    def can_work_on(self, case: Case) -> bool:
        """Write notes, documents and deadlines: staff (not managers, not partners) who can see the case."""
        return not self.is_partner and not self.is_manager and self._unit is not None

    def can_assign(self, case: Case) -> bool:
        return not self.is_partner and self._unit is not None and (self.is_manager or case.unit_id == self._unit.pk)

    def notes(self, case: Case) -> QuerySet[JournalNote]:
        notes = case.notes.select_related("author", "corrects")
        return notes.filter(shared_with_partners=True) if self.is_partner else notes

    def documents(self, case: Case) -> QuerySet[Document]:
        documents = case.documents.select_related("uploaded_by")
        return documents.filter(shared_with_partners=True) if self.is_partner else documents

    # --- identities ---------------------------------------------------------------------------------------------
    def _grant_subqueries(self) -> dict[str, QuerySet]:
        """Ids of the persons this user holds a grant for, by where it comes from, as subqueries."""
        person_ids = Person.objects.order_by().values("pk")
        via_case = _granted(
            CaseUserObjectPermission, CaseGroupObjectPermission, self.user, "view_case", field="parties__case"
        )
        direct = _granted(PersonUserObjectPermission, PersonGroupObjectPermission, self.user, "view_person")
        emergency = EmergencyAccess.objects.filter(user=self.user, expires_at__gt=timezone.now())
        return {
            AccessLogEntry.Grant.ASSIGNMENT: person_ids.filter(via_case),
            AccessLogEntry.Grant.PERSON: person_ids.filter(direct),
            AccessLogEntry.Grant.EMERGENCY: emergency.values("person_id"),
        }

    @cached_property
    def _grants_by_kind(self) -> dict[str, frozenset[int]]:
        """The protected persons whose identity this user may see, by where the grant comes from; read once."""
        if not self.user.is_authenticated:
            return {}
        protected = Person.objects.exclude(protection_level=ProtectionLevel.NONE)
        return {
            kind: frozenset(protected.filter(pk__in=ids).values_list("pk", flat=True))
            for kind, ids in self._grant_subqueries().items()
        }

    @property
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
        """May this user see who `person` is? `case` is the case the person is shown in, when there is one."""
        if person.protection_level != ProtectionLevel.NONE:
            return person.pk in self.granted_person_ids
        if self.is_partner:
            return case is not None and case.pk in self.identity_shared_case_ids
        return True

    def filed_identity_visible(self, case: Case, *, protected: bool, municipality_id: int) -> bool:
        """May this user read who a partner's filing names (`PartnerFiling`, not yet a person of our register)?
        The filing municipality's contact persons: what they filed. Our staff who see the case, as for a person in
        it: anyone when unprotected, only holders of a grant on the case (its handlers) when protected."""
        if self.is_partner:
            return self.user.partner_municipality_id == municipality_id
        if not protected:
            return True
        granted = _granted(CaseUserObjectPermission, CaseGroupObjectPermission, self.user, "view_case")
        return Case.objects.filter(granted, pk=case.pk).exists()

    def persons(self) -> QuerySet[Person]:
        """Persons whose identity this user may see (search, autocomplete, person pages)."""
        cases = self.cases()
        if self.is_partner:
            cases = cases.filter(pk__in=list(self.identity_shared_case_ids))
        # An uncorrelated subquery: PostgreSQL hashes it once instead of probing the cases for every person.
        in_visible_case = Q(pk__in=CaseParty.objects.filter(case__in=cases).values("person_id"))
        visible = Q(protection_level=ProtectionLevel.NONE) & in_visible_case
        if self.user.is_authenticated:
            for ids in self._grant_subqueries().values():
                visible |= Q(pk__in=ids)
        return Person.objects.filter(visible)

    def get_person_or_404(self, pk) -> Person:
        try:
            return self.persons().select_related("municipality").get(pk=pk)
        except (Person.DoesNotExist, ValueError, TypeError):
            raise Http404 from None

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
        """Notes that a protected identity was shown; `flush_access_log` writes it, once per person and page."""
        if person.is_protected and person.pk not in self._revealed:
            self._revealed[person.pk] = self._entry(AccessLogEntry.Action.VIEW_IDENTITY, person, case)

    def flush_access_log(self) -> None:
        if self._revealed:
            AccessLogEntry.objects.bulk_create(self._revealed.values())
            self._revealed.clear()

    def log(
        self, action: str, *, person: Person | None, case: Case | None, what: str = "", reason: str = "", grant=""
    ) -> None:
        """Writes one entry now: downloads, emergency access, a protected identity a partner filed."""
        self._entry(action, person, case, what, reason, grant).save()

    def log_download(self, case: Case, what: str) -> None:
        """Every download is logged: once for each protected person in the case, or once for the case if none."""
        protected = [p.person for p in case.parties.select_related("person") if p.person.is_protected]
        for person in protected or [None]:
            self.log(AccessLogEntry.Action.DOWNLOAD_DOCUMENT, person=person, case=case, what=what)


def policy_for(request) -> AccessPolicy:
    """The request's policy, built once so its grant sets are read once per request."""
    if not hasattr(request, "_access_policy"):
        request._access_policy = AccessPolicy(request.user, request)
    return request._access_policy


# --- grants: only services call these ----------------------------------------------------------------------------
def grant_case(user, case: Case) -> None:
    assign_perm(VIEW_CASE, user, case)


def grant_cases(user, cases: list[Case]) -> None:
    """`grant_case` for many new cases at once (guardian's bulk assignment: two reads and one insert)."""
    assign_perm(VIEW_CASE, user, cases)


def granted_case_ids(user, case_ids) -> set[int]:
    """Which of these cases the user holds a grant on, directly or through a group."""
    granted = _granted(CaseUserObjectPermission, CaseGroupObjectPermission, user, "view_case")
    return set(Case.objects.filter(granted, pk__in=case_ids).values_list("pk", flat=True))


def revoke_case(user, case: Case) -> None:
    remove_perm(VIEW_CASE, user, case)


def grant_person(user, person: Person) -> None:
    assign_perm(VIEW_PERSON, user, person)


def revoke_person(user, person: Person) -> None:
    remove_perm(VIEW_PERSON, user, person)


def grant_former_identity_link(user, link: FormerIdentityLink) -> None:
    assign_perm(VIEW_FORMER_IDENTITY, user, link)
