"""The housing unit's catalogues in the Django admin (open only to the administrator role)."""

from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from housing.models import (
    ChecklistItem,
    CooperationAgreement,
    DecisionDeadlineRule,
    DeclineReason,
    District,
    Landlord,
    LandlordContact,
    NexusFlat,
    PoolQuota,
    ReservationPool,
    ShelterProvider,
)


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(SimpleHistoryAdmin):
    list_display = ["label", "position", "active"]
    list_editable = ["position", "active"]
    list_filter = ["active"]


@admin.register(DecisionDeadlineRule)
class DecisionDeadlineRuleAdmin(SimpleHistoryAdmin):
    list_display = ["referral_kind", "months"]

    def has_delete_permission(self, request, obj=None):
        return False  # a kind without a rule falls back to three months; change the months instead


class LandlordContactInline(admin.TabularInline):
    model = LandlordContact
    extra = 0


class CooperationAgreementInline(admin.TabularInline):
    model = CooperationAgreement
    extra = 0


@admin.register(Landlord)
class LandlordAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    search_fields = ["name"]
    inlines = [LandlordContactInline, CooperationAgreementInline]


class PoolQuotaInline(admin.TabularInline):
    model = PoolQuota
    extra = 1


@admin.register(ReservationPool)
class ReservationPoolAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "landlord", "active"]
    list_filter = ["kind", "active"]
    list_select_related = ["landlord"]
    inlines = [PoolQuotaInline]


@admin.register(DeclineReason)
class DeclineReasonAdmin(SimpleHistoryAdmin):
    list_display = ["label", "who", "consequence", "pause_days", "active"]
    list_filter = ["who", "consequence", "active"]


@admin.register(ShelterProvider)
class ShelterProviderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "agreement", "active"]
    list_filter = ["active"]


@admin.register(NexusFlat)
class NexusFlatAdmin(SimpleHistoryAdmin):
    list_display = ["label", "kind", "rooms", "active"]  # the address only on the flat's own page
    list_filter = ["kind", "active"]
