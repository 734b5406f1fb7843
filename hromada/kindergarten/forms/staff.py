"""The staff forms of the kindergarten queue: the list's filters, the benefit decision, and the
institutions with their age groups (saved by the services, not by the forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.core.forms import choice_field
from hromada.kindergarten.models import ApplicationStatus, BenefitStatus


class ApplicationFilterForm(forms.Form):
    """GET filters of the list (every field optional)."""

    q = forms.CharField(
        label=_("Number, child's surname or certificate"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    institution = forms.TypedChoiceField(label=_("Institution"), required=False, coerce=int, empty_value=None)
    benefit_status = forms.ChoiceField(label=_("Benefit"), required=False)

    def __init__(self, *args: Any, institutions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "status").choices = [("", _("any")), *ApplicationStatus.choices]
        choice_field(self, "institution").choices = [("", _("any")), *institutions]
        choice_field(self, "benefit_status").choices = [("", _("any")), *BenefitStatus.choices]


class BenefitForm(forms.Form):
    """Staff checked the document: confirm the benefit, or refuse it (with the reason)."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("confirm", _("Confirm the benefit")), ("refuse", _("Refuse the benefit"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (the document checked, or why refused)"),
        max_length=300,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "refuse" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the benefit is refused."))
        return data


class InstitutionForm(forms.Form):
    """Заклад дошкільної освіти: what the portal shows and the open data publish."""

    name = forms.CharField(label=_("Name"), max_length=250)
    edrpou = forms.RegexField(
        label=_("EDRPOU code"),
        regex=r"^\d{8}$",
        required=False,
        error_messages={"invalid": _("Eight digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    district = forms.CharField(label=_("District"), max_length=120, required=False)
    territory = forms.CharField(
        label=_("Territory served"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    contact = forms.CharField(label=_("Contact"), max_length=250, required=False)
    active = forms.BooleanField(label=_("Active (shown on the portal, takes applications)"), required=False)

    FIELDS = ("name", "edrpou", "address", "district", "territory", "contact", "active")


class AgeGroupForm(forms.Form):
    """Вікова група на навчальний рік: one queue of the institution."""

    school_year = forms.IntegerField(
        label=_("School year (its first year)"),
        min_value=2000,
        max_value=2100,
        help_text=_("2026 for 2026/2027."),
    )
    age = forms.IntegerField(
        label=_("Age in full years on the reference day"),
        min_value=0,
        max_value=7,
    )
    name = forms.CharField(
        label=_("Group name"),
        max_length=120,
        required=False,
        help_text=_("Empty: the usual name for the age."),
    )
    capacity = forms.IntegerField(label=_("Capacity (places)"), min_value=0, max_value=1000)
    language = forms.CharField(label=_("Language"), max_length=60, required=False)
    specialisation = forms.CharField(label=_("Specialisation"), max_length=200, required=False)

    FIELDS = ("school_year", "age", "name", "capacity", "language", "specialisation")
