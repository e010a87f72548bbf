"""The housing unit's catalogues in the Django admin (open only to the administrator role)."""

from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from housing.models import (
    ChecklistItem,
    CooperationAgreement,
    DecisionDeadlineRule,
    DeclineReason,
    NexusFlat,
    PoolQuota,
    ReservationPool,
    ShelterProvider,
)


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


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(SimpleHistoryAdmin):
    """The landlords themselves are the shared register (`cases.admin`)."""

    list_display = ["landlord", "valid_from", "valid_until", "yearly_quota"]
    list_select_related = ["landlord"]


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
