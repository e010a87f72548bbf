from django.contrib.auth.decorators import permission_required
from django.shortcuts import render


@permission_required("kompotten.work_housing", raise_exception=True)
def start(request):
    return render(request, "housing/start.html")
