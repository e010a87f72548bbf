"""The filters of the housing unit's lists: applications, flats, social contracts and Nexus's placements."""

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import django_filters

from housing import workflow
from housing.models import Flat, HousingApplication, ProtectedPlacement, ReferralKind, SocialContract
from housing.selectors import due_filter, trials_ending_filter
from housing.workflow import ApplicationStatus
from kompotten.filters import ID, ListFilters, checkbox, choice

ALL = "all"


class ApplicationFilters(ListFilters):
    defaults = {"status": "open"}

    status = choice(
        "status", _("Status"), [("open", _("Pågående")), (ALL, _("Alla")), *ApplicationStatus.choices], "by_status"
    )
    remissvag = choice("referral_kind", _("Remissväg"), ReferralKind.choices)
    mina = checkbox("mine", _("Bara ansökningar där jag är handläggare"), method="mine_only")
    frist = checkbox("due", _("Bara beslut med frist de närmaste fem arbetsdagarna eller försenade"), method="due_only")

    class Meta:
        model = HousingApplication
        fields = []

    def by_status(self, applications: QuerySet, name, value: str) -> QuerySet[HousingApplication]:
        if value == "open":
            return applications.filter(status__in=workflow.OPEN)
        return applications if value == ALL else applications.filter(status=value)

    def mine_only(self, applications: QuerySet, name, value) -> QuerySet[HousingApplication]:
        return applications.filter(case__assignments__user=self.policy.user) if value else applications

    def due_only(self, applications: QuerySet, name, value) -> QuerySet[HousingApplication]:
        """Also sorts the list overdue first (`housing.selectors.application_list`)."""
        return applications.filter(due_filter(timezone.localdate())) if value else applications


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class FlatFilters(ListFilters):
    status = choice("status", _("Status"), Flat.Status.choices)
    omrade = django_filters.CharFilter(field_name="district", label=_("Område"), validators=[ID], method="by_id")
    hyresvard = django_filters.CharFilter(field_name="landlord", label=_("Hyresvärd"), validators=[ID], method="by_id")
    rum = IntegerFilter(field_name="min_rooms", label=_("Minst antal rum"), method="at_least_rooms")

    class Meta:
        model = Flat
        fields = []

    def by_id(self, flats: QuerySet[Flat], name, value: str) -> QuerySet[Flat]:
        return flats.filter(**{f"{name}_id": int(value)})

    def at_least_rooms(self, flats: QuerySet[Flat], name, value: int) -> QuerySet[Flat]:
        return flats.filter(rooms__gte=value) if value else flats


class ContractFilters(ListFilters):
    defaults = {"status": SocialContract.Status.TRIAL}

    status = choice("status", _("Status"), [(ALL, _("Alla")), *SocialContract.Status.choices], "by_status")
    slutar = checkbox("ending", _("Bara prövotider som slutar inom 60 dagar"), method="ending_only")

    class Meta:
        model = SocialContract
        fields = []

    def by_status(self, contracts: QuerySet[SocialContract], name, value: str) -> QuerySet[SocialContract]:
        return contracts if value == ALL else contracts.filter(status=value)

    def ending_only(self, contracts: QuerySet[SocialContract], name, value) -> QuerySet[SocialContract]:
        return contracts.filter(trials_ending_filter(timezone.localdate())) if value else contracts


class PlacementFilters(ListFilters):
    defaults = {"status": "open"}

    status = choice(
        "status", _("Visa"), [("open", _("Pågående")), ("ended", _("Avslutade")), (ALL, _("Alla"))], "open_or_ended"
    )

    class Meta:
        model = ProtectedPlacement
        fields = []

    def open_or_ended(self, placements: QuerySet[ProtectedPlacement], name, value: str):
        return placements if value == ALL else placements.filter(ends_on__isnull=value == "open")
