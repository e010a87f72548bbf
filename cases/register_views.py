"""The landlord and district registers in the product (`cases.models.register`): the lists, for the housing unit
and eviction prevention; the team leads of both (and the administrator) add and change. Anyone else gets 404 on
the pages that change the register, and no link to them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases import registers
from cases.access import policy_for
from cases.models import District, DistrictPostalArea, Landlord, LandlordContact
from cases.register_forms import (
    DistrictForm,
    DistrictPostalAreaForm,
    LandlordContactForm,
    LandlordForm,
    RegisterSearchForm,
)
from kompotten.capabilities import Capability
from kompotten.form_pages import add_service_errors, form_page
from kompotten.models import Unit
from kompotten.paging import counted_page

PAGE_SIZE = 50
READERS = (Capability.WORK_HOUSING, Capability.WORK_EVICTIONS, Capability.ADMINISTER)


def _reader(request) -> bool:
    policy_for(request).require(*READERS, hidden=True)
    return registers.keeps_registers(request.user)


def _keeper(request) -> None:
    if not registers.keeps_registers(request.user):
        raise Http404


def landlord_list(request):
    may_edit = _reader(request)
    search = RegisterSearchForm(request.GET)
    landlords = Landlord.objects.annotate(contact_count=Count("contacts")).order_by("name", "pk")
    if search.is_valid() and search.cleaned_data["q"]:
        landlords = landlords.filter(name__icontains=search.cleaned_data["q"].strip())
    page = counted_page(landlords, request.GET.get("sida"), PAGE_SIZE)
    context = {"page": page, "search": search, "may_edit": may_edit, "kinds": Landlord.Kind}
    return render(request, "cases/registers/landlord_list.html", context)


def landlord_add(request):
    _keeper(request)
    form = LandlordForm(request.POST or None)
    valid = request.method == "POST" and form.is_valid()
    if form.meant:  # "Menade du Uppsalahem?" – yes: that one, already in the register
        messages.info(request, _("%(name)s finns redan i registret.") % {"name": form.meant.name})
        return redirect("registers:landlord_edit", pk=form.meant.pk)
    if valid:
        try:
            landlord = registers.landlord_save(landlord=form.instance, acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Hyresvärden är tillagd i registret."))
            return redirect("registers:landlord_edit", pk=landlord.pk)
    context = {
        "form": form,
        "title": _("Ny hyresvärd"),
        "back_url": reverse("registers:landlord_list"),
        "back_label": _("Hyresvärdar"),
    }
    return render(request, "form_page.html", context, status=400 if form.errors else 200)


def landlord_edit(request, pk):
    _keeper(request)
    landlord = get_object_or_404(Landlord, pk=pk)
    form = LandlordForm(request.POST or None, instance=landlord)
    if request.method == "POST" and form.is_valid():
        try:
            registers.landlord_save(landlord=form.instance, acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Hyresvärden är sparad."))
            return redirect("registers:landlord_edit", pk=landlord.pk)
    # The dates of the joint meeting are eviction prevention's (evictions.LandlordMeeting, related name "meetings"):
    # read by the relation's name, linked by URL name, so the case core imports nothing from the app above it.
    meetings = landlord.meetings.order_by("-meets_on")[:12] if hasattr(landlord, "meetings") else []
    context = {
        "landlord": Landlord.objects.get(pk=landlord.pk),
        "form": form,
        "contacts": landlord.contacts.all(),
        "meetings": meetings,
    }
    return render(request, "cases/registers/landlord_edit.html", context, status=400 if form.errors else 200)


def landlord_contact(request, landlord_pk, contact_pk=None):
    """Adds a contact person of the landlord, or changes one: the one page that does (the joint meeting links here)."""
    _keeper(request)
    landlord = get_object_or_404(Landlord, pk=landlord_pk)
    contact = get_object_or_404(LandlordContact, pk=contact_pk, landlord=landlord) if contact_pk else None
    form = LandlordContactForm(request.POST or None, instance=contact)
    back = request.GET.get("tillbaka", "")
    if not back.startswith("/") or back.startswith("//"):  # only a page of ours (the joint meeting, say)
        back = reverse("registers:landlord_edit", args=[landlord.pk])

    def submit(data):
        registers.landlord_contact_save(landlord=landlord, contact=contact, acting_user=request.user, **data)
        return _("Kontaktpersonen är sparad.")

    return form_page(
        request,
        form,
        title=_("Ändra kontaktperson") if contact else _("Ny kontaktperson"),
        caption=landlord.name,
        submit=submit,
        back_url=back,
        back_label=_("Tillbaka"),
    )


def landlord_contact_remove(request, landlord_pk, contact_pk):
    _keeper(request)
    contact = get_object_or_404(LandlordContact, pk=contact_pk, landlord_id=landlord_pk)
    if request.method != "POST":
        return redirect("registers:landlord_edit", pk=landlord_pk)
    registers.landlord_contact_remove(contact=contact, acting_user=request.user)
    messages.success(request, _("Kontaktpersonen %(name)s är borttagen.") % {"name": contact.name})
    return redirect("registers:landlord_edit", pk=landlord_pk)


def district_list(request):
    may_edit = _reader(request)
    search = RegisterSearchForm(request.GET)
    districts = District.objects.prefetch_related("postal_areas").order_by("name", "pk")
    if search.is_valid() and search.cleaned_data["q"]:
        districts = districts.filter(name__icontains=search.cleaned_data["q"].strip())
    page = counted_page(districts, request.GET.get("sida"), PAGE_SIZE)
    return render(request, "cases/registers/district_list.html", {"page": page, "search": search, "may_edit": may_edit})


def district_add(request):
    _keeper(request)
    return _district_form(request, None)


def district_edit(request, pk):
    _keeper(request)
    return _district_form(request, get_object_or_404(District, pk=pk))


def _district_form(request, district: District | None):
    initial = {}
    if district is None:  # a district eviction prevention adds is its own until housing's team lead ticks it
        unit = getattr(request.user, "unit", None)
        initial["for_housing"] = unit is None or unit.kind != Unit.Kind.EVICTION_PREVENTION
    form = DistrictForm(request.POST or None, instance=district, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = registers.district_save(district=form.instance, acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Distriktet är sparat."))
            return redirect("registers:district_edit", pk=saved.pk)
    context = {
        "district": district,
        "form": form,
        "areas": district.postal_areas.all() if district else [],
        "area_form": DistrictPostalAreaForm(prefix="omrade") if district else None,
    }
    return render(request, "cases/registers/district_edit.html", context, status=400 if form.errors else 200)


def postal_area_add(request, pk):
    _keeper(request)
    district = get_object_or_404(District, pk=pk)
    if request.method != "POST":
        return redirect("registers:district_edit", pk=pk)
    form = DistrictPostalAreaForm(request.POST, prefix="omrade")
    if form.is_valid():
        try:
            registers.postal_area_add(district=district, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Postnummerområdet är tillagt."))
            return redirect("registers:district_edit", pk=district.pk)
    context = {
        "district": district,
        "form": DistrictForm(instance=district),
        "areas": district.postal_areas.all(),
        "area_form": form,
    }
    return render(request, "cases/registers/district_edit.html", context, status=400)


def postal_area_remove(request, pk, area_pk):
    _keeper(request)
    area = get_object_or_404(DistrictPostalArea, pk=area_pk, district_id=pk)
    if request.method != "POST":
        return redirect("registers:district_edit", pk=pk)
    registers.postal_area_remove(area=area, acting_user=request.user)
    messages.success(request, _("Postnummerområdet %(area)s är borttaget.") % {"area": area})
    return redirect("registers:district_edit", pk=pk)
