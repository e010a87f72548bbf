"""Eviction prevention's start page, lists, one file and registering a notice, and the helpers every `*_views`
module of the app shares. Thin views: fetch through the access policy (404 if not visible), validate, call one
service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cases.access import capability_required, policy_for
from cases.calendar import due_horizon
from cases.models import Case, Landlord
from cases.selectors import awaiting_confirmation, my_open_cases, unassigned_cases
from evictions import registration, selectors, services
from evictions.filters import FileFilters
from evictions.forms import (
    ChildFormSet,
    NoticeForm,
    OtherUnitForm,
    RegisterCheckForm,
    register_facts,
)
from evictions.models import EvictionFile, Notice, OtherUnitContact
from evictions.workflow import FileStatus
from kompotten.capabilities import Capability
from kompotten.form_pages import add_service_errors, form_page
from kompotten.models import Unit
from kompotten.paging import PAGE


@capability_required(Capability.WORK_EVICTIONS)
def start(request):
    policy, today = policy_for(request), timezone.localdate()
    context = {
        "rows": my_open_cases(policy, kind=Case.Kind.EVICTION),
        "due_count": selectors.due_count(policy, today),
        "visit_count": selectors.booked_visit_count(policy, today),
        "passed_count": selectors.passed_recovery_count(policy, today),
        "escalated_count": selectors.escalated_count(policy),
    }
    return render(request, "evictions/start.html", context)


@capability_required(Capability.WORK_EVICTIONS)
def file_list(request):
    params, policy = request.GET, policy_for(request)
    filters = FileFilters(params, policy=policy)
    page, rows = selectors.file_list(policy, filters, page=params.get(PAGE, 1))
    context = {
        "page": page,
        "rows": rows,
        "filters": filters.values,
        "filter_form": filters.form,
        "statuses": FileStatus.choices,
        "districts": selectors.districts(),
    }
    return render(request, "evictions/file_list.html", context)


@capability_required(Capability.WORK_EVICTIONS)
def due_list(request):
    policy, today = policy_for(request), timezone.localdate()
    page, rows = selectors.due_list(policy, today=today, page=request.GET.get(PAGE, 1))
    visits, visit_count = selectors.booked_visits(policy, today=today)
    passed, passed_count = selectors.passed_recovery_periods(policy, today=today)
    context = {
        "page": page,
        "rows": rows,
        "visits": visits,
        "visit_count": visit_count,
        "passed": passed,
        "passed_count": passed_count,
        "horizon": due_horizon(today),
        "leads_team": policy.leads_team,
    }
    if policy.leads_team:  # files nobody handles yet, a protected tenant's among them: hers to assign
        waiting_page, context["waiting"] = unassigned_cases(policy)
        context["waiting_count"] = waiting_page.paginator.count
        context["awaiting"] = awaiting_confirmation(policy)  # and handlers' access to a protected person who joined
    return render(request, "evictions/due_list.html", context)


@capability_required(Capability.WORK_EVICTIONS)
def escalations(request):
    policy = policy_for(request)
    page, rows = selectors.escalated_files(policy, page=request.GET.get(PAGE, 1))
    context = {"page": page, "rows": rows}
    context["leads_team"] = policy.leads_team
    return render(request, "evictions/escalations.html", context)


@capability_required(Capability.WORK_EVICTIONS)
def routed_notices(request):
    page, rows = selectors.routed_notices(policy_for(request), page=request.GET.get(PAGE, 1))
    context = {"page": page, "rows": rows}
    return render(request, "evictions/routed_notices.html", context)


def file_detail(request, pk):
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk)
    can_work = policy.holds(Capability.CASEWORK)
    context = {
        "detail": selectors.file_detail(policy, file, today=timezone.localdate()),
        "can_work": can_work,
        "other_unit_form": OtherUnitForm() if can_work else None,
    }
    return render(request, "evictions/file_detail.html", context)


def escalation_clear(request, pk):
    """The team lead has seen the flag: visible to the team (404 otherwise), cleared by its lead only (403)."""
    policy = policy_for(request)
    leads_this_team = policy.holds(Capability.CASEWORK) and policy.leads_team
    file = selectors.get_file_or_404(policy, pk, may=lambda file: leads_this_team)
    if request.method != "POST":
        return redirect("evictions:escalations")
    try:
        services.file_escalation_clear(file=file, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Flaggan på ärende %(number)s är hanterad.") % {"number": file.case.number})
    return redirect("evictions:escalations")


@capability_required(Capability.WORK_EVICTIONS)
def notice_add(request):
    unit = policy_for(request).own_unit_of_kind(Unit.Kind.EVICTION_PREVENTION)
    form = NoticeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.notice_register(data=form.to_input(), unit=unit, acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_register(request, notice)
    context = {"form": form, "landlords": Landlord.objects.values_list("name", flat=True)}
    return render(request, "evictions/notice_form.html", context, status=400 if form.errors else 200)


def _after_register(request, notice: Notice):
    if notice.already_registered:
        return _already_registered(request, notice)
    if notice.routing == Notice.Routing.DISTRICT:
        messages.warning(
            request,
            _("Adressen hör till distriktet %(district)s. Underrättelsen är registrerad som vidarebefordrad dit.")
            % {"district": notice.district.name},
        )
        return redirect("evictions:routed_notices")
    if notice.routing == Notice.Routing.MUNICIPALITY:
        messages.warning(
            request,
            _("Adressen ligger i %(municipality)s. Underrättelsen är registrerad som vidarebefordrad dit.")
            % {"municipality": notice.routed_to_municipality.name},
        )
        return redirect("evictions:routed_notices")
    file = notice.file
    messages.add_message(request, *_registered_message(file))
    return redirect("evictions:file_detail", pk=file.case_id)


def _already_registered(request, notice: Notice):
    """The same notice was registered before (a second submit, or the landlord's list): nothing changed. Back to an
    empty form, with a link to where the notice is, when this user may open it."""
    text = _("Underrättelsen är redan registrerad.")
    if notice.file_id is None:
        link, label = reverse("evictions:routed_notices"), _("Se vidarebefordrade underrättelser")
    elif policy_for(request).our_cases().filter(pk=notice.file.case_id).exists():
        link = reverse("evictions:file_detail", args=[notice.file.case_id])
        label = _("Öppna ärende %(number)s") % {"number": notice.file.case.number}
    else:
        link = None
    if link:
        text = format_html('{} <a class="govuk-notification-banner__link" href="{}">{}</a>', text, link, label)
    messages.warning(request, text)
    return redirect("evictions:notice_add")


def _registered_message(file: EvictionFile) -> tuple[int, str]:
    number = {"number": file.case.number}
    if registration.awaiting_team_lead(EvictionFile.objects.filter(pk=file.pk)).exists():
        if file.case.assignments.exists():  # a protected person joined a handled file: the team lead confirms
            return messages.WARNING, _(
                "Underrättelsen är registrerad i ärende %(number)s. En person med skyddade personuppgifter tillkom i "
                "ärendet och visas för handläggaren först när gruppledaren har bekräftat åtkomsten."
            ) % number
        return messages.WARNING, _(
            "Underrättelsen är registrerad i ärende %(number)s. Ärendet gäller en person med skyddade "
            "personuppgifter och har gått till gruppledaren, som tilldelar en handläggare."
        ) % number
    if file.escalated and file.notices.count() > 1:
        return messages.WARNING, _(
            "Hushållet har fått en underrättelse tidigare. Underrättelsen lades till ärende %(number)s, "
            "som nu är flaggat för teamledaren."
        ) % number
    return messages.SUCCESS, _("Underrättelsen är registrerad i ärende %(number)s.") % number


def register_check(request, pk):
    """The population-register check: prefilled by a register integration when there is one, by hand otherwise."""
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk, may=Capability.CASEWORK)
    if request.method == "POST":
        form, children = RegisterCheckForm(request.POST), ChildFormSet(request.POST, prefix="barn")
        if form.is_valid() and children.is_valid():
            try:
                services.register_check_record(
                    file=file, facts=register_facts(form, children), acting_user=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Folkbokföringskontrollen är registrerad."))
                return redirect("evictions:file_detail", pk=file.case_id)
    else:
        facts = selectors.register_lookup(file)
        form = RegisterCheckForm(initial=_initial_check(facts))
        children = ChildFormSet(
            prefix="barn", initial=[{"age": c.age, "living": c.living} for c in facts.children] if facts else None
        )
    errors = bool(form.errors) or any(row.errors for row in children) or bool(children.non_form_errors())
    context = {"form": form, "children": children, "case": file.case}
    return render(request, "evictions/register_check.html", context, status=400 if errors else 200)


def _initial_check(facts) -> dict:
    if facts is None:
        return {"checked_on": timezone.localdate()}
    return {
        "checked_on": facts.checked_on,
        "registered_at_address": "ja" if facts.registered_at_address else "nej",
        "note": facts.note,
    }


def other_unit_add(request, pk):
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk, may=Capability.CASEWORK)
    if request.method != "POST":
        return redirect("evictions:file_detail", pk=file.case_id)
    form = OtherUnitForm(request.POST)
    if form.is_valid():
        try:
            services.other_unit_add(file=file, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Handläggaren är tillagd i listan att informera."))
            return redirect(f"{reverse('evictions:file_detail', args=[file.case_id])}#informera")
    detail = selectors.file_detail(policy, file, today=timezone.localdate())
    context = {"detail": detail, "can_work": True, "other_unit_form": form}
    return render(request, "evictions/file_detail.html", context, status=400)


def other_unit_informed(request, pk, contact_pk):
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk, may=Capability.CASEWORK)
    contact = get_object_or_404(OtherUnitContact, pk=contact_pk, file=file)
    if request.method == "POST":
        try:
            services.other_unit_mark_informed(contact=contact, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Markerad som informerad."))
    return redirect(f"{reverse('evictions:file_detail', args=[file.case_id])}#informera")


def file_form_page(request, form, file, *, title, submit, lead="", submit_label=""):
    """A small form about a file; after a valid POST the file's page."""
    return form_page(
        request,
        form,
        title=title,
        submit=submit,
        lead=lead,
        submit_label=submit_label,
        caption=_("Ärende %(number)s") % {"number": file.case.number},
        back_url=reverse("evictions:file_detail", args=[file.case_id]),
        back_label=_("Tillbaka till ärende %(number)s") % {"number": file.case.number},
    )


def file_form(request, pk, form_class, *, title, submit, initial=None, **page):
    """A form on a file the user may work on; `submit(file, cleaned_data)` returns the success message."""
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk, may=Capability.CASEWORK)
    form = form_class(request.POST or None, initial=initial(file) if initial else None)
    return file_form_page(request, form, file, title=title, submit=lambda data: submit(file, data), **page)
