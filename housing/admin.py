"""The housing unit's catalogues in the Django admin (open only to the administrator role)."""

from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from housing.models import ChecklistItem, DecisionDeadlineRule, District


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
