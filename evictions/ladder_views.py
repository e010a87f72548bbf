"""The contact ladder on a file (contacts, the landlord's answer, repayment plans, financial aid, investigation), the
team's process goal, and closing a file."""

from decimal import Decimal

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.access import capability_required, policy_for
from evictions import ladder, letters, selectors, services
from evictions.forms import (
    CloseForm,
    ContactForm,
    FinancialAidDecisionForm,
    FinancialAidForm,
    InstalmentForm,
    InvestigationForm,
    LandlordAnswerForm,
    ProcessGoalForm,
    RepaymentPlanForm,
    RepaymentStatusForm,
)
from evictions.models import FinancialAid, Instalment, RepaymentPlan
from evictions.views import file_form, file_form_page
from kompotten.capabilities import Capability
from kompotten.form_pages import form_page
from kompotten.models import Unit
from kompotten.paging import PAGE


def contact_add(request, pk):
    def submit(file, data):
        services.contact_log(file=file, acting_user=request.user, **data)
        return _("Kontakten är registrerad.")

    return file_form(request, pk, ContactForm, title=_("Registrera kontakt"), submit=submit)


def landlord_answer(request, pk):
    def submit(file, data):
        services.file_set_landlord_answer(file=file, acting_user=request.user, **data)
        return _("Hyresvärdens besked är registrerat.")

    return file_form(request, pk, LandlordAnswerForm, title=_("Hyresvärdens besked om att bo kvar"), submit=submit)


def repayment_plan_add(request, pk):
    def submit(file, data):
        services.repayment_plan_add(file=file, acting_user=request.user, **data)
        return _("Avbetalningsplanen är registrerad.")

    def initial(file):
        notice = file.notices.exclude(rent_debt_capital=None).order_by("-received_on").first()
        return {"debt": notice.rent_debt_total} if notice else None

    return file_form(request, pk, RepaymentPlanForm, title=_("Avbetalningsplan"), submit=submit, initial=initial)


def repayment_plan_status(request, pk, plan_pk):
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk, may=Capability.CASEWORK)
    plan = get_object_or_404(RepaymentPlan, pk=plan_pk, file=file)

    def submit(data):
        services.repayment_plan_set_status(plan=plan, acting_user=request.user, **data)
        return _("Avbetalningsplanens status är registrerad.")

    form = RepaymentStatusForm(request.POST or None)
    return file_form_page(request, form, file, title=_("Avbetalningsplanen"), submit=submit)


def instalment_record(request, pk, instalment_pk):
    """One instalment of a repayment plan paid or missed; a missed one puts a contact on the due list."""
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk, may=Capability.CASEWORK)
    instalment = get_object_or_404(Instalment, pk=instalment_pk, plan__file=file)

    def submit(data):
        instalment_done = services.instalment_record(instalment=instalment, acting_user=request.user, **data)
        if instalment_done.status == Instalment.Status.MISSED:
            return _("Avbetalningen är registrerad som missad. Kontakta hushållet: det står på att göra-listan.")
        return _("Avbetalningen är registrerad som betald.")

    form = InstalmentForm(request.POST or None)
    title = _("Avbetalning %(number)s, %(amount)s senast %(date)s") % {
        "number": instalment.number,
        "amount": letters.swedish_amount(instalment.amount),
        "date": instalment.due_on.isoformat(),
    }
    return file_form_page(request, form, file, title=title, submit=submit)


def financial_aid_add(request, pk):
    def submit(file, data):
        services.financial_aid_apply(
            file=file,
            acting_user=request.user,
            applied_on=data["applied_on"],
            capital=data["capital"],
            costs=data["costs"] or Decimal(0),
        )
        return _("Ansökan om ekonomiskt bistånd är registrerad.")

    def initial(file):
        notice = file.notices.exclude(rent_debt_capital=None).order_by("-received_on").first()
        return {"capital": notice.rent_debt_capital, "costs": notice.rent_debt_costs} if notice else None

    return file_form(
        request,
        pk,
        FinancialAidForm,
        title=_("Ansökan om ekonomiskt bistånd"),
        submit=submit,
        initial=initial,
        lead=_("Skulden förs över som underrättelsen delade upp den: kapital och kostnader med ränta."),
    )


def financial_aid_decide(request, pk, aid_pk):
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk, may=Capability.CASEWORK)
    aid = get_object_or_404(FinancialAid, pk=aid_pk, file=file)

    def submit(data):
        services.financial_aid_decide(aid=aid, acting_user=request.user, **data)
        return _("Beslutet om ekonomiskt bistånd är registrerat.")

    form = FinancialAidDecisionForm(request.POST or None)
    return file_form_page(request, form, file, title=_("Beslut om ekonomiskt bistånd"), submit=submit)


def investigation_decide(request, pk):
    def submit(file, data):
        services.file_decide_investigation(file=file, acting_user=request.user, **data)
        return _("Beslutet om utredning är registrerat.")

    return file_form(
        request,
        pk,
        InvestigationForm,
        title=_("Ska en utredning inledas?"),
        submit=submit,
        lead=_("Kontakttrappan är genomförd utan att vi nått familjen. Barnen kan behöva skydd eller stöd."),
    )


@capability_required(Capability.WORK_EVICTIONS)
def process_goal(request):
    """The team's process goal; every file shows which of its steps are done."""
    unit = policy_for(request).own_unit_of_kind(Unit.Kind.EVICTION_PREVENTION)
    goal = ladder.goal_for_unit(unit)
    form = ProcessGoalForm(request.POST or None, initial={"target": goal.target, "steps": goal.steps})

    def submit(data):
        services.process_goal_set(unit=unit, acting_user=request.user, **data)
        return _("Teamets processmål är sparat.")

    return form_page(
        request,
        form,
        title=_("Teamets processmål"),
        submit=submit,
        lead=_(
            "Till exempel brev, telefon och erbjudet hembesök till alla familjer med barn innan "
            "återvinningsfristen löper ut. Varje ärende visar vilka steg som är gjorda."
        ),
        back_url=reverse("evictions:start"),
        back_label=_("Tillbaka"),
    )


def file_close(request, pk):
    def submit(file, data):
        services.file_close(file=file, acting_user=request.user, **data)
        return _("Ärendet är avslutat.")

    def initial(file):
        check = file.register_checks.first()
        return {"children_affected": check.children.count() if check else 0}

    return file_form(
        request,
        pk,
        CloseForm,
        title=_("Avsluta ärendet"),
        submit=submit,
        initial=initial,
        submit_label=_("Avsluta ärendet"),
        lead=_(
            "Hyresskuld: när den är betald. Vanvård: när lägenheten är städad och besiktigad. Störningar: efter en "
            "lugn period. Mindre varning med bara kontaktbrev: efter ungefär en månad. Avhysning: när den är "
            "verkställd eller återkallad."
        ),
    )


@capability_required(Capability.WORK_EVICTIONS)
def ready_to_close(request):
    page, rows = selectors.ready_to_close(policy_for(request), page=request.GET.get(PAGE, 1))
    context = {"page": page, "rows": rows}
    return render(request, "evictions/ready_to_close.html", context)
