"""The housing stock: flats, the pools and their quotas, the queue, matching and offers."""

from datetime import timedelta

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import capability_required, policy_for
from cases.models import Landlord
from housing import queue, selectors, services
from housing.filters import FlatFilters
from housing.forms import (
    FlatForm,
    OfferAnswerForm,
    OfferForm,
    ShelterLetForm,
    housing_districts,
)
from housing.models import Flat
from housing.views import application_back
from kompotten.capabilities import Capability
from kompotten.form_pages import form_page
from kompotten.paging import AFTER, BEFORE, PAGE


@capability_required(Capability.WORK_HOUSING)
def flat_list(request):
    params, policy = request.GET, policy_for(request)
    filters = FlatFilters(params, policy=policy)
    page, rows = selectors.flat_list(policy, filters, page=params.get(PAGE, 1))
    context = {
        "page": page,
        "rows": rows,
        "filters": filters.values,
        "filter_form": filters.form,
        "statuses": Flat.Status.choices,
        "districts": housing_districts(),
        "landlords": Landlord.objects.all(),
    }
    return render(request, "housing/flat_list.html", context)


@capability_required(Capability.WORK_HOUSING)
def flat_add(request):
    form = FlatForm(request.POST if request.method == "POST" else None)

    def submit(data):
        services.flat_register(acting_user=request.user, **data)
        return _("Lägenheten är registrerad."), reverse("housing:flat_list")

    back = reverse("housing:flat_list")
    return form_page(
        request, form, title=_("Ny lägenhet"), submit=submit, back_url=back, back_label=_("Tillbaka till lägenheterna")
    )


def flat_edit(request, pk):
    policy = policy_for(request)
    flat = selectors.get_flat_or_404(policy, pk)
    fields = list(FlatForm.base_fields)
    form = FlatForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(flat, name) for name in fields},
    )

    def submit(data):
        services.flat_update(flat=flat, acting_user=request.user, **data)
        return _("Lägenheten är ändrad."), reverse("housing:flat_list")

    back = reverse("housing:flat_list")
    return form_page(
        request,
        form,
        title=_("Ändra lägenhet"),
        submit=submit,
        back_url=back,
        back_label=_("Tillbaka till lägenheterna"),
        caption=str(flat),
    )


def flat_let_to_shelter(request, pk):
    """A flat of the Kvinnojour pool let to the shelter itself (the service refuses a flat of another pool)."""
    policy = policy_for(request)
    flat = selectors.get_flat_or_404(policy, pk)
    today = timezone.localdate()
    form = ShelterLetForm(
        request.POST if request.method == "POST" else None,
        initial={"shelter_name": flat.pool.name if flat.pool else "", "let_on": today},
    )

    def submit(data):
        services.flat_let_to_shelter(flat=flat, today=today, acting_user=request.user, **data)
        return _("Lägenheten är uthyrd till kvinnojouren och räknad mot potten."), reverse("housing:flat_list")

    back = reverse("housing:flat_list")
    return form_page(
        request,
        form,
        title=_("Hyr ut till kvinnojouren"),
        submit=submit,
        submit_label=_("Registrera uthyrningen"),
        back_url=back,
        back_label=_("Tillbaka till lägenheterna"),
        caption=str(flat),
        lead=_("%(address)s, %(rooms)d rum, %(district)s. Pott: %(pool)s.")
        % {
            "address": selectors.flat_address(policy, flat)[0],
            "rooms": flat.rooms,
            "district": flat.district.name,
            "pool": flat.pool.name if flat.pool else "–",
        },
    )


@capability_required(Capability.WORK_HOUSING, Capability.VIEW_REPORTS)
def pools(request):
    year_param = request.GET.get("ar", "")
    year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else timezone.localdate().year
    rows = selectors.pool_overview(year, policy_for(request))
    context = {"rows": rows, "year": year, "years": range(year - 2, year + 2)}
    return render(request, "housing/pools.html", context)


@capability_required(Capability.WORK_HOUSING)
def queue_list(request):
    params = request.GET
    page = selectors.queue_page(policy_for(request), after=params.get(AFTER, ""), before=params.get(BEFORE, ""))
    return render(request, "housing/queue.html", {"page": page, "rows": page.rows, "rule": queue.QUEUE_RULE})


def flat_match(request, pk):
    policy = policy_for(request)
    flat = selectors.get_flat_or_404(policy, pk)
    result = selectors.flat_match(policy, flat)
    context = {
        "flat": flat,
        "address": selectors.flat_address(policy, flat)[0],
        "result": result,
        "applicants": selectors.applicant_views(policy, result.matches),
        "rule": queue.QUEUE_RULE,
        "for_no_applicant": queue.LET_TO_THE_SHELTER if queue.for_no_applicant(flat) else "",
    }
    return render(request, "housing/flat_match.html", context)


def offer_make(request, pk, application_pk):
    policy = policy_for(request)
    flat = selectors.get_flat_or_404(policy, pk)
    application = selectors.get_application_or_404(policy, application_pk, may=Capability.CASEWORK)
    today = timezone.localdate()
    form = OfferForm(
        request.POST if request.method == "POST" else None,
        initial={"offered_on": today, "answer_by": today + timedelta(days=7)},
    )

    def submit(data):
        services.offer_make(flat=flat, application=application, acting_user=request.user, today=today, **data)
        return _("Erbjudandet är registrerat."), reverse("housing:application_detail", args=[application.pk])

    return form_page(
        request,
        form,
        title=_("Erbjud lägenhet"),
        submit=submit,
        submit_label=_("Registrera erbjudandet"),
        back_url=reverse("housing:flat_match", args=[flat.pk]),
        back_label=_("Tillbaka till matchningen"),
        caption=_("Ärende %(number)s") % {"number": application.case.number},
        lead=_("%(address)s, %(rooms)d rum, %(district)s.")
        % {"address": selectors.flat_address(policy, flat)[0], "rooms": flat.rooms, "district": flat.district.name},
    )


def offer_answer(request, pk):
    policy = policy_for(request)
    offer = selectors.get_offer_or_404(policy, pk, may=Capability.WORK_HOUSING)
    form = OfferAnswerForm(
        request.POST if request.method == "POST" else None, initial={"answered_on": timezone.localdate()}
    )

    def submit(data):
        if data["answer"] == OfferAnswerForm.ACCEPT:
            services.offer_accept(
                offer=offer, answered_on=data["answered_on"], terms=form.terms(), acting_user=request.user
            )
            message = _("Erbjudandet är accepterat och lägenheten uthyrd.")
        else:
            services.offer_decline(
                offer=offer,
                reason=data["reason"],
                note=data["note"],
                paused_until=data["paused_until"],
                answered_on=data["answered_on"],
                acting_user=request.user,
            )
            message = _("Nej tack är registrerat.")
        return message, reverse("housing:application_detail", args=[offer.application_id])

    return form_page(
        request,
        form,
        title=_("Svar på erbjudande"),
        submit=submit,
        submit_label=_("Registrera svaret"),
        **application_back(offer.application),
    )
