"""The joint meeting with a landlord (samverkansmöte): planned by the team lead, its agenda on screen and printed,
the landlord's late payers brought to it, and the meeting as held. Every page is the eviction team's only: anyone
else gets 404 for a page with an id."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import capability_required, policy_for
from evictions import agenda as agendas
from evictions import meetings, selectors
from evictions.meeting_forms import LatePayerForm, MeetingPlanForm, MeetingRecordForm
from evictions.models import LandlordMeeting
from kompotten.capabilities import Capability
from kompotten.form_pages import add_service_errors, form_page
from kompotten.models import User
from kompotten.paging import PAGE
from kompotten.pdf import render_pdf

UPCOMING, PAST = "kommande", "tidigare"  # ?visa=: the meetings ahead (the default) or those behind


def _team_lead_only(request) -> None:
    if not meetings.leads_eviction_team(request.user):
        raise PermissionDenied


@capability_required(Capability.WORK_EVICTIONS)
def meeting_plan(request):
    _team_lead_only(request)
    form = MeetingPlanForm(request.POST or None, initial={"landlord": request.GET.get("hyresvard")})

    def submit(data):
        meeting = meetings.meeting_plan(acting_user=request.user, today=timezone.localdate(), **data)
        return _("Mötet är planerat."), reverse("evictions:meeting_detail", args=[meeting.pk])

    return form_page(
        request,
        form,
        title=_("Planera samverkansmöte"),
        submit=submit,
        back_url=reverse("evictions:meeting"),
        back_label=_("Samverkansmöte med hyresvärd"),
    )


@capability_required(Capability.WORK_EVICTIONS, hidden=True)
def meeting_list(request):
    """Every joint meeting across landlords, a page at a time: the upcoming ones (nearest first) or, with
    `?visa=tidigare`, the past ones (latest first); `?hyresvard=` narrows it to one landlord."""
    today = timezone.localdate()
    params = request.GET
    past = params.get("visa") == PAST
    landlords = selectors.meeting_landlords_with_meetings()
    chosen = next((landlord for landlord in landlords if str(landlord.pk) == params.get("hyresvard")), None)
    page = selectors.meeting_overview(policy_for(request), today, past=past, landlord=chosen, page=params.get(PAGE, 1))
    context = {
        "page": page,
        "past": past,
        "shown": PAST if past else UPCOMING,
        "shows": [(UPCOMING, _("Kommande möten")), (PAST, _("Tidigare möten"))],
        "landlords": landlords,
        "chosen": chosen,
        "today": today,
        "may_plan": meetings.leads_eviction_team(request.user),
    }
    return render(request, "evictions/meeting_list.html", context)


def _meeting_or_404(request, pk) -> LandlordMeeting:
    policy_for(request).require(Capability.WORK_EVICTIONS, hidden=True)
    return get_object_or_404(LandlordMeeting.objects.select_related("landlord"), pk=pk)


def meeting_detail(request, pk):
    """The agenda, and the form that records the meeting as held (until it is recorded)."""
    meeting = _meeting_or_404(request, pk)
    today = timezone.localdate()
    agenda = agendas.agenda_for(policy_for(request), meeting, today)
    form = None
    if agenda.minutes is None:
        form = MeetingRecordForm(
            request.POST if request.method == "POST" else None,
            staff=User.objects.filter(unit=request.user.unit, is_active=True).order_by("first_name", "last_name"),
            landlord_contacts=meeting.landlord.contacts.all(),
            rows=agenda.rows,
            initial={"staff": [request.user.pk]},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                meetings.meeting_record(
                    meeting=meeting,
                    held_on=data["held_on"],
                    staff=list(data["staff"]),
                    landlord_contacts=list(data["landlord_contacts"]),
                    agreements=[meetings.AgreementInput(*agreement) for agreement in form.agreements()],
                    acting_user=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Mötet är protokollfört."))
                return redirect("evictions:meeting_detail", pk=meeting.pk)
    context = {"agenda": agenda, "form": form, "may_plan": meetings.leads_eviction_team(request.user)}
    status = 400 if form is not None and form.errors else 200
    return render(request, "evictions/meeting_detail.html", context, status=status)


def meeting_agenda_pdf(request, pk):
    """The agenda to print and bring: no protected address, only files whose consent covers the landlord."""
    meeting = _meeting_or_404(request, pk)
    today = timezone.localdate()
    context = {"agenda": agendas.agenda_for(policy_for(request), meeting, today), "unit": request.user.unit}
    context["today"] = today
    response = HttpResponse(render_pdf("evictions/meeting_agenda_pdf.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="dagordning-{meeting.pk}.pdf"'
    return response


def late_payer_add(request, pk):
    meeting = _meeting_or_404(request, pk)
    form = LatePayerForm(request.POST or None)

    def submit(data):
        meetings.late_payer_add(meeting=meeting, data=meetings.LatePayerInput(**data), acting_user=request.user)
        return _("Den sena betalaren är registrerad.")

    return form_page(
        request,
        form,
        title=_("Sen betalare från hyresvärdens lista"),
        caption=f"{meeting.landlord.name} {meeting.meets_on:%Y-%m-%d}",
        lead=_("Hyresgäster som inte har betalat hyran men ännu inte sagts upp. Namn sparas bara med samtycke."),
        submit=submit,
        back_url=reverse("evictions:meeting_detail", args=[meeting.pk]),
        back_label=_("Tillbaka till mötet"),
    )
