"""Forms of the resident's cabinet. Required fields are checked by the residents services, so that the
page and any future API say the same Ukrainian message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.core.forms import MultipleFileField, consent_field, email_field, full_name_field, honeypot_field


def _password(label: Any, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class SignUpForm(forms.Form):
    full_name = full_name_field(max_length=250)
    email = email_field(_("E-mail"))
    password = _password(_("Password"), "new-password")
    password2 = _password(_("The password again"), "new-password")
    consent = consent_field(_("I consent to the processing of my personal data for the use of the portal"))
    website = honeypot_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = _(
            "At least 10 characters; not only digits, not a common password, not like your name or e-mail."
        )


class SignInForm(forms.Form):
    email = email_field(_("E-mail"), autofocus=True)
    password = _password(_("Password"), "current-password")


class EmailForm(forms.Form):
    email = email_field(_("E-mail"), autofocus=True)


class NewPasswordForm(forms.Form):
    password = _password(_("New password"), "new-password")
    password2 = _password(_("The new password again"), "new-password")


class AddInformationForm(forms.Form):
    text = forms.CharField(
        label=_("What you want to add"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attachments = MultipleFileField(
        label=_("Files (optional)"),
        required=False,
        help_text=_("PDF, JPEG, PNG, DOCX, ODT or plain text."),
    )
