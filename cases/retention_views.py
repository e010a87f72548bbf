"""The manager's retention page (gallring): the year's list of files due, paged, and its approval; and the culling
log, read-only. Thin: the policy (management only, 404 for everyone else), one selector read, one service call."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases.access import policy_for
from cases.models import Culling, RetentionItem, RetentionList
from cases.services import retention
from kompotten.capabilities import Capability
from kompotten.paging import counted_page, exact_page

PER_PAGE = 50


def retention_list(request):
    policy = policy_for(request)
    policy.require(Capability.OVERSEE, hidden=True)
    lists = RetentionList.objects.select_related("approved_by", "superseded_by")
    chosen = lists.filter(year=request.GET.get("ar")).first() if request.GET.get("ar", "").isdigit() else None
    chosen = chosen or lists.first()
    if request.method == "POST" and chosen is not None:
        return _approve(request, chosen)
    page = None
    if chosen is not None:
        items = RetentionItem.objects.filter(retention_list=chosen).order_by("due_on", "case_id")
        page = counted_page(items, request.GET.get("sida"), PER_PAGE)
    context = {
        "lists": list(lists),
        "chosen": chosen,
        "page": page,
        "rows": page.object_list if page else [],
        "culled": Culling.objects.filter(retention_list=chosen).count() if chosen else 0,
    }
    return render(request, "cases/retention_list.html", context)


def _approve(request, chosen: RetentionList):
    try:
        retention.retention_list_approve(retention_list=chosen, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Listan är godkänd. Akterna gallras nu; sidan visar när det är klart."))
    return redirect(f"{request.path}?ar={chosen.year}")


def culling_log(request):
    """The culling log (gallringslogg): every file culled, newest first, paged; read-only. It says what kind of
    record went, its case number, when, on whose approval and by which year's list: never whose it was."""
    policy = policy_for(request)
    policy.require(Capability.OVERSEE, hidden=True)  # before the method: to everyone else the page does not exist
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    cullings = Culling.objects.select_related("approved_by", "retention_list").order_by("-at", "-id")
    year = request.GET.get("ar", "")
    if year.isdigit():
        cullings = cullings.filter(retention_list__year=year)
    page = exact_page(cullings, request.GET.get("sida"), PER_PAGE)
    context = {
        "page": page,
        "rows": page.object_list,
        "year": int(year) if year.isdigit() else None,
        "years": list(RetentionList.objects.filter(cullings__isnull=False).distinct().values_list("year", flat=True)),
    }
    return render(request, "cases/culling_log.html", context)
