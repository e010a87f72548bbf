"""The housing unit's start page and its applications: referral, investigation, decision and the decision letter, and
the helpers every `*_views` module of the app shares. Thin views: fetch through the selectors (404 if not visible),
validate a form, call one service, redirect with a message."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.access import capability_required, policy_for
from cases.forms import PERSON_REGISTER_FIELDS
from cases.models import Person
from cases.outgoing import refuse_output
from cases.presentation import present
from housing import outgoing, selectors, services
from housing.filters import ApplicationFilters
from housing.forms import (
    ChecklistForm,
    DecisionForm,
    ReasonForm,
    WithdrawForm,
    referral_form_class,
)
from housing.models import ReferralKind
from housing.support_views import get_support_case_or_404
from housing.workflow import ApplicationStatus
from kompotten.capabilities import Capability
from kompotten.form_pages import form_page
from kompotten.models import Unit
from kompotten.organisations import host_municipality
from kompotten.paging import PAGE
from kompotten.pdf import render_pdf


@capability_required(Capability.WORK_HOUSING)
def start(request):
    policy, today = policy_for(request), timezone.localdate()
    context = {
        "leads_team": policy.leads_team,
        "due": selectors.decisions_due(policy, today=today),
        "open_offers": selectors.open_offers(policy),
        "pauses_ended": selectors.pauses_ended(policy),
        "trials": selectors.trials_ending(policy),
        "pools_low": [row for row in selectors.pool_overview(today.year) if row.needs_attention],
    }
    if policy.leads_team:
        context["page"], context["inbox"] = selectors.inbox(policy, today=today, page=request.GET.get(PAGE, 1))
    return render(request, "housing/start.html", context)


@capability_required(Capability.WORK_HOUSING, Capability.VIEW_REPORTS)
def application_list(request):
    params, policy = request.GET, policy_for(request)
    filters = ApplicationFilters(params, policy=policy)
    page, rows = selectors.application_list(policy, filters, page=params.get(PAGE, 1))
    context = {
        "page": page,
        "rows": rows,
        "filters": filters.values,
        "filter_form": filters.form,
        "statuses": ApplicationStatus.choices,
        "referral_kinds": ReferralKind.choices,
    }
    return render(request, "housing/application_list.html", context)


@capability_required(Capability.WORK_RELOCATION)
def referrals(request):
    """A referring unit's own referrals and their state (Nexus), nothing of the investigation."""
    page, rows = selectors.referrals_of_my_unit(policy_for(request), page=request.GET.get(PAGE, 1))
    return render(request, "housing/referrals.html", {"page": page, "rows": rows})


def referral_withdraw(request, pk):
    """The referring unit withdraws its referral before a decision (the workflow table allows Nexus that move)."""
    application = selectors.get_own_referral_or_404(policy_for(request), pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)

    def submit(data):
        services.application_transition(
            application=application,
            to_status=ApplicationStatus.WITHDRAWN,
            reason=data["reason"],
            acting_user=request.user,
        )
        return _("Remissen är återkallad."), reverse("housing:referrals")

    return form_page(
        request,
        form,
        title=_("Återkalla remissen"),
        submit=submit,
        submit_label=_("Återkalla remissen"),
        back_url=reverse("housing:referrals"),
        back_label=_("Tillbaka till remisserna"),
        caption=_("Ärende %(number)s") % {"number": application.case.number},
    )


@capability_required(Capability.WORK_HOUSING, Capability.WORK_RELOCATION)
def application_refer(request):
    """Nexus refers (the housing chain or a relocation request); the housing unit registers directly. The applicant
    is registered here, or chosen beforehand (`?person=` from a person page, through the access policy)."""
    policy = policy_for(request)
    user = request.user
    is_nexus = policy.own_unit_of_kind(Unit.Kind.NEXUS, Unit.Kind.HOUSING).kind == Unit.Kind.NEXUS
    person = policy.get_or_404(Person, pk=request.GET["person"]) if request.GET.get("person") else None
    client_case = get_support_case_or_404(request, request.GET["arende"]) if request.GET.get("arende") else None
    if client_case is not None:
        person = services.support_case_applicant(client_case)
    form_class = referral_form_class(new_person=person is None)
    form = form_class(request.POST if request.method == "POST" else None)

    def submit(data):
        applicant = person
        if applicant is None:
            applicant = case_services.person_register(
                acting_user=user,
                **{name: data[name] for name in PERSON_REGISTER_FIELDS},
            )
        application = services.application_refer(
            referral_kind=ReferralKind.HOUSING_CHAIN if is_nexus else ReferralKind.DIRECT,
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
            # A case with a protected person is never taken: the team lead assigns it.
            handler=None if is_nexus or applicant.is_protected else user,
            nexus_case=client_case,
        )
        if client_case is not None:
            message = _("Remissen är skickad till bostadsenheten.")
            return message, reverse("housing:support_case_detail", args=[client_case.pk])
        if is_nexus:
            return _("Remissen är skickad till bostadsenheten."), reverse("housing:referrals")
        message = _("Ansökan är registrerad.")
        if applicant.is_protected:
            message = _(
                "Ansökan är registrerad. Sökanden har skyddade personuppgifter: gruppledaren tilldelar handläggare."
            )
        return message, reverse("housing:application_detail", args=[application.pk])

    back = reverse("housing:referrals" if is_nexus else "housing:application_list")
    return form_page(
        request,
        form,
        submit=submit,
        back_url=back,
        back_label=_("Tillbaka"),
        title=_("Remiss till bostadsenheten") if is_nexus else _("Registrera ansökan"),
        caption=present(policy, person).name if person else "",
        lead=_(
            "Ansökan om bostadssocialt kontrakt. Bostadsenheten utreder och beslutar; beslut ska fattas inom "
            "tre månader från remissen."
        ),
        submit_label=_("Skicka remissen") if is_nexus else _("Registrera"),
    )


def application_detail(request, pk):
    policy = policy_for(request)
    application = selectors.get_application_or_404(policy, pk)
    detail = selectors.application_detail(policy, application)
    return render(request, "housing/application_detail.html", {"detail": detail, "reason_form": ReasonForm()})


def application_back(application):
    return {
        "back_url": reverse("housing:application_detail", args=[application.pk]),
        "back_label": _("Tillbaka till ansökan"),
        "caption": _("Ärende %(number)s") % {"number": application.case.number},
    }


def application_checklist(request, pk):
    policy = policy_for(request)
    application = selectors.get_application_or_404(policy, pk, may=Capability.WORK_HOUSING)
    form = ChecklistForm(request.POST if request.method == "POST" else None, lines=selectors.checklist(application))

    def submit(data):
        services.checklist_save(application=application, done=form.done(), acting_user=request.user)
        return _("Utredningens checklista är sparad."), reverse("housing:application_detail", args=[application.pk])

    return form_page(
        request,
        form,
        title=_("Utredning"),
        submit=submit,
        **application_back(application),
        lead=_("Bocka för det som är utrett. Alla punkter ska vara klara före beslut."),
    )


def application_decide(request, pk):
    policy = policy_for(request)
    application = selectors.get_application_or_404(policy, pk, may=Capability.WORK_HOUSING)
    form = DecisionForm(
        request.POST if request.method == "POST" else None, initial={"decided_on": timezone.localdate()}
    )

    def submit(data):
        services.application_decide(application=application, acting_user=request.user, **data)
        return _("Beslutet är registrerat."), reverse("housing:application_detail", args=[application.pk])

    return form_page(
        request,
        form,
        title=_("Beslut om bostadssocialt kontrakt"),
        submit=submit,
        submit_label=_("Fatta beslut"),
        **application_back(application),
    )


def application_move(request, pk, to_status):
    """One of the manual moves of the workflow table, with a reason when the table asks for one."""
    policy = policy_for(request)
    application = selectors.get_application_or_404(policy, pk, may=Capability.WORK_HOUSING)
    if to_status not in ApplicationStatus.values:
        raise Http404
    if request.method != "POST":
        return redirect("housing:application_detail", pk=application.pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.application_transition(
            application=application,
            to_status=to_status,
            reason=form.cleaned_data.get("reason", ""),
            acting_user=request.user,
        )
        messages.success(
            request, _("Ansökan har ny status: %(status)s.") % {"status": ApplicationStatus(to_status).label}
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("housing:application_detail", pk=application.pk)


def decision_pdf(request, pk, decision_pk):
    """The decision letter (PDF/UA). Never a protected address: the letter carries no address of a protected
    person at all, and its reasons are checked again as they leave (`cases.outgoing`). The download is logged like
    a document download, one row per protected person (which stands for the letter's view of the applicant too).
    A letter is about its person: it does not exist for whom the policy shows no letters of the case (404), and
    printing it is casework (403)."""
    policy = policy_for(request)
    application = selectors.get_application_or_404(
        policy, pk, visible=lambda application: policy.letters_visible(application.case), may=Capability.CASEWORK
    )
    decision = get_object_or_404(application.decisions.select_related("decided_by"), pk=decision_pk)
    if refused := refuse_output(request, policy, application.case, [outgoing.decision_text(decision)]):
        return refused
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
