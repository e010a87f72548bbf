"""Thin views of the housing unit: fetch through the selectors (404 if not visible), validate a form, call one
service, redirect with a message."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.access import policy_for
from cases.presentation import present
from housing import queue, selectors, services
from housing.forms import (
    ChecklistForm,
    ContractCloseForm,
    DecisionForm,
    FlatForm,
    FollowUpForm,
    HandOverForm,
    KundvardDecisionForm,
    KundvardForm,
    MoveInForm,
    MoveOutForm,
    OfferAnswerForm,
    OfferForm,
    PlacementEndForm,
    PlacementForm,
    ReasonForm,
    TrialExtendForm,
    WithdrawForm,
    referral_form_class,
)
from housing.models import District, Flat, Landlord, ReferralKind, SocialContract
from housing.workflow import ApplicationStatus
from kompotten.models import Unit
from kompotten.organisations import host_municipality
from kompotten.pdf import render_pdf

WORK_HOUSING = "kompotten.work_housing"
REFER = ("kompotten.work_housing", "kompotten.work_relocation")


def _require_any(request, permissions) -> None:
    if not any(request.user.has_perm(p) for p in permissions):
        raise PermissionDenied


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _form_page(request, form, *, title, submit, back_url, back_label, caption="", intro="", submit_label=""):
    """GET shows the form; a valid POST calls `submit(cleaned_data)` → (message, redirect url). A ValidationError
    from the service re-renders the form with the user's input and the error (status 400)."""
    if request.method == "POST" and form.is_valid():
        try:
            message, url = submit(form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, message)
            return redirect(url)
    context = {
        "form": form, "title": title, "back_url": back_url, "back_label": back_label, "caption": caption,
        "intro": intro, "submit_label": submit_label,
    }  # fmt: skip
    return render(request, "housing/form_page.html", context, status=400 if form.errors else 200)


def start(request):
    _require_any(request, [WORK_HOUSING])
    policy = policy_for(request)
    context = {
        "due": selectors.decisions_due(policy),
        "open_offers": selectors.open_offers(policy),
        "pauses_ended": selectors.pauses_ended(policy),
        "trials": selectors.trials_ending(policy),
        "pools_low": [row for row in selectors.pool_overview(timezone.localdate().year) if row.running_low],
    }
    return render(request, "housing/start.html", context)


def application_list(request):
    _require_any(request, [WORK_HOUSING, "kompotten.view_reports"])
    params = request.GET
    filters = {
        "status": params.get("status", "open"),
        "referral_kind": params.get("remissvag", ""),
        "mine": params.get("mina") == "1",
        "due": params.get("frist") == "1",
    }
    page, rows = selectors.application_list(policy_for(request), page=params.get("sida", 1), **filters)
    query_without_page = params.copy()
    query_without_page.pop("sida", None)
    context = {
        "page": page,
        "rows": rows,
        "filters": filters,
        "statuses": ApplicationStatus.choices,
        "referral_kinds": ReferralKind.choices,
        "query_without_page": query_without_page.urlencode(),
    }
    return render(request, "housing/application_list.html", context)


def referrals(request):
    """A referring unit's own referrals and their state (Nexus), nothing of the investigation."""
    _require_any(request, ["kompotten.work_relocation"])
    page, rows = selectors.referrals_of_my_unit(policy_for(request), page=request.GET.get("sida", 1))
    return render(request, "housing/referrals.html", {"page": page, "rows": rows, "query_without_page": ""})


def referral_withdraw(request, pk):
    """The referring unit withdraws its referral before a decision (the workflow table allows Nexus that move)."""
    application = selectors.get_own_referral_or_404(policy_for(request), pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)

    def submit(data):
        services.application_transition(
            application=application, to_status=ApplicationStatus.WITHDRAWN, reason=data["reason"],
            acting_user=request.user,
        )  # fmt: skip
        return _("Remissen är återkallad."), reverse("housing:referrals")

    return _form_page(
        request, form, title=_("Återkalla remissen"), submit=submit, submit_label=_("Återkalla remissen"),
        back_url=reverse("housing:referrals"), back_label=_("Tillbaka till remisserna"),
        caption=_("Ärende %(number)s") % {"number": application.case.number},
    )  # fmt: skip


def application_refer(request):
    """Nexus refers (the housing chain or a relocation request); the housing unit registers directly. The applicant
    is registered here, or chosen beforehand (`?person=` from a person page, through the access policy)."""
    _require_any(request, REFER)
    policy = policy_for(request)
    user = request.user
    if user.unit is None or user.unit.kind not in (Unit.Kind.NEXUS, Unit.Kind.HOUSING):
        raise PermissionDenied
    is_nexus = user.unit.kind == Unit.Kind.NEXUS
    person = policy.get_person_or_404(request.GET["person"]) if request.GET.get("person") else None
    form_class = referral_form_class(new_person=person is None, choose_kind=is_nexus)
    form = form_class(request.POST if request.method == "POST" else None)

    def submit(data):
        applicant = person
        if applicant is None:
            applicant = case_services.person_register(
                acting_user=user,
                **{k: data[k] for k in ("given_name", "family_name", "identity_number", "reserve_number", "phone",
                                        "protection_level", "protection_noted_on", "protection_source")},
            )  # fmt: skip
        application = services.application_refer(
            referral_kind=data["referral_kind"] if is_nexus else ReferralKind.DIRECT,
            person=applicant,
            referring_unit=user.unit,
            acting_user=user,
            background=data["background"],
            adults=data["adults"],
            children=data["children"],
            rooms=data["rooms"],
            accessibility=data["accessibility"],
            avoid_districts=data["avoid_districts"],
            wishes=data["wishes"],
            handler=None if is_nexus else user,
        )
        if is_nexus:
            return _("Remissen är skickad till bostadsenheten."), reverse("housing:referrals")
        return _("Ansökan är registrerad."), reverse("housing:application_detail", args=[application.pk])

    back = reverse("housing:referrals" if is_nexus else "housing:application_list")
    return _form_page(
        request, form, submit=submit, back_url=back, back_label=_("Tillbaka"),
        title=_("Remiss till bostadsenheten") if is_nexus else _("Registrera ansökan"),
        caption=present(policy, person).name if person else "",
        intro=_("Ansökan om bostadssocialt kontrakt. Bostadsenheten utreder och beslutar; beslut ska fattas inom "
                "tre månader från remissen."),
        submit_label=_("Skicka remissen") if is_nexus else _("Registrera"),
    )  # fmt: skip


def _application(request, pk):
    policy = policy_for(request)
    return policy, selectors.get_application_or_404(policy, pk)


def _workable(request, pk):
    """Visibility first (404), then the right to work on it (403)."""
    policy, application = _application(request, pk)
    if not policy.can_work_on(application.case) or not request.user.has_perm(WORK_HOUSING):
        raise PermissionDenied
    return policy, application


def application_detail(request, pk):
    policy, application = _application(request, pk)
    detail = selectors.application_detail(policy, application)
    return render(request, "housing/application_detail.html", {"detail": detail, "reason_form": ReasonForm()})


def _back(application):
    return {
        "back_url": reverse("housing:application_detail", args=[application.pk]),
        "back_label": _("Tillbaka till ansökan"),
        "caption": _("Ärende %(number)s") % {"number": application.case.number},
    }


def application_checklist(request, pk):
    policy, application = _workable(request, pk)
    form = ChecklistForm(request.POST if request.method == "POST" else None, lines=selectors.checklist(application))

    def submit(data):
        services.checklist_save(application=application, done=form.done(), acting_user=request.user)
        return _("Utredningens checklista är sparad."), reverse("housing:application_detail", args=[application.pk])

    return _form_page(request, form, title=_("Utredning"), submit=submit, **_back(application),
                      intro=_("Bocka för det som är utrett. Alla punkter ska vara klara före beslut."))  # fmt: skip


def application_decide(request, pk):
    policy, application = _workable(request, pk)
    form = DecisionForm(
        request.POST if request.method == "POST" else None, initial={"decided_on": timezone.localdate()}
    )

    def submit(data):
        services.application_decide(application=application, acting_user=request.user, **data)
        return _("Beslutet är registrerat."), reverse("housing:application_detail", args=[application.pk])

    return _form_page(request, form, title=_("Beslut om bostadssocialt kontrakt"), submit=submit,
                      submit_label=_("Fatta beslut"), **_back(application))  # fmt: skip


def application_move(request, pk, to_status):
    """One of the manual moves of the workflow table, with a reason when the table asks for one."""
    policy, application = _workable(request, pk)
    if to_status not in ApplicationStatus.values:
        raise Http404
    if request.method != "POST":
        return redirect("housing:application_detail", pk=application.pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.application_transition(
            application=application, to_status=to_status, reason=form.cleaned_data.get("reason", ""),
            acting_user=request.user,
        )  # fmt: skip
        messages.success(
            request, _("Ansökan har ny status: %(status)s.") % {"status": ApplicationStatus(to_status).label}
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("housing:application_detail", pk=application.pk)


def decision_pdf(request, pk, decision_pk):
    """The decision letter (PDF/UA). Never a protected address: the letter carries no address of a protected
    person at all. The download is logged like a document download."""
    policy, application = _application(request, pk)
    if policy.is_manager:
        raise PermissionDenied
    decision = get_object_or_404(application.decisions.select_related("decided_by"), pk=decision_pk)
    detail = selectors.application_detail(policy, application)
    context = {
        "application": application,
        "decision": decision,
        "applicant": detail.applicant,
        "municipality": host_municipality(),
        "unit": application.case.unit,
        "product_name": settings.PRODUCT_NAME,
        "created_on": timezone.localdate(),
    }
    pdf = render_pdf("housing/decision_pdf.html", context)
    policy.log_download(application.case, _("Beslut %(number)s") % {"number": application.case.number})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="beslut-{application.case.number}.pdf"'
    return response


# --- flats and pools ---------------------------------------------------------------------------------------------
def flat_list(request):
    _require_any(request, [WORK_HOUSING])
    params = request.GET
    min_rooms = params.get("rum", "")
    filters = {
        "status": params.get("status", ""),
        "district": params.get("omrade", ""),
        "landlord": params.get("hyresvard", ""),
        "min_rooms": int(min_rooms) if min_rooms.isdigit() else None,
    }
    page, rows = selectors.flat_list(policy_for(request), page=params.get("sida", 1), **filters)
    query_without_page = params.copy()
    query_without_page.pop("sida", None)
    context = {
        "page": page,
        "rows": rows,
        "filters": filters,
        "statuses": Flat.Status.choices,
        "districts": District.objects.filter(active=True),
        "landlords": Landlord.objects.all(),
        "query_without_page": query_without_page.urlencode(),
    }
    return render(request, "housing/flat_list.html", context)


def flat_add(request):
    _require_any(request, [WORK_HOUSING])
    form = FlatForm(request.POST if request.method == "POST" else None)

    def submit(data):
        services.flat_register(acting_user=request.user, **data)
        return _("Lägenheten är registrerad."), reverse("housing:flat_list")

    back = reverse("housing:flat_list")
    return _form_page(request, form, title=_("Ny lägenhet"), submit=submit, back_url=back,
                      back_label=_("Tillbaka till lägenheterna"))  # fmt: skip


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
    return _form_page(request, form, title=_("Ändra lägenhet"), submit=submit, back_url=back,
                      back_label=_("Tillbaka till lägenheterna"), caption=str(flat))  # fmt: skip


def pools(request):
    _require_any(request, [WORK_HOUSING, "kompotten.view_reports"])
    year_param = request.GET.get("ar", "")
    year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else timezone.localdate().year
    context = {"rows": selectors.pool_overview(year), "year": year, "years": range(year - 2, year + 2)}
    return render(request, "housing/pools.html", context)


# --- queue and offers --------------------------------------------------------------------------------------------
def queue_list(request):
    _require_any(request, [WORK_HOUSING])
    page, rows = selectors.queue_page(policy_for(request), page=request.GET.get("sida", 1))
    context = {"page": page, "rows": rows, "rule": queue.QUEUE_RULE, "query_without_page": ""}
    return render(request, "housing/queue.html", context)


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
    }
    return render(request, "housing/flat_match.html", context)


def offer_make(request, pk, application_pk):
    policy = policy_for(request)
    flat = selectors.get_flat_or_404(policy, pk)
    application = selectors.get_application_or_404(policy, application_pk)
    if not policy.can_work_on(application.case):
        raise PermissionDenied
    today = timezone.localdate()
    form = OfferForm(
        request.POST if request.method == "POST" else None,
        initial={"offered_on": today, "answer_by": today + timedelta(days=7)},
    )

    def submit(data):
        services.offer_make(flat=flat, application=application, acting_user=request.user, **data)
        return _("Erbjudandet är registrerat."), reverse("housing:application_detail", args=[application.pk])

    return _form_page(
        request, form, title=_("Erbjud lägenhet"), submit=submit, submit_label=_("Registrera erbjudandet"),
        back_url=reverse("housing:flat_match", args=[flat.pk]), back_label=_("Tillbaka till matchningen"),
        caption=_("Ärende %(number)s") % {"number": application.case.number},
        intro=_("%(address)s, %(rooms)d rum, %(district)s.") % {
            "address": selectors.flat_address(policy, flat)[0], "rooms": flat.rooms, "district": flat.district.name},
    )  # fmt: skip


def offer_answer(request, pk):
    policy = policy_for(request)
    offer = selectors.get_offer_or_404(policy, pk)
    if not policy.can_work_on(offer.application.case) or not request.user.has_perm(WORK_HOUSING):
        raise PermissionDenied
    form = OfferAnswerForm(request.POST if request.method == "POST" else None,
                           initial={"answered_on": timezone.localdate()})  # fmt: skip

    def submit(data):
        if data["answer"] == OfferAnswerForm.ACCEPT:
            services.offer_accept(
                offer=offer, answered_on=data["answered_on"], terms=form.terms(), acting_user=request.user
            )
            message = _("Erbjudandet är accepterat och lägenheten uthyrd.")
        else:
            services.offer_decline(
                offer=offer, reason=data["reason"], note=data["note"], paused_until=data["paused_until"],
                answered_on=data["answered_on"], acting_user=request.user,
            )  # fmt: skip
            message = _("Nej tack är registrerat.")
        return message, reverse("housing:application_detail", args=[offer.application_id])

    return _form_page(
        request, form, title=_("Svar på erbjudande"), submit=submit, submit_label=_("Registrera svaret"),
        **_back(offer.application),
    )  # fmt: skip


# --- social contracts --------------------------------------------------------------------------------------------
def contract_list(request):
    _require_any(request, [WORK_HOUSING, "kompotten.view_reports"])
    params = request.GET
    filters = {"status": params.get("status", "trial"), "ending": params.get("slutar") == "1"}
    page, rows = selectors.contract_list(policy_for(request), page=params.get("sida", 1), **filters)
    query_without_page = params.copy()
    query_without_page.pop("sida", None)
    context = {
        "page": page, "rows": rows, "filters": filters, "statuses": SocialContract.Status.choices,
        "query_without_page": query_without_page.urlencode(),
    }  # fmt: skip
    return render(request, "housing/contract_list.html", context)


def contract_detail(request, pk):
    policy = policy_for(request)
    contract = selectors.get_contract_or_404(policy, pk)
    return render(request, "housing/contract_detail.html", {"detail": selectors.contract_detail(policy, contract)})


def _workable_contract(request, pk):
    policy = policy_for(request)
    contract = selectors.get_contract_or_404(policy, pk)
    if not policy.can_work_on(contract.application.case) or not request.user.has_perm(WORK_HOUSING):
        raise PermissionDenied
    return contract


def _contract_back(contract):
    return {
        "back_url": reverse("housing:contract_detail", args=[contract.pk]),
        "back_label": _("Tillbaka till kontraktet"),
        "caption": _("Ärende %(number)s") % {"number": contract.application.case.number},
    }


def follow_up_add(request, pk):
    contract = _workable_contract(request, pk)
    form = FollowUpForm(request.POST if request.method == "POST" else None,
                        initial={"happened_on": timezone.localdate()})  # fmt: skip

    def submit(data):
        services.follow_up_add(contract=contract, acting_user=request.user, **data)
        return _("Uppföljningen är sparad."), reverse("housing:contract_detail", args=[contract.pk])

    return _form_page(request, form, title=_("Uppföljning under prövotiden"), submit=submit,
                      **_contract_back(contract))  # fmt: skip


CONTRACT_ACTIONS = {
    "overgang": (
        ContractCloseForm,
        _("Kontraktet övergår till hyresgästen"),
        lambda c, d, u: services.contract_pass_to_tenant(contract=c, on=d["on"], reason=d["reason"], acting_user=u),
        _("Kontraktet har övergått till förstahandskontrakt."),
    ),
    "forlang": (
        TrialExtendForm,
        _("Förläng prövotiden"),
        lambda c, d, u: services.contract_extend_trial(
            contract=c, months=d["months"], reason=d["reason"], acting_user=u
        ),
        _("Prövotiden är förlängd."),
    ),
    "avsluta": (
        ContractCloseForm,
        _("Avsluta kontraktet"),
        lambda c, d, u: services.contract_end(contract=c, on=d["on"], reason=d["reason"], acting_user=u),
        _("Kontraktet är avslutat."),
    ),
}


def contract_action(request, pk, action):
    contract = _workable_contract(request, pk)
    if action not in CONTRACT_ACTIONS:
        raise Http404
    form_class, title, apply, done = CONTRACT_ACTIONS[action]
    form = form_class(request.POST if request.method == "POST" else None, initial={"on": timezone.localdate()})

    def submit(data):
        apply(contract, data, request.user)
        return done, reverse("housing:contract_detail", args=[contract.pk])

    return _form_page(request, form, title=title, submit=submit, **_contract_back(contract))


# --- Nexus: placements, Nexus's flats, kundvård ------------------------------------------------------------------
WORK_NEXUS = "kompotten.work_relocation"


def _nexus_form(request, form_class, **kwargs):
    policy = policy_for(request)
    return form_class(
        request.POST if request.method == "POST" else None,
        case_lookup=lambda number: selectors.case_by_number(policy, number),
        **kwargs,
    )


def placement_list(request):
    _require_any(request, [WORK_NEXUS, "kompotten.view_reports"])
    status = request.GET.get("status", "open")
    year_param = request.GET.get("ar", "")
    year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else timezone.localdate().year
    page, rows = selectors.placement_list(policy_for(request), status=status, page=request.GET.get("sida", 1))
    context = {
        "page": page,
        "rows": rows,
        "status": status,
        "year": year,
        "outcomes": selectors.placement_outcomes(year),
        "query_without_page": f"status={status}",
    }
    return render(request, "housing/placement_list.html", context)


def placement_add(request):
    _require_any(request, [WORK_NEXUS])
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
        return _("Placeringen är registrerad."), reverse("housing:placement_list")

    return _form_page(
        request,
        form,
        title=_("Ny placering i skyddat boende"),
        submit=submit,
        back_url=reverse("housing:placement_list"),
        back_label=_("Tillbaka till placeringarna"),
    )


def placement_end(request, pk):
    policy = policy_for(request)
    placement = selectors.get_placement_or_404(policy, pk)
    if not policy.can_work_on(placement.case) or not request.user.has_perm(WORK_NEXUS):
        raise PermissionDenied
    form = PlacementEndForm(
        request.POST if request.method == "POST" else None, initial={"ends_on": timezone.localdate()}
    )

    def submit(data):
        services.placement_end(placement=placement, acting_user=request.user, **data)
        return _("Placeringen är avslutad."), reverse("housing:placement_list")

    return _form_page(
        request,
        form,
        title=_("Avsluta placering"),
        submit=submit,
        back_url=reverse("housing:placement_list"),
        back_label=_("Tillbaka till placeringarna"),
        caption=_("Ärende %(number)s") % {"number": placement.case.number},
    )


def nexus_flat_list(request):
    _require_any(request, [WORK_NEXUS])
    return render(request, "housing/nexus_flats.html", {"rows": selectors.nexus_flats(policy_for(request))})


def nexus_flat_move_in(request, pk):
    flat = selectors.get_nexus_flat_or_404(policy_for(request), pk)
    form = _nexus_form(request, MoveInForm, initial={"since": timezone.localdate()})

    def submit(data):
        services.nexus_flat_move_in(flat=flat, case=data["case"], since=data["since"], acting_user=request.user)
        return _("Inflyttningen är registrerad."), reverse("housing:nexus_flat_list")

    return _form_page(
        request,
        form,
        title=_("Inflyttning"),
        submit=submit,
        caption=flat.label,
        back_url=reverse("housing:nexus_flat_list"),
        back_label=_("Tillbaka till Nexus lägenheter"),
    )


def _workable_stay(request, pk):
    policy = policy_for(request)
    stay = selectors.get_stay_or_404(policy, pk)
    if not policy.can_work_on(stay.case) or not request.user.has_perm(WORK_NEXUS):
        raise PermissionDenied
    return stay


def nexus_flat_move_out(request, pk):
    stay = _workable_stay(request, pk)
    form = MoveOutForm(request.POST if request.method == "POST" else None, initial={"until": timezone.localdate()})

    def submit(data):
        services.nexus_flat_move_out(stay=stay, until=data["until"], acting_user=request.user)
        return _("Utflyttningen är registrerad."), reverse("housing:nexus_flat_list")

    return _form_page(
        request,
        form,
        title=_("Utflyttning"),
        submit=submit,
        caption=stay.flat.label,
        back_url=reverse("housing:nexus_flat_list"),
        back_label=_("Tillbaka till Nexus lägenheter"),
    )


def nexus_flat_hand_over(request, pk):
    stay = _workable_stay(request, pk)
    form = HandOverForm(request.POST if request.method == "POST" else None, initial={"until": timezone.localdate()})

    def submit(data):
        services.nexus_flat_hand_over(stay=stay, acting_user=request.user, **data)
        return _("Remissen är skickad till bostadsenheten."), reverse("housing:referrals")

    return _form_page(
        request,
        form,
        title=_("Överlämna till boendekedjan"),
        submit=submit,
        caption=stay.flat.label,
        back_url=reverse("housing:nexus_flat_list"),
        back_label=_("Tillbaka till Nexus lägenheter"),
        submit_label=_("Skicka remissen"),
    )


def kundvard_list(request):
    _require_any(request, [WORK_NEXUS])
    return render(request, "housing/kundvard_list.html", {"rows": selectors.kundvard_list(policy_for(request))})


def kundvard_add(request):
    _require_any(request, [WORK_NEXUS])
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
        return _("Begäran om kundvård är registrerad."), reverse("housing:kundvard_list")

    return _form_page(
        request,
        form,
        title=_("Begär kundvård"),
        submit=submit,
        back_url=reverse("housing:kundvard_list"),
        back_label=_("Tillbaka till kundvård"),
    )


def kundvard_decide(request, pk):
    policy = policy_for(request)
    kundvard = selectors.get_kundvard_or_404(policy, pk)
    if not policy.can_work_on(kundvard.case) or not request.user.has_perm(WORK_NEXUS):
        raise PermissionDenied
    form = KundvardDecisionForm(
        request.POST if request.method == "POST" else None, initial={"decided_on": timezone.localdate()}
    )

    def submit(data):
        services.kundvard_decide(
            kundvard=kundvard,
            decision=data["decision"],
            decided_on=data["decided_on"],
            new_address=data["new_address"],
            moved_on=data["moved_on"],
            new_lease_in_victims_name=data["new_lease_in_victims_name"],
            old_flat=form.old_flat(),
            acting_user=request.user,
        )
        return _("Hyresvärdens beslut är registrerat."), reverse("housing:kundvard_list")

    return _form_page(
        request,
        form,
        title=_("Hyresvärdens beslut om kundvård"),
        submit=submit,
        back_url=reverse("housing:kundvard_list"),
        back_label=_("Tillbaka till kundvård"),
        caption=_("Ärende %(number)s") % {"number": kundvard.case.number},
    )
