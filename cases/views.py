"""Thin views: fetch through the access policy (404 if not visible), validate a form, call one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases import case_history as history
from cases import outgoing, selectors, services
from cases.access import capability_required, policy_for
from cases.filters import CaseFilters
from cases.forms import (
    AccessRequestForm,
    AssignForm,
    DeadlineForm,
    DocumentForm,
    ExtendForm,
    NoteEditForm,
    NoteForm,
    PersonForm,
    ReasonForm,
)
from cases.models import Case, Deadline
from kompotten.capabilities import Capability
from kompotten.form_pages import form_page, next_url
from kompotten.models import User
from kompotten.paging import PAGE, query_with


@capability_required(Capability.PARTNER_PORTAL)
def partner_start(request):
    policy = policy_for(request)
    page, rows = selectors.case_list(policy, CaseFilters(policy=policy))
    return render(request, "cases/partner_start.html", {"rows": rows})


def case_list(request):
    params, policy = request.GET, policy_for(request)
    filters = CaseFilters(params, policy=policy)
    page, rows = selectors.case_list(policy, filters, page=params.get(PAGE, 1))
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters.values,
            "filter_form": filters.form,
            "kinds": Case.Kind.choices,
            "query_without_sort": query_with(params, without=("sortera",)),
        },
    )


def case_detail(request, pk):
    policy = policy_for(request)
    case = policy.get_or_404(policy.our_cases(), pk=pk)
    may_request_access = policy.may_request_access(case)
    context = {
        "detail": selectors.case_detail(policy, case),
        "can_work": policy.holds(Capability.CASEWORK),
        "can_open_emergency": policy.may_open_emergency(case),
        "can_assign": policy.can_assign(case),
        "may_request_access": may_request_access,
        "open_access_request": selectors.open_access_request(policy, case) if may_request_access else None,
        "note_form": NoteForm(),
        "needs_fixing": outgoing.needs_fixing(policy, case),
    }
    return render(request, "cases/case_detail.html", context)


def case_history(request, pk):
    """The change history as a readable timeline: internal, so a partner's view of the case has none."""
    policy = policy_for(request)
    case = policy.get_or_404(policy.our_cases(), pk=pk)
    lines = history.case_history(case, text_visible=policy.case_text_visible(case))
    return render(request, "cases/case_history.html", {"case": case, "lines": lines})


# `?fran=forfragan` on a form of a relocation case: the form goes back to the request page it was opened from.
FROM_REQUEST = "forfragan"


def _back_to(request, case) -> tuple[str, str]:
    if request.GET.get("fran") == FROM_REQUEST and case.kind == Case.Kind.RELOCATION:
        return reverse("cases:relocation_detail", args=[case.pk]), _("Tillbaka till förfrågan %(number)s") % {
            "number": case.number
        }
    return reverse("cases:case_detail", args=[case.pk]), _("Tillbaka till ärende %(number)s") % {"number": case.number}


def _case_form_view(request, pk, form_class, title, submit, *, files=False, **form_kwargs):
    """A form on a case the user may work on; `submit(case, cleaned_data)`."""
    policy = policy_for(request)
    case = policy.get_or_404(policy.our_cases(), pk=pk, may=Capability.CASEWORK)
    data = request.POST if request.method == "POST" else None
    form = form_class(data, (request.FILES if files else None), **form_kwargs)
    back_url, back_label = _back_to(request, case)
    return form_page(
        request,
        form,
        title=title,
        submit=lambda cleaned: submit(case, cleaned),
        back_url=back_url,
        back_label=back_label,
        caption=_("Ärende %(number)s") % {"number": case.number},
        files=files,
    )


def _write_note(request, pk, *, title, done, corrects=None):
    def submit(case, data):
        services.note_add(case=case, acting_user=request.user, corrects=corrects, **data)
        return done

    return _case_form_view(request, pk, NoteForm, title, submit)


def note_add(request, pk):
    return _write_note(request, pk, title=_("Ny journalanteckning"), done=_("Anteckningen är sparad."))


def note_correct(request, pk, note_pk):
    """A correction is a new note pointing at the one it corrects."""
    policy = policy_for(request)
    case = policy.get_or_404(policy.our_cases(), pk=pk, may=Capability.CASEWORK)
    corrected = get_object_or_404(policy.notes(case), pk=note_pk)
    title = _("Rättelse av journalanteckning")
    return _write_note(request, pk, title=title, done=_("Rättelsen är sparad."), corrects=corrected)


def note_edit(request, pk, note_pk):
    policy = policy_for(request)
    case = policy.get_or_404(policy.our_cases(), pk=pk, may=Capability.CASEWORK)
    note = get_object_or_404(policy.notes(case), pk=note_pk)
    if not note.editable_by(request.user):
        messages.error(request, _("Tiden för att ändra anteckningen har gått ut. Skriv en rättelse i stället."))
        return redirect("cases:note_correct", pk=case.pk, note_pk=note.pk)

    def submit(case, data):
        services.note_edit(note=note, text=data["text"], acting_user=request.user)
        return _("Anteckningen är ändrad.")

    return _case_form_view(request, pk, NoteEditForm, _("Ändra journalanteckning"), submit, initial={"text": note.text})


def document_add(request, pk):
    def submit(case, data):
        services.document_add(
            case=case,
            uploaded_file=data["file"],
            title=data["title"],
            type=data["type"],
            document_date=data["document_date"],
            shared_with_partners=data["shared_with_partners"],
            reviewed=data["reviewed"],
            acting_user=request.user,
        )
        return _("Dokumentet är sparat.")

    return _case_form_view(request, pk, DocumentForm, _("Lägg till dokument"), submit, files=True)


def document_download(request, pk, document_pk):
    policy = policy_for(request)
    case = policy.get_or_404(Case, pk=pk)
    document = get_object_or_404(policy.documents(case), pk=document_pk)
    leaving = outgoing.document_download_texts(case, document)
    if policy.is_partner and outgoing.refusals(case, leaving):
        raise Http404  # its title or its text may not leave now: withheld from the request page, and not found here
    policy.log_download(case, document.title)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


def deadline_add(request, pk):
    def submit(case, data):
        services.deadline_set(
            case=case,
            label=data["label"],
            starts_on=data["starts_on"],
            acting_user=request.user,
            **{data["unit"]: data["length"]},
        )
        return _("Tidsfristen är satt.")

    return _case_form_view(request, pk, DeadlineForm, _("Ny tidsfrist"), submit)


DEADLINE_ACTIONS = {
    "pausa": (
        ReasonForm,
        lambda d, data, user: services.deadline_pause(deadline=d, reason=data["reason"], acting_user=user),
    ),
    "ateruppta": (
        ReasonForm,
        lambda d, data, user: services.deadline_resume(deadline=d, reason=data["reason"], acting_user=user),
    ),
    "forlang": (
        ExtendForm,
        lambda d, data, user: services.deadline_extend(
            deadline=d, new_due_on=data["new_due_on"], reason=data["reason"], acting_user=user
        ),
    ),
}


def deadline_change(request, pk, deadline_pk, action):
    policy = policy_for(request)
    case = policy.get_or_404(policy.our_cases(), pk=pk, may=Capability.CASEWORK)
    deadline = get_object_or_404(Deadline, case=case, pk=deadline_pk)
    if action == "klar":
        if request.method != "POST":
            return redirect("cases:case_detail", pk=case.pk)
        try:
            services.deadline_mark_met(deadline=deadline, acting_user=request.user)
            messages.success(request, _("Tidsfristen är markerad som klar."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("cases:case_detail", pk=case.pk)
    if action not in DEADLINE_ACTIONS:
        return redirect("cases:case_detail", pk=case.pk)
    form_class, apply = DEADLINE_ACTIONS[action]

    def submit(case, data):
        apply(deadline, data, request.user)
        return _("Tidsfristen är ändrad.")

    return _case_form_view(request, pk, form_class, _("Ändra tidsfrist"), submit)


def handler_assign(request, pk):
    """A page of its own: the choice lists the unit's caseworkers, too many to render on every view of the case page.
    `?anvandare=<id>` preselects the one who asked for access; `?next=<path>` returns there instead of the case."""
    policy = policy_for(request)
    case = policy.get_or_404(policy.our_cases(), pk=pk, may=policy.can_assign)
    protected = policy.case_is_protected(case)
    came_from = next_url(request)  # a list (the housing unit's inbox): back to it, to assign the next one
    initial = {"user": request.GET.get("anvandare")} if request.GET.get("anvandare", "").isdigit() else {}
    form = AssignForm(
        request.POST if request.method == "POST" else None,
        case=case,
        protected=protected,
        acting_user=request.user,
        initial=initial,
    )

    def submit(data):
        services.case_assign_handler(case=case, user=data["user"], acting_user=request.user, reason=data["reason"])
        return _("Handläggaren är tilldelad.")

    return form_page(
        request,
        form,
        title=_("Tilldela handläggare"),
        submit=submit,
        back_url=came_from or reverse("cases:case_detail", args=[case.pk]),
        back_label=_("Tillbaka") if came_from else _("Tillbaka till ärende %(number)s") % {"number": case.number},
        caption=_("Ärende %(number)s") % {"number": case.number},
        lead=_("Bara handläggare i ärendets enhet (%(unit)s) kan tilldelas.") % {"unit": case.unit.name},
        submit_label=_("Tilldela"),
    )


def access_request(request, pk):
    """ "Begär åtkomst": a caseworker of the unit asks the team lead for a case with a protected person."""
    policy = policy_for(request)
    case = policy.get_or_404(policy.our_cases(), pk=pk, may=policy.may_request_access)

    def submit(data):
        services.access_request_open(case=case, reason=data["reason"], acting_user=request.user)
        return _("Din begäran om åtkomst är skickad till gruppledaren.")

    return form_page(
        request,
        AccessRequestForm(request.POST if request.method == "POST" else None),
        title=_("Begär åtkomst"),
        submit=submit,
        back_url=reverse("cases:case_detail", args=[case.pk]),
        back_label=_("Tillbaka till ärende %(number)s") % {"number": case.number},
        caption=_("Ärende %(number)s") % {"number": case.number},
        lead=_(
            "Ärendet har en person med skyddade personuppgifter. Gruppledaren ger åtkomst genom att tilldela "
            "dig ärendet; du kan inte ta den själv."
        ),
        submit_label=_("Skicka begäran"),
    )


@capability_required(Capability.LEAD_TEAM)
def workload(request):
    """The team lead's view of the unit: caseworkers with their open cases, the unassigned cases, the requests, the
    handlers waiting for their access to a protected person who joined their case."""
    policy = policy_for(request)
    page, unassigned = selectors.unassigned_cases(policy, page=request.GET.get(PAGE, 1))
    context = {
        "caseworkers": selectors.unit_workload(policy),
        "page": page,
        "unassigned": unassigned,
        "requests": selectors.open_access_requests(policy),
        "awaiting": selectors.awaiting_confirmation(policy),
    }
    return render(request, "cases/workload.html", context)


def handler_unassign(request, pk, user_pk):
    """Those who assign take handlers off; a handler may also step down herself (giving a grant up is never taking)."""
    policy = policy_for(request)
    stepping_down = user_pk == request.user.pk and policy.holds(Capability.CASEWORK)
    case = policy.get_or_404(policy.our_cases(), pk=pk, may=lambda case: stepping_down or policy.can_assign(case))
    user = get_object_or_404(User, pk=user_pk, assigned_cases=case)
    if request.method != "POST":
        return redirect("cases:case_detail", pk=case.pk)
    try:
        services.case_unassign_handler(case=case, user=user, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Handläggaren är borttagen från ärendet."))
    return redirect("cases:case_detail", pk=case.pk)


def person_add(request, pk):
    def submit(case, data):
        role = data.pop("role")
        person = services.person_register(acting_user=request.user, **data)
        services.case_add_person(case=case, person=person, role=role, acting_user=request.user)
        return _("Personen är registrerad i ärendet.")

    return _case_form_view(request, pk, PersonForm, _("Registrera person i ärendet"), submit)
