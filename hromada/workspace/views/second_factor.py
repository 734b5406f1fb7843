"""The second factor's pages: enrolment (secret, otpauth:// link, one code to confirm, ten recovery
codes shown once) and the page to regenerate recovery codes or reset the device (both after a code).
"""

from __future__ import annotations

import base64
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from hromada.accounts import second_factor, signin
from hromada.accounts.access import staff_member_required
from hromada.accounts.http import StaffRequest
from hromada.core.errors import ValidationFailed
from hromada.core.forms import add_domain_error


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the app"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": gettext_lazy("Enter the code.")},
    )


class ManageForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the app or a recovery code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        error_messages={"required": gettext_lazy("Enter the code.")},
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("workspace:dashboard")


# never_cache: the secret and the recovery codes are never kept by a browser or a proxy (no-store).
@sensitive_post_parameters("code")
@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def enrol(request: StaffRequest) -> HttpResponse:
    user = request.user
    if second_factor.has_device(user):
        return redirect("workspace:second-factor")
    device = second_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                codes = second_factor.confirm_enrolment(user=user, code=form.cleaned_data["code"])
            except ValidationFailed as exc:
                signin.record_failure(
                    username=user.get_username(), ip=signin.client_address(request), door="enrolment"
                )
                add_domain_error(form, exc)
            else:
                device.refresh_from_db()
                second_factor.mark_verified(request, device)
                done: dict[str, Any] = {"codes": codes, "next": _next(request), "enrolled": True}
                return render(request, "workspace/second_factor_codes.html", done)
    context: dict[str, Any] = {
        "form": form,
        "secret": base64.b32encode(device.bin_key).decode(),
        "uri": device.config_url,
        "next": _next(request),
        "required": second_factor.is_required(user),
    }
    return render(request, "workspace/second_factor_enrol.html", context, status=status)


@sensitive_post_parameters("code")
@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def manage(request: StaffRequest) -> HttpResponse:
    user = request.user
    if not second_factor.has_device(user):
        return redirect(f"{reverse('workspace:second-factor-enrol')}?{urlencode({'next': _next(request)})}")
    if not second_factor.is_verified(request):
        return redirect(f"{reverse('workspace:second-factor-verify')}?{urlencode({'next': request.path})}")
    form = ManageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        action = request.POST.get("action")
        if form.is_valid() and action in ("regenerate", "reset"):
            code = form.cleaned_data["code"]
            try:
                if action == "regenerate":
                    codes = second_factor.regenerate_recovery_codes(user=user, code=code)
                else:
                    second_factor.reset(user=user, code=code)
            except ValidationFailed as exc:
                signin.record_failure(
                    username=user.get_username(), ip=signin.client_address(request), door="second_factor"
                )
                add_domain_error(form, exc)
            else:
                if action == "reset":
                    return redirect("workspace:second-factor-enrol")
                context = {"codes": codes, "next": reverse("workspace:second-factor"), "enrolled": False}
                return render(request, "workspace/second_factor_codes.html", context)
    context = {
        "form": form,
        "codes_left": second_factor.recovery_codes_left(user),
        "required": second_factor.is_required(user),
    }
    return render(request, "workspace/second_factor.html", context, status=status)
