from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from cases.access import policy_for
from reports import dashboard as dashboard_data


@permission_required("kompotten.view_reports", raise_exception=True)
def start(request):
    return render(request, "reports/start.html")


def dashboard(request):
    """Managers only: to anyone else the page does not exist."""
    if not request.user.has_perm("kompotten.view_reports"):
        raise Http404
    data = dashboard_data.dashboard(policy_for(request), timezone.localdate())
    return render(request, "reports/dashboard.html", {"dashboard": data})
