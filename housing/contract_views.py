"""Social contracts: the trial, its follow-ups, and the hand-over of the contract to the tenant."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import capability_required, policy_for
from housing import selectors, services
from housing.filters import ContractFilters
from housing.forms import (
    ContractCloseForm,
    FollowUpForm,
    TrialExtendForm,
)
from housing.models import SocialContract
from kompotten.capabilities import Capability
from kompotten.form_pages import form_page
from kompotten.paging import PAGE


@capability_required(Capability.WORK_HOUSING, Capability.VIEW_REPORTS)
def contract_list(request):
    params, policy = request.GET, policy_for(request)
    filters = ContractFilters(params, policy=policy)
    page, rows = selectors.contract_list(policy, filters, page=params.get(PAGE, 1))
    context = {
        "page": page,
        "rows": rows,
        "filters": filters.values,
        "filter_form": filters.form,
        "statuses": SocialContract.Status.choices,
    }
    return render(request, "housing/contract_list.html", context)


def contract_detail(request, pk):
    policy = policy_for(request)
    contract = selectors.get_contract_or_404(policy, pk)
    return render(request, "housing/contract_detail.html", {"detail": selectors.contract_detail(policy, contract)})


def _contract_back(contract):
    return {
        "back_url": reverse("housing:contract_detail", args=[contract.pk]),
        "back_label": _("Tillbaka till kontraktet"),
        "caption": _("Ärende %(number)s") % {"number": contract.application.case.number},
    }


def follow_up_add(request, pk):
    contract = selectors.get_contract_or_404(policy_for(request), pk, may=Capability.WORK_HOUSING)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None, initial={"happened_on": timezone.localdate()}
    )

    def submit(data):
        services.follow_up_add(contract=contract, acting_user=request.user, **data)
        return _("Uppföljningen är sparad."), reverse("housing:contract_detail", args=[contract.pk])

    return form_page(request, form, title=_("Uppföljning under prövotiden"), submit=submit, **_contract_back(contract))


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
    contract = selectors.get_contract_or_404(policy_for(request), pk, may=Capability.WORK_HOUSING)
    if action not in CONTRACT_ACTIONS:
        raise Http404
    form_class, title, apply, done = CONTRACT_ACTIONS[action]
    form = form_class(request.POST if request.method == "POST" else None, initial={"on": timezone.localdate()})

    def submit(data):
        apply(contract, data, request.user)
        return done, reverse("housing:contract_detail", args=[contract.pk])

    return form_page(request, form, title=title, submit=submit, **_contract_back(contract))
