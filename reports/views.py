from django.contrib.auth.decorators import permission_required
from django.shortcuts import render


@permission_required("kompotten.view_reports", raise_exception=True)
def start(request):
    return render(request, "reports/start.html")
