from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from kompotten.forms import LoginForm
from kompotten.navigation import ROLE_START
from kompotten.roles import roles_of


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


def home(request):
    """Sends each user to what their role works on first."""
    for role in roles_of(request.user):
        return redirect(ROLE_START[role])
    return render(request, "kompotten/no_role.html")
