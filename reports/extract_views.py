"""The pages of a person's register extract (registerutdrag): ask for one, follow it, make a failed one again,
read its PDF, check it and release it. For caseworkers who may open the person, through the access policy: 404 for
anyone who may not (as for an extract that does not exist), 403 for a user who sees the person but does not work
cases (a manager). Every page
naming the person is in the access log as the person page is, and every opening of the PDF as a download. The
policy answers first, so a method a page does not take is 405 only for those who may open it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases.access import policy_for
from cases.models import AccessLogEntry, Person
from cases.presentation import present
from cases.storage import private_storage
from kompotten.capabilities import Capability
from kompotten.form_pages import add_service_errors
from reports import selectors, services
from reports.forms import RegisterExtractForm
from reports.models import RunState

ACTIONS = {"check": services.register_extract_check, "release": services.register_extract_release}


def person_extracts(request, person_pk):
    policy = policy_for(request)
    person = policy.get_or_404(Person, pk=person_pk, may=Capability.CASEWORK)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = RegisterExtractForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            extract = services.register_extract_request(person=person, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Registerutdraget är beställt. Det skapas i bakgrunden; du kan lämna sidan."))
            return redirect("reports:extract_detail", pk=extract.pk)
    context = {"person": present(policy, person), "extracts": selectors.person_extracts(person), "form": form}
    return render(request, "reports/person_extracts.html", context, status=400 if form.errors else 200)


def extract_detail(request, pk):
    """The extract's status; its POST marks it checked or releases it (`action`)."""
    policy = policy_for(request)
    extract = selectors.extract_or_404(policy, pk, may=Capability.CASEWORK)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    status = 200
    if request.method == "POST":
        service = ACTIONS.get(request.POST.get("action", ""))
        if service is not None:
            try:
                service(extract=extract, acting_user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                done = (
                    _("Utdraget är markerat som kontrollerat.")
                    if service is ACTIONS["check"]
                    else _("Utdraget är utlämnat.")
                )
                messages.success(request, done)
            return redirect("reports:extract_detail", pk=extract.pk)
        messages.error(request, _("Välj om utdraget ska markeras som kontrollerat eller lämnas ut."))
        status = 400
    context = {"extract": extract, "person": present(policy, extract.person), "run": extract.run}
    return render(request, "reports/extract_detail.html", context, status=status)


def extract_retry(request, pk):
    """A failed extract made again, by a caseworker who may order one for the person (the policy answers first: 404
    for anyone who may not open her); POST only."""
    policy = policy_for(request)
    extract = selectors.extract_or_404(policy, pk, may=Capability.CASEWORK)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.register_extract_retry(extract=extract, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Utdraget skapas igen i bakgrunden. Du kan lämna sidan."))
    return redirect("reports:extract_detail", pk=extract.pk)


def extract_pdf(request, pk):
    """The extract's PDF, once made; opening it is logged (the check asks the log whether the checker read it)."""
    policy = policy_for(request)
    extract = selectors.extract_or_404(policy, pk, may=Capability.CASEWORK)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if extract.run.state != RunState.READY:
        raise Http404
    with private_storage().open(extract.run.file_name, "rb") as handle:
        content = handle.read()
    policy.log(AccessLogEntry.Action.DOWNLOAD_PDF, person=extract.person, case=None, what=extract.log_label)
    response = HttpResponse(content, content_type=extract.run.content_type)
    response["Content-Disposition"] = f'attachment; filename="registerutdrag-{extract.pk}.pdf"'
    return response
