"""Nexus's side of the housing chain: protected-housing placements, Nexus's own flats and the landlord's kundvård."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import capability_required, policy_for
from housing import selectors, services
from housing.filters import PlacementFilters
from housing.forms import (
    HandOverForm,
    KundvardDecisionForm,
    KundvardForm,
    MoveInForm,
    MoveOutForm,
    PlacementEndForm,
    PlacementForm,
)
from housing.support_views import get_support_case_or_404
from kompotten.capabilities import Capability
from kompotten.form_pages import form_page
from kompotten.paging import PAGE

CLIENT_CASE = "arende"  # the query parameter of a form started from a client case's page


def _client_case(request):
    """The client case a form was started from (`?arende=`), else None: 404 for one this user may not open."""
    pk = request.GET.get(CLIENT_CASE)
    return get_support_case_or_404(request, pk) if pk else None


def _nexus_form(request, form_class, **kwargs):
    policy = policy_for(request)
    return form_class(
        request.POST if request.method == "POST" else None,
        case_lookup=lambda number: selectors.case_by_number(policy, number),
        case=_client_case(request),
        **kwargs,
    )


def _back(request, default: str) -> str:
    """Back to the client case a form was started from, else to `default`."""
    case = _client_case(request)
    return reverse("housing:support_case_detail", args=[case.pk]) if case else reverse(default)


@capability_required(Capability.WORK_RELOCATION, Capability.VIEW_REPORTS)
def placement_list(request):
    policy = policy_for(request)
    filters = PlacementFilters(request.GET, policy=policy)
    year_param = request.GET.get("ar", "")
    year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else timezone.localdate().year
    page, rows = selectors.placement_list(policy, filters, page=request.GET.get(PAGE, 1))
    context = {
        "page": page,
        "rows": rows,
        "status": filters.values.status,
        "filter_form": filters.form,
        "year": year,
        "outcomes": selectors.placement_outcomes(year),
    }
    return render(request, "housing/placement_list.html", context)


@capability_required(Capability.WORK_RELOCATION)
def placement_add(request):
    form = _nexus_form(request, PlacementForm, initial={"starts_on": timezone.localdate()})

    def submit(data):
        services.placement_start(
            case=data["case"],
            provider=data["provider"],
            starts_on=data["starts_on"],
            adults=data["adults"],
            children=data["children"],
            acting_user=request.user,
        )
        return _("Placeringen är registrerad."), _back(request, "housing:placement_list")

    return form_page(
        request,
        form,
        title=_("Ny placering i skyddat boende"),
        submit=submit,
        back_url=_back(request, "housing:placement_list"),
        back_label=_("Tillbaka till placeringarna"),
    )


def placement_end(request, pk):
    policy = policy_for(request)
    placement = selectors.get_placement_or_404(policy, pk, may=Capability.WORK_RELOCATION)
    form = PlacementEndForm(
        request.POST if request.method == "POST" else None, initial={"ends_on": timezone.localdate()}
    )

    def submit(data):
        services.placement_end(placement=placement, acting_user=request.user, **data)
        return _("Placeringen är avslutad."), _back(request, "housing:placement_list")

    return form_page(
        request,
        form,
        title=_("Avsluta placering"),
        submit=submit,
        back_url=_back(request, "housing:placement_list"),
        back_label=_("Tillbaka till placeringarna"),
        caption=_("Ärende %(number)s") % {"number": placement.case.number},
    )


@capability_required(Capability.WORK_RELOCATION)
def nexus_flat_list(request):
    rows = selectors.nexus_flats(policy_for(request), today=timezone.localdate())
    return render(request, "housing/nexus_flats.html", {"rows": rows})


def nexus_flat_move_in(request, pk):
    flat = selectors.get_nexus_flat_or_404(policy_for(request), pk)
    form = _nexus_form(request, MoveInForm, initial={"since": timezone.localdate()})

    def submit(data):
        services.nexus_flat_move_in(flat=flat, case=data["case"], since=data["since"], acting_user=request.user)
        return _("Inflyttningen är registrerad."), _back(request, "housing:nexus_flat_list")

    return form_page(
        request,
        form,
        title=_("Inflyttning"),
        submit=submit,
        caption=flat.label,
        back_url=_back(request, "housing:nexus_flat_list"),
        back_label=_("Tillbaka till Nexus lägenheter"),
    )


def nexus_flat_move_out(request, pk):
    stay = selectors.get_stay_or_404(policy_for(request), pk, may=Capability.WORK_RELOCATION)
    form = MoveOutForm(request.POST if request.method == "POST" else None, initial={"until": timezone.localdate()})

    def submit(data):
        services.nexus_flat_move_out(stay=stay, until=data["until"], acting_user=request.user)
        return _("Utflyttningen är registrerad."), _back(request, "housing:nexus_flat_list")

    return form_page(
        request,
        form,
        title=_("Utflyttning"),
        submit=submit,
        caption=stay.flat.label,
        back_url=_back(request, "housing:nexus_flat_list"),
        back_label=_("Tillbaka till Nexus lägenheter"),
    )


def nexus_flat_hand_over(request, pk):
    stay = selectors.get_stay_or_404(policy_for(request), pk, may=Capability.WORK_RELOCATION)
    form = HandOverForm(request.POST if request.method == "POST" else None)

    def submit(data):
        services.nexus_flat_hand_over(stay=stay, acting_user=request.user, **data)
        return _("Remissen är skickad till bostadsenheten."), _back(request, "housing:referrals")

    return form_page(
        request,
        form,
        title=_("Överlämna till boendekedjan"),
        submit=submit,
        caption=stay.flat.label,
        back_url=_back(request, "housing:nexus_flat_list"),
        back_label=_("Tillbaka till Nexus lägenheter"),
        submit_label=_("Skicka remissen"),
    )


@capability_required(Capability.WORK_RELOCATION)
def kundvard_list(request):
    return render(request, "housing/kundvard_list.html", {"rows": selectors.kundvard_list(policy_for(request))})


@capability_required(Capability.WORK_RELOCATION)
def kundvard_add(request):
    form = _nexus_form(request, KundvardForm, initial={"requested_on": timezone.localdate()})

    def submit(data):
        services.kundvard_request(
            case=data["case"],
            landlord=data["landlord"],
            requested_on=data["requested_on"],
            risk_assessed_on=data["risk_assessed_on"],
            lived_with_perpetrator=data["lived_with_perpetrator"],
            acting_user=request.user,
        )
        return _("Begäran om kundvård är registrerad."), _back(request, "housing:kundvard_list")

    return form_page(
        request,
        form,
        title=_("Begär kundvård"),
        submit=submit,
        back_url=_back(request, "housing:kundvard_list"),
        back_label=_("Tillbaka till kundvård"),
    )


def kundvard_decide(request, pk):
    policy = policy_for(request)
    kundvard = selectors.get_kundvard_or_404(policy, pk, may=Capability.WORK_RELOCATION)
    form = KundvardDecisionForm(
        request.POST if request.method == "POST" else None, initial={"decided_on": timezone.localdate()}
    )

    def submit(data):
        services.kundvard_decide(
            kundvard=kundvard,
            decision=data["decision"],
            decided_on=data["decided_on"],
            new_street_address=data["new_street_address"],
            new_postal_code=data["new_postal_code"],
            moved_on=data["moved_on"],
            new_lease_in_victims_name=data["new_lease_in_victims_name"],
            old_flat=form.old_flat(),
            acting_user=request.user,
        )
        return _("Hyresvärdens beslut är registrerat."), _back(request, "housing:kundvard_list")

    return form_page(
        request,
        form,
        title=_("Hyresvärdens beslut om kundvård"),
        submit=submit,
        back_url=_back(request, "housing:kundvard_list"),
        back_label=_("Tillbaka till kundvård"),
        caption=_("Ärende %(number)s") % {"number": kundvard.case.number},
    )
