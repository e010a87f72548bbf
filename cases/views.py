from django.contrib.auth.decorators import permission_required
from django.shortcuts import render


@permission_required("kompotten.work_relocation", raise_exception=True)
def nexus_start(request):
    return render(request, "cases/nexus_start.html")


@permission_required("kompotten.partner_portal", raise_exception=True)
def partner_start(request):
    return render(request, "cases/partner_start.html")
