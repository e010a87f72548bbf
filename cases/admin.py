"""People, cases and the access log are never edited in the admin: only services change them. The landlord and
district registers are kept in the product by the team leads (`cases.register_views`) and here by the
administrator."""

from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from cases.models import District, DistrictPostalArea, Landlord, LandlordContact


class DistrictPostalAreaInline(admin.TabularInline):
    model = DistrictPostalArea
    extra = 1


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ["name", "handled_by_team", "contact", "active"]
    list_filter = ["handled_by_team", "active"]
    search_fields = ["name"]
    inlines = [DistrictPostalAreaInline]


class LandlordContactInline(admin.TabularInline):
    model = LandlordContact
    extra = 1


@admin.register(Landlord)
class LandlordAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "organisation_number"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation_number"]
    inlines = [LandlordContactInline]
