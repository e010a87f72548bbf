"""Person pages: search, autocomplete, the person page and the forms that keep a person's details. Everything
through the access policy: a person whose identity the user may not see does not exist here (404)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases import selectors, services
from cases.access import policy_for
from cases.forms import AddressForm, FormerIdentityForm, HouseholdMemberForm, PersonDetailsForm, PersonSearchForm
from cases.models import Person, ProtectionLevel
from cases.presentation import present
from kompotten.capabilities import Capability
from kompotten.form_pages import form_page


def visible_only(policy, persons) -> list:
    """The found persons as the user may see them, leaving out any the policy masks outside a case (a partner sees
    an identity only within the request it was shared in): a masked hit would say nothing and link nowhere."""
    return [view for view in (present(policy, person) for person in persons) if view.visible]


def person_search(request):
    policy = policy_for(request)
    form = PersonSearchForm(request.GET or None)
    results = []
    if form.is_valid():
        persons = selectors.search_persons(policy, form.cleaned_data["q"]).order_by("family_name", "given_name")[:50]
        results = visible_only(policy, persons)
    return render(request, "cases/person_search.html", {"form": form, "results": results})


def person_autocomplete(request):
    """Names and numbers of visible persons only; a protected person without a grant never appears at all."""
    policy = policy_for(request)
    query = request.GET.get("q", "")
    if len(query.strip()) < 2:
        return JsonResponse({"results": []})
    persons = selectors.search_persons(policy, query).order_by("family_name", "given_name")[:10]
    views = visible_only(policy, persons)
    return JsonResponse(
        {
            "results": [
                {
                    "name": v.name,
                    "identity_number": v.identity_number,
                    "url": reverse("cases:person_detail", args=[v.pk]),
                }
                for v in views
                if v.visible
            ]
        }
    )


def person_detail(request, pk):
    """Pages that show or pre-fill who the person is ask `present` (which logs it)."""
    policy = policy_for(request)
    person = policy.get_or_404(Person, pk=pk)
    view = present(policy, person, household=True)
    context = {
        "person": view,
        "protected_address": getattr(person, "protected_address", None) if view.visible else None,
        "former_identity": policy.former_identity_link(person),
        "rows": selectors.person_cases(policy, person),
        "can_edit": not (policy.is_partner or policy.is_manager),
        "can_open_support_case": policy.may_act(Capability.WORK_RELOCATION, person),
        "has_former_identity_link": person.protection_level == ProtectionLevel.FICTITIOUS_IDENTITY
        and hasattr(person, "former_identity_link"),
    }
    return render(request, "cases/person_detail.html", context)


def _person_form(request, pk, form_class, *, title, submit, initial=None, only_for=None):
    """A form about a person whose identity the user may see (the form names them and may be pre-filled with their
    details, so it reveals them: 404 without a grant, and a logged reveal with one), for users who work with cases
    (not managers). A form the user may not use is refused before anything is shown, so no reveal is logged."""
    policy = policy_for(request)

    def usable(person):  # managers read, and some forms are for one protection level only
        return not policy.is_manager and (not only_for or person.protection_level == only_for)

    person = policy.get_or_404(Person, pk=pk, may=usable)
    present(policy, person)  # the form names the person and is pre-filled with their details: a logged reveal
    form = form_class(request.POST if request.method == "POST" else None, initial=initial(person) if initial else None)
    return form_page(
        request,
        form,
        title=title,
        submit=lambda cleaned: submit(person, cleaned),
        back_url=reverse("cases:person_detail", args=[person.pk]),
        back_label=_("Tillbaka till personen"),
        caption=person.full_name,
    )


def person_edit(request, pk):
    def submit(person, data):
        services.person_update(person=person, acting_user=request.user, **data)
        return _("Uppgifterna är sparade.")

    def initial(person):
        fields = ["phone", "workplace", "street_address", "postal_code", "protection_level", "protection_noted_on"]
        return {name: getattr(person, name) for name in fields} | {"protection_source": person.protection_source}

    return _person_form(request, pk, PersonDetailsForm, title=_("Ändra uppgifter"), submit=submit, initial=initial)


def household_member_add(request, pk):
    def submit(person, data):
        services.household_member_add(person=person, acting_user=request.user, **data)
        return _("Hushållsmedlemmen är tillagd.")

    return _person_form(request, pk, HouseholdMemberForm, title=_("Lägg till hushållsmedlem"), submit=submit)


def protected_address_set(request, pk):
    def submit(person, data):
        services.person_set_protected_address(person=person, acting_user=request.user, **data)
        return _("Den skyddade adressen är sparad.")

    return _person_form(
        request,
        pk,
        AddressForm,
        title=_("Verklig adress (skyddad)"),
        submit=submit,
        only_for=ProtectionLevel.PROTECTED_REGISTRATION,
    )


def former_identity_link_set(request, pk):
    def submit(person, data):
        services.person_link_former_identity(person=person, acting_user=request.user, **data)
        return _("Kopplingen till tidigare identitet är sparad. Bara du och den du ger behörighet kan se den.")

    return _person_form(
        request,
        pk,
        FormerIdentityForm,
        title=_("Koppling till tidigare identitet"),
        submit=submit,
        only_for=ProtectionLevel.FICTITIOUS_IDENTITY,
    )
