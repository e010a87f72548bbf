"""The catalogues an administrator keeps: districts (postal-code areas of the host municipality) and landlords."""

from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from evictions.models import District, DistrictPostalArea, Landlord


class DistrictPostalAreaInline(admin.TabularInline):
    model = DistrictPostalArea
    extra = 1


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ["name", "handled_by_team", "contact", "active"]
    list_filter = ["handled_by_team", "active"]
    search_fields = ["name"]
    inlines = [DistrictPostalAreaInline]


@admin.register(Landlord)
class LandlordAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
