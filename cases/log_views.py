"""Pages of emergency access and of the access log (for managers): thin, through the policy and log_review."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import log_review, services
from cases.access import policy_for
from cases.forms import AccessReviewForm, EmergencyAccessForm, EmergencyReviewForm
from cases.models import AccessLogEntry, Case, EmergencyAccess
from cases.presentation import present
from kompotten.capabilities import Capability
from kompotten.lockout import client_ip_address
from kompotten.organisations import host_municipality
from kompotten.pdf import render_pdf


def emergency_access(request, pk, party_pk):
    policy = policy_for(request)
    case = policy.get_or_404(Case, pk=pk)
    party = policy.get_or_404(
        case.parties.select_related("person"), pk=party_pk, may=lambda party: policy.may_open_emergency(case)
    )
    if policy.identity_visible(party.person, case):
        return redirect("cases:case_detail", pk=case.pk)
    form = EmergencyAccessForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.emergency_access_open(
                party=party,
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
                ip_address=client_ip_address(request),
            )
        except ValidationError as error:
            form.add_error("reason", error.message_dict.get("reason", error.messages))
        else:
            messages.warning(request, _("Nödåtkomst öppnad. Åtkomsten är loggad och granskas av en chef."))
            return redirect("cases:case_detail", pk=case.pk)
    context = {"case": case, "form": form, "role": party.get_role_display()}
    return render(request, "cases/emergency_access.html", context, status=400 if form.errors else 200)


def access_log(request):
    policy = policy_for(request)
    person = log_review.logged_person_or_404(policy, request.GET["person"]) if request.GET.get("person") else None
    user = log_review.logged_user_or_404(policy, request.GET["anvandare"]) if request.GET.get("anvandare") else None
    page, rows = log_review.log_page(policy, request.GET, person_id=person and person.pk, user_id=user and user.pk)
    context = {
        "page": page,
        "rows": rows,
        "person": present(policy, person) if person else None,
        "person_pk": person.pk if person else None,
        "filtered_user": user,
    }
    return render(request, "cases/access_log.html", context)


def access_review(request):
    policy = policy_for(request)
    policy.require(Capability.OVERSEE, hidden=True)
    start, end = log_review.month_period(request.GET.get("manad") or request.POST.get("manad"))
    form = AccessReviewForm(
        request.POST if request.method == "POST" else None, initial={"period_start": start, "period_end": end}
    )
    if form.is_valid():
        try:
            services.access_review_record(
                municipality=request.user.unit.municipality,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                findings=form.cleaned_data["findings"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Granskningen är registrerad."))
            return redirect(f"{request.path}?manad={start:%Y-%m}")
    summary = log_review.review(policy, start, end)
    context = {"summary": summary, "form": form, "month": f"{start:%Y-%m}", "review_form": EmergencyReviewForm()}
    return render(request, "cases/access_review.html", context, status=400 if form.errors else 200)


def grant_events(request):
    """Beviljade behörigheter: every grant given or revoked in a month, for the managers' review."""
    policy = policy_for(request)
    policy.require(Capability.OVERSEE, hidden=True)
    start, end = log_review.month_period(request.GET.get("manad"))
    protected_only = request.GET.get("alla") != "1"
    page, rows = log_review.grant_page(policy, request.GET, start, end, protected_only=protected_only)
    context = {"page": page, "rows": rows, "month": f"{start:%Y-%m}", "protected_only": protected_only}
    context |= {"period_start": start, "period_end": end}
    return render(request, "cases/grant_events.html", context)


def emergency_access_review(request, access_pk):
    policy = policy_for(request)
    policy.require(Capability.OVERSEE, hidden=True)
    municipality_id = request.user.unit.municipality_id
    access = get_object_or_404(EmergencyAccess, pk=access_pk, user__unit__municipality_id=municipality_id)
    if request.method == "POST":
        form = EmergencyReviewForm(request.POST)
        if form.is_valid():
            try:
                services.emergency_access_mark_reviewed(
                    access=access, note=form.cleaned_data["note"], acting_user=request.user
                )
                messages.success(request, _("Nödåtkomsten är markerad som granskad."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
    return redirect("cases:access_review")


def log_extract_pdf(request, person_pk):
    """The log extract (loggutdrag) for one person as PDF; the download itself is logged."""
    policy = policy_for(request)
    person = log_review.logged_person_or_404(policy, person_pk)
    entries = log_review.entries(policy).filter(person=person)
    context = {
        "person": present(policy, person),
        "person_pk": person.pk,
        "entries": list(entries),
        "created_at": timezone.localtime(),
        "created_by": request.user,
        "product_name": settings.PRODUCT_NAME,
        "host_municipality_name": host_municipality().name,
    }
    pdf = render_pdf("cases/log_extract_pdf.html", context)
    policy.log(AccessLogEntry.Action.DOWNLOAD_PDF, person=person, case=None, what=_("Loggutdrag"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="loggutdrag-person-{person.pk}.pdf"'
    return response
