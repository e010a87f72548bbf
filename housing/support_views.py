"""Nexus's client cases (stödärenden): the list, opening one, and the case page from which the placements, flat
stays, kundvård, referrals and outgoing requests are started."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases import selectors as case_selectors
from cases.access import capability_required, policy_for
from cases.filters import CaseFilters
from cases.models import Case
from housing import services
from housing.forms import SupportCaseForm
from housing.support_selectors import support_case_detail, support_cases
from kompotten.capabilities import Capability
from kompotten.form_pages import form_page
from kompotten.paging import PAGE

PERSON_FIELDS = (
    "given_name",
    "family_name",
    "identity_number",
    "reserve_number",
    "phone",
    "protection_level",
    "protection_noted_on",
    "protection_source",
)


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
        details = {name: data[name] for name in PERSON_FIELDS}
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


def support_case_detail_view(request, pk):
    case = get_support_case_or_404(request, pk)
    detail = support_case_detail(policy_for(request), case)
    return render(request, "housing/support_case_detail.html", {"detail": detail, "case": case})
