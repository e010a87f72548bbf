"""The team's pages beyond one file: bulk intake of notices, the landlords' monthly meeting and the statistics."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import capability_required, policy_for
from cases.models import Landlord
from evictions import importing, selectors, services
from evictions import statistics as stats
from evictions.forms import (
    ImportForm,
)
from evictions.meetings import leads_eviction_team
from kompotten.capabilities import Capability
from kompotten.form_pages import add_service_errors
from kompotten.models import Unit
from kompotten.pdf import render_pdf


@capability_required(Capability.WORK_EVICTIONS)
def import_upload(request):
    unit = policy_for(request).own_unit_of_kind(Unit.Kind.EVICTION_PREVENTION)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            batch = services.import_batch_preview(
                raw=uploaded.read(), filename=uploaded.name, unit=unit, acting_user=request.user
            )
        except ValidationError as error:
            add_service_errors(form, ValidationError({"file": error.messages}))
        else:
            return redirect("evictions:import_detail", pk=batch.pk)
    context = {"form": form, "columns": importing.COLUMNS, "batches": selectors.import_batches(policy_for(request))}
    return render(request, "evictions/import_upload.html", context, status=400 if form.errors else 200)


def import_detail(request, pk):
    batch = selectors.get_import_batch_or_404(policy_for(request), pk)
    if request.method == "POST":
        try:
            services.import_batch_queue(batch=batch, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Importen är startad. Sidan visar när den är klar."))
        return redirect("evictions:import_detail", pk=batch.pk)
    preview = selectors.import_preview(policy_for(request), batch)
    context = {
        "batch": batch,
        "bad": preview.bad,
        "duplicates": preview.duplicates,
        "good": preview.good,
        "registered": preview.registered,
    }
    return render(request, "evictions/import_detail.html", context)


@capability_required(Capability.WORK_EVICTIONS)
def meeting(request):
    landlords = selectors.meeting_landlords()
    chosen = next((landlord for landlord in landlords if str(landlord.pk) == request.GET.get("hyresvard")), None)
    agenda = selectors.meeting_list(policy_for(request), chosen) if chosen else None
    context = {
        "landlords": landlords,
        "chosen": chosen,
        "agenda": agenda,
        "may_plan": leads_eviction_team(request.user),
    }
    return render(request, "evictions/meeting.html", context)


@capability_required(Capability.WORK_EVICTIONS, hidden=True)
def meeting_pdf(request, landlord_pk):
    """The meeting list to print and bring: no protected address, and only files whose consent allows it."""
    landlord = get_object_or_404(Landlord, pk=landlord_pk)
    agenda = selectors.meeting_list(policy_for(request), landlord)
    context = {"agenda": agenda, "unit": request.user.unit, "today": timezone.localdate()}
    response = HttpResponse(render_pdf("evictions/meeting_pdf.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="samverkansmote-{landlord.pk}.pdf"'
    return response


@capability_required(Capability.WORK_EVICTIONS, Capability.VIEW_REPORTS)
def statistics(request):
    today = timezone.localdate()
    year = int(request.GET["ar"]) if request.GET.get("ar", "").isdigit() else today.year
    data = stats.year_statistics(policy_for(request), year)
    breakdowns = [
        (_("Avsändare"), data.by_sender),
        (_("Typ av underrättelse"), data.by_kind),
        (_("Skäl"), data.by_reason),
        (_("Typ av hyresvärd"), data.by_landlord_kind),
        (_("Utfall vid avslut"), data.by_outcome),
        (_("Steg i kontakttrappan"), data.ladder_steps),
    ]
    context = {"stats": data, "years": stats.years(today), "breakdowns": breakdowns}
    return render(request, "evictions/statistics.html", context)
