from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from cases.access import policy_for
from cases.models import Case
from cases.selectors import my_open_cases


@permission_required("kompotten.work_evictions", raise_exception=True)
def start(request):
    rows = my_open_cases(policy_for(request), kind=Case.Kind.EVICTION)
    return render(request, "evictions/start.html", {"rows": rows})
