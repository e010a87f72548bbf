"""The report pages: ask for a report, follow its run, download or retry it. Managers only: 404 for anyone else,
whatever the method (so nobody learns that a URL exists), then 405 for a method the page does not take."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.access import capability_required, policy_for
from cases.storage import private_storage
from kompotten.capabilities import Capability
from kompotten.lockout import client_ip_address
from kompotten.paging import PAGE, counted_page
from reports import dashboard as dashboard_data
from reports import selectors, services
from reports.forms import FIELD_FOR, FORMS
from reports.models import RunState

PAGE_SIZE = 25
RECENT = 5


@capability_required(Capability.VIEW_REPORTS, hidden=True)
@require_http_methods(["GET"])
def start(request):
    return _start_page(request, {})


def _start_page(request, bound: dict, status: int = 200):
    forms = {kind: bound.get(kind) or form_class() for kind, form_class in FORMS.items()}
    runs = selectors.visible_runs(request.user)[:RECENT]
    return render(request, "reports/start.html", {"forms": forms, "runs": runs}, status=status)


@capability_required(Capability.VIEW_REPORTS, hidden=True)
@require_http_methods(["POST"])
def run_create(request):
    form_class = FORMS.get(request.POST.get("kind", ""))
    if form_class is None:
        raise Http404
    form = form_class(request.POST)
    if form.is_valid():
        start_day, end_day, file_format = form.period()
        try:
            run = services.report_run_request(
                kind=form_class.kind,
                period_start=start_day,
                period_end=end_day,
                file_format=file_format,
                acting_user=request.user,
                commentary=form.cleaned_data.get("commentary", ""),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Rapporten är beställd. Den skapas i bakgrunden; du kan lämna sidan."))
            return redirect("reports:run_detail", pk=run.pk)
    return _start_page(request, {form_class.kind.value: form}, status=400)


def _add_service_errors(form, error: ValidationError) -> None:
    for name, messages_ in error.message_dict.items():
        field = FIELD_FOR.get(name, {}).get(form.kind.value)
        for message in messages_:
            form.add_error(field, message)


@capability_required(Capability.VIEW_REPORTS, hidden=True)
@require_http_methods(["GET"])
def run_list(request):
    runs = selectors.visible_runs(request.user)
    page = counted_page(runs, request.GET.get(PAGE), PAGE_SIZE)
    return render(request, "reports/run_list.html", {"page": page, "runs": page.object_list})


@capability_required(Capability.VIEW_REPORTS, hidden=True)
@require_http_methods(["GET"])
def run_detail(request, pk):
    run = selectors.run_or_404(request.user, pk)
    return render(request, "reports/run_detail.html", {"run": run})


@capability_required(Capability.VIEW_REPORTS, hidden=True)
@require_http_methods(["GET"])
def run_status(request, pk):
    """What the run page's script polls: state, progress and step, and where to go when it has finished."""
    run = selectors.run_or_404(request.user, pk)
    return JsonResponse(
        {
            "state": run.state,
            "state_label": run.get_state_display(),
            "progress": run.progress,
            "step": run.step,
            "finished": run.is_finished,
        }
    )


@capability_required(Capability.VIEW_REPORTS, hidden=True)
@require_http_methods(["POST"])
def run_retry(request, pk):
    run = selectors.run_or_404(request.user, pk)
    try:
        services.report_run_retry(run=run, acting_user=request.user)
        messages.success(request, _("Rapporten skapas igen."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("reports:run_detail", pk=run.pk)


@capability_required(Capability.VIEW_REPORTS, hidden=True)
@require_http_methods(["GET"])
def run_download(request, pk):
    """The finished file, checked and logged. Only a ready run has a file (a database constraint holds that)."""
    run = selectors.run_or_404(request.user, pk)
    if run.state != RunState.READY:
        raise Http404
    handle = private_storage().open(run.file_name, "rb")
    services.report_download_record(run=run, user=request.user, ip_address=client_ip_address(request))
    response = FileResponse(handle, as_attachment=True, filename=run.download_name, content_type=run.content_type)
    response["X-Content-SHA256"] = run.checksum
    return response


@capability_required(Capability.VIEW_REPORTS, hidden=True)
def dashboard(request):
    """Managers only: to anyone else the page does not exist."""
    data = dashboard_data.dashboard(policy_for(request), timezone.localdate())
    return render(request, "reports/dashboard.html", {"dashboard": data})
