"""Nexus's client cases (stödärenden): the list, opening one, and the case page from which the placements, flat
stays, kundvård, referrals and outgoing requests are started."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import selectors as case_selectors
from cases.access import capability_required, policy_for
from cases.filters import CaseFilters
from cases.forms import PERSON_REGISTER_FIELDS
from cases.models import Case, Person
from cases.presentation import present
from housing import services
from housing.forms import SupportCaseCloseForm, SupportCaseForm, SupportCaseForPersonForm
from housing.support_selectors import support_case_detail, support_cases
from kompotten.capabilities import Capability
from kompotten.form_pages import form_page
from kompotten.paging import PAGE


def get_support_case_or_404(request, pk) -> Case:
    """A client case for a Nexus caseworker who may open it; 404 to everyone else."""
    policy = policy_for(request)
    policy.require(Capability.WORK_RELOCATION, hidden=True)
    return policy.get_or_404(support_cases(policy), pk=pk)


@capability_required(Capability.WORK_RELOCATION)
def support_case_list(request):
    params, policy = request.GET.copy(), policy_for(request)
    params["typ"] = Case.Kind.SUPPORT
    filters = CaseFilters(params, policy=policy)
    page, rows = case_selectors.case_list(policy, filters, page=params.get(PAGE, 1))
    context = {"page": page, "rows": rows, "filters": filters.values, "filter_form": filters.form}
    return render(request, "housing/support_case_list.html", context)


@capability_required(Capability.WORK_RELOCATION)
def support_case_open(request):
    form = SupportCaseForm(request.POST if request.method == "POST" else None)

    def submit(data):
        details = {name: data[name] for name in PERSON_REGISTER_FIELDS}
        case = services.support_case_open(children=data["children"], acting_user=request.user, **details)
        message = _("Stödärende %(number)s är öppnat.") % {"number": case.number}
        return message, reverse("housing:support_case_detail", args=[case.pk])

    return form_page(
        request,
        form,
        title=_("Nytt stödärende"),
        submit=submit,
        back_url=reverse("housing:support_case_list"),
        back_label=_("Tillbaka till stödärendena"),
        submit_label=_("Öppna stödärendet"),
    )


def support_case_open_for_person(request, person_pk):
    """Nexus opens a client case for a person already registered, from her page: 404 for a person this user may
    not see, and for anyone outside Nexus."""
    policy = policy_for(request)
    policy.require(Capability.WORK_RELOCATION, hidden=True)
    person = policy.get_or_404(Person, pk=person_pk, may=Capability.WORK_RELOCATION)
    present(policy, person)  # the page names her: a logged reveal
    data = request.POST if request.method == "POST" else None
    form = SupportCaseForPersonForm(data, initial={"opened_on": timezone.localdate()})

    def submit(data):
        case = services.support_case_open(person=person, opened_on=data["opened_on"], acting_user=request.user)
        message = _("Stödärende %(number)s är öppnat.") % {"number": case.number}
        return message, reverse("housing:support_case_detail", args=[case.pk])

    return form_page(
        request,
        form,
        title=_("Nytt stödärende"),
        submit=submit,
        back_url=reverse("cases:person_detail", args=[person.pk]),
        back_label=_("Tillbaka till personen"),
        caption=person.full_name,
        submit_label=_("Öppna stödärendet"),
    )


def support_case_detail_view(request, pk):
    case = get_support_case_or_404(request, pk)
    detail = support_case_detail(policy_for(request), case)
    return render(request, "housing/support_case_detail.html", {"detail": detail, "case": case})


def support_case_close(request, pk):
    """Closes the client case from its page: refused, naming what is open, while anything hangs open on it."""
    case = get_support_case_or_404(request, pk)
    policy_for(request).require(Capability.CASEWORK)
    data = request.POST if request.method == "POST" else None
    form = SupportCaseCloseForm(data, initial={"closed_on": timezone.localdate()})
    open_parts = services.support_case_open_parts(case)

    def submit(data):
        services.support_case_close(case=case, acting_user=request.user, **data)
        return _("Stödärendet är avslutat.")

    lead = _("Kan inte avslutas än: %(parts)s.") % {"parts": "; ".join(open_parts)} if open_parts else ""
    return form_page(
        request,
        form,
        title=_("Avsluta stödärendet"),
        submit=submit,
        back_url=reverse("housing:support_case_detail", args=[case.pk]),
        back_label=_("Tillbaka till stödärendet"),
        caption=case.number,
        lead=lead,
        submit_label=_("Avsluta stödärendet"),
    )
