"""The one small-form page every app uses: show the form, call one service on a valid POST, go on.

A `ValidationError` raised by the service is shown on the form (on its field when the form has one) with the user's
input kept, and the page answers 400, like a form that failed its own validation.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request) -> str:
    """Where the user came from (`next` in the form or the query), if it is a page of this site; else ""."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return ""


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def form_page(
    request,
    form,
    *,
    title: str,
    submit: Callable[[dict], str | tuple[str, str]],
    back_url: str,
    back_label: str,
    caption: str = "",
    lead: str = "",
    submit_label: str = "",
    files: bool = False,
):
    """`submit(cleaned_data)` returns the success message, and the page goes back to `back_url`; or it returns
    `(message, url)` when the next page depends on what was saved."""
    if request.method == "POST" and form.is_valid():
        try:
            result = submit(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            message, url = result if isinstance(result, tuple) else (result, back_url)
            messages.success(request, message)
            return redirect(url)
    context = {
        "form": form,
        "title": title,
        "back_url": back_url,
        "back_label": back_label,
        "caption": caption,
        "lead": lead,
        "submit_label": submit_label,
        "files": files,
    }
    return render(request, "form_page.html", context, status=400 if form.errors else 200)
