"""Кабінет мешканця: sign-up, e-mail confirmation, sign-in, password reset, "my appeals", adding
information to an open appeal, and sign-in through an outside identity provider.

Every page that shows personal data is `Cache-Control: no-store`. A resident sees only appeals filed
with their own confirmed e-mail: any other appeal id answers 404, the same as one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login, logout
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hromada.accounts import known_devices, signin
from hromada.appeals.models import Appeal
from hromada.appeals.selectors import (
    author_appeal,
    author_attachment,
    author_attachments,
    public_status,
    what_author_sent,
    with_terms,
)
from hromada.appeals.selectors import my_appeals as my_appeals_of
from hromada.appeals.services import add_author_information
from hromada.core import clock, ratelimit
from hromada.core.downloads import FileLink, file_link, file_response
from hromada.core.errors import DomainError, NotFound, ValidationFailed
from hromada.core.forms import add_domain_error, filled_honeypot
from hromada.core.pages import private as _private
from hromada.core.paging import paged
from hromada.portal.account_forms import (
    AddInformationForm,
    EmailForm,
    NewPasswordForm,
    SignInForm,
    SignUpForm,
)
from hromada.residents import identity, services
from hromada.residents.decorators import resident_required
from hromada.residents.models import Resident

MY_APPEALS_PER_PAGE = 20
BACKEND = "hromada.accounts.backends.AccountBackend"
#: The session key of the address the last letter (confirmation, password reset) went to.
CHECK_MAIL_KEY = "portal:check-mail"


def _count_attempt(request: HttpRequest, email: str) -> None:
    """The account limit per address and e-mail; counts this attempt. Used up: RateLimited, which
    core.middleware answers with the 429 page."""
    ratelimit.check_page(ratelimit.account_limit(), request, email)
    ratelimit.hit_page(ratelimit.account_limit(), request, email)


def _sign_in(request: HttpRequest, resident: Resident) -> None:
    login(request, resident.user, backend=BACKEND)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("portal:my-appeals")


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _private(render(request, "portal/account/sign_up.html", {"form": SignUpForm()}))
    form = SignUpForm(request.POST)
    if filled_honeypot(request.POST):
        return _check_mail(request, "")
    if form.is_valid():
        data = form.cleaned_data
        _count_attempt(request, data["email"])
        try:
            services.sign_up(
                services.SignUp(
                    data["full_name"], data["email"], data["password"], data["password2"], data["consent"]
                )
            )
        except ValidationFailed as exc:
            add_domain_error(form, exc)
        else:
            return _check_mail(request, services.normal_email(data["email"]))
    return _private(render(request, "portal/account/sign_up.html", {"form": form}, status=422))


def _check_mail(request: HttpRequest, email: str) -> HttpResponse:
    """After a form that sends a letter: to the GET page that says so (a reload sends nothing)."""
    request.session[CHECK_MAIL_KEY] = email
    return redirect("portal:check-mail")


@require_GET
def check_mail(request: HttpRequest) -> HttpResponse:
    """ "Check your mail" for the letter this session asked for; without one, the sign-in page."""
    email = request.session.get(CHECK_MAIL_KEY)
    if email is None:
        return redirect("portal:sign-in")
    return _private(render(request, "portal/account/check_mail.html", {"email": email}))


def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    resident = services.confirm_email(uidb64, token)
    if resident is None:
        return _private(render(request, "portal/account/link_invalid.html", {"resend": True}, status=400))
    _sign_in(request, resident)
    return redirect("portal:my-appeals")


@require_http_methods(["GET", "POST"])
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _private(render(request, "portal/account/resend.html", {"form": EmailForm()}))
    form = EmailForm(request.POST)
    email = request.POST.get("email", "").strip()
    if not email:
        form.is_valid()
        form.add_error("email", services._email_errors("")[0].message)
        return _private(render(request, "portal/account/resend.html", {"form": form}, status=422))
    _count_attempt(request, email)
    services.resend_confirmation(email)
    return _check_mail(request, services.normal_email(email))


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {
        "next": _next_url(request),
        "providers": list(identity.providers().values()),
    }
    if request.method != "POST":
        resident = services.resident_of(request.user)
        if resident is not None and resident.is_confirmed:
            return redirect(context["next"])
        return _private(render(request, "portal/account/sign_in.html", {**context, "form": SignInForm()}))
    form = SignInForm(request.POST)
    form.is_valid()
    try:
        resident = services.authenticate(
            request.POST.get("email", ""),
            request.POST.get("password", ""),
            ip=signin.client_address(request),
            known_device=lambda user: known_devices.recognises(request, user),
        )
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        context.update(form=form, unconfirmed=exc.code == "unconfirmed")
        return _private(render(request, "portal/account/sign_in.html", context, status=422))
    _sign_in(request, resident)
    response = redirect(context["next"])
    known_devices.remember(request, response, resident.user)
    return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:home")


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _private(render(request, "portal/account/password_reset.html", {"form": EmailForm()}))
    form = EmailForm(request.POST)
    email = request.POST.get("email", "").strip()
    errors = services._email_errors(services.normal_email(email))
    if errors:
        form.is_valid()
        form.add_error("email", errors[0].message)
        return _private(render(request, "portal/account/password_reset.html", {"form": form}, status=422))
    _count_attempt(request, email)
    services.request_password_reset(email)
    return _check_mail(request, services.normal_email(email))


@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    if services.reset_user(uidb64, token) is None:
        return _private(render(request, "portal/account/link_invalid.html", {"resend": False}, status=400))
    if request.method != "POST":
        return _private(render(request, "portal/account/new_password.html", {"form": NewPasswordForm()}))
    form = NewPasswordForm(request.POST)
    form.is_valid()
    try:
        resident = services.reset_password(
            uidb64, token, request.POST.get("password", ""), request.POST.get("password2", "")
        )
    except ValidationFailed as exc:
        add_domain_error(form, exc)
        return _private(render(request, "portal/account/new_password.html", {"form": form}, status=422))
    _sign_in(request, resident)
    return redirect("portal:my-appeals")


@require_GET
@resident_required
def my_appeals(request: HttpRequest, resident: Resident) -> HttpResponse:
    page = paged(request, my_appeals_of(resident.email), MY_APPEALS_PER_PAGE, query={}).page
    page.object_list = with_terms(page.object_list, clock.today())
    return render(request, "portal/account/my_appeals.html", {"resident": resident, "page": page})


def _author_files(appeal: Appeal, resident: Resident) -> list[FileLink]:
    return [
        file_link(
            f, download="portal:my-appeal-file", preview="portal:my-appeal-file-view", args=[appeal.pk, f.pk]
        )
        for f in author_attachments(appeal, resident.user)
    ]


def _my_file(
    request: HttpRequest, resident: Resident, appeal_id: int, file_id: int, *, inline: bool
) -> FileResponse:
    """A file the resident sent with their own appeal; any other pair of ids is 404."""
    try:
        item = author_attachment(resident.email, resident.user, appeal_id, file_id)
    except NotFound:
        raise Http404 from None
    return file_response(
        item.file, filename=item.original_name, content_type=item.content_type, inline=inline
    )


@require_GET
@resident_required
def my_appeal_file(request: HttpRequest, resident: Resident, appeal_id: int, file_id: int) -> FileResponse:
    return _my_file(request, resident, appeal_id, file_id, inline=False)


@require_GET
@resident_required
def my_appeal_file_view(
    request: HttpRequest, resident: Resident, appeal_id: int, file_id: int
) -> FileResponse:
    return _my_file(request, resident, appeal_id, file_id, inline=True)


@require_http_methods(["GET", "POST"])
@resident_required
def my_appeal(request: HttpRequest, resident: Resident, appeal_id: int) -> HttpResponse:
    try:
        appeal = author_appeal(resident.email, appeal_id)
    except NotFound:
        raise Http404 from None
    form = AddInformationForm()
    status = 200
    if request.method == "POST":
        form = AddInformationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                add_author_information(
                    author=resident.user,
                    email=resident.email,
                    appeal_id=appeal.pk,
                    text=form.cleaned_data["text"],
                    uploads=form.cleaned_data["attachments"],
                )
            except ValidationFailed as exc:
                add_domain_error(form, exc)
            except NotFound:
                raise Http404 from None
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                return redirect(f"{reverse('portal:my-appeal', args=[appeal.pk])}?added=1")
        status = 422
    context = {
        "appeal": appeal,
        "status": public_status(appeal),
        "sent": what_author_sent(appeal),
        "files": _author_files(appeal, resident),
        "form": form,
        "can_add": appeal.status in ("registered", "in_progress"),
        "added": request.GET.get("added") == "1",
    }
    return render(request, "portal/account/my_appeal.html", context, status=status)


def provider_start(request: HttpRequest, code: str) -> HttpResponse:
    provider = identity.providers().get(code)
    if provider is None:
        raise Http404
    request.session["identity_next"] = _next_url(request)
    callback = request.build_absolute_uri(reverse("portal:provider-finish", args=[code]))
    return _private(provider.start(request, callback))


def provider_finish(request: HttpRequest, code: str) -> HttpResponse:
    provider = identity.providers().get(code)
    if provider is None:
        raise Http404
    try:
        resident = services.sign_in_with(provider.finish(request))
    except identity.IdentityError as exc:
        context = {"form": SignInForm(), "providers": list(identity.providers().values()), "error": str(exc)}
        return _private(render(request, "portal/account/sign_in.html", context, status=400))
    _sign_in(request, resident)
    return redirect(request.session.pop("identity_next", None) or reverse("portal:my-appeals"))
