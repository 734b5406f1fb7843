"""The forms of the kindergarten queue that a parent fills in (and staff, from a paper application):
the application (заява на зарахування до ЗДО), the preferred institutions, the lookup by number and
code.

The preferred institutions are up to HROMADA_KINDERGARTEN_MAX_PREFERENCES ordered selects
(`institution_1`…); the service checks what it alone can (an age group for the child's age, one
queued application per child), and its refusal lands next to the first select."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hromada.core import clock
from hromada.core.forms import choice_field
from hromada.kindergarten.models import Benefit, Sex

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
#: What each benefit group needs and means, for the form and the status page.
BENEFIT_HELP: dict[str, Any] = {
    Benefit.NONE: _("The general queue: by the date and time of filing. No document is needed."),
    Benefit.FIRST_IN_TURN: _(
        "First in turn (першочергово): e.g. children of large families, of combatants, of internally "
        "displaced persons. Bring the document that proves it to the education department; until staff "
        "check it, the application stands in the general queue."
    ),
    Benefit.OUT_OF_TURN: _(
        "Out of turn (позачергово): e.g. children of fallen defenders, children with disabilities, "
        "orphans. Bring the document that proves it to the education department; until staff check it, "
        "the application stands in the general queue."
    ),
}
MONTHS = [
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
]


def max_preferences() -> int:
    return int(settings.HROMADA_KINDERGARTEN_MAX_PREFERENCES)


def preference_names() -> list[str]:
    """`institution_1`, `institution_2`… in the order of preference."""
    return [f"institution_{rank}" for rank in range(1, max_preferences() + 1)]


def school_year_choices(today: dt.date | None = None) -> list[tuple[int, str]]:
    """This school year and the next two ("2026/2027")."""
    from hromada.kindergarten.selectors import current_school_year

    first = current_school_year(today or clock.today())
    return [(year, f"{year}/{year + 1}") for year in range(first, first + 3)]


class PreferencesMixin(forms.Form):
    """The ordered selects of preferred institutions; the first is required, no institution twice."""

    def add_preference_fields(self, institutions: list[tuple[int, str]]) -> None:
        for rank, name in enumerate(preference_names(), start=1):
            self.fields[name] = forms.TypedChoiceField(
                label=_("Institution, choice %(rank)s") % {"rank": rank},
                coerce=int,
                empty_value=None,
                required=rank == 1,
            )
            choice_field(self, name).choices = [("", "—"), *institutions]

    def clean_preferences(self) -> list[int]:
        chosen: list[int] = []
        for name in preference_names():
            value = self.cleaned_data.get(name)
            if value is None:
                continue
            if value in chosen:
                self.add_error(name, _("This institution is already chosen above."))
            else:
                chosen.append(value)
        return chosen

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["institution_ids"] = self.clean_preferences()
        return data


class PreferencesForm(PreferencesMixin):
    """Change the preferred institutions (the order is the order of the selects)."""

    def __init__(self, *args: Any, institutions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_preference_fields(institutions)


class ApplicationForm(PreferencesMixin):
    """Заява на зарахування до ЗДО: the child, the parent, the preferred institutions, the start and
    the benefit. Staff use it for a paper application."""

    child_surname = forms.CharField(label=_("Child's surname"), max_length=100)
    child_name = forms.CharField(label=_("Child's name"), max_length=100)
    child_patronymic = forms.CharField(label=_("Child's patronymic"), max_length=100, required=False)
    birth_date = forms.DateField(
        label=_("Child's date of birth"),
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Day, month and year, e.g. 24.08.2023. The age group follows from it."),
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"inputmode": "numeric"}),
    )
    sex = forms.TypedChoiceField(
        label=_("Sex"),
        coerce=int,
        choices=[(Sex.FEMALE, Sex.FEMALE.label), (Sex.MALE, Sex.MALE.label), (Sex.UNKNOWN, _("not stated"))],
        initial=Sex.UNKNOWN,
    )
    certificate_series = forms.CharField(
        label=_("Birth certificate series"),
        max_length=10,
        help_text=_("E.g. І-БК."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters"}),
    )
    certificate_number = forms.CharField(
        label=_("Birth certificate number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    parent_name = forms.CharField(
        label=_("Parent's full name"),
        max_length=250,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    parent_phone = forms.CharField(
        label=_("Parent's phone"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    parent_email = forms.EmailField(
        label=_("Parent's e-mail"),
        required=False,
        help_text=_("The confirmation, the offer of a place and other letters go here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    parent_address = forms.CharField(
        label=_("Address of residence"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    registered_in_community = forms.BooleanField(
        label=_("The child's residence is registered in the community"), required=False
    )
    school_year = forms.TypedChoiceField(label=_("Desired school year"), coerce=int)
    start_month = forms.TypedChoiceField(
        label=_("Desired start month"), coerce=int, choices=MONTHS, initial=9
    )
    benefit = forms.ChoiceField(
        label=_("Benefit"), choices=Benefit.choices, initial=Benefit.NONE, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, institutions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_preference_fields(institutions)
        choice_field(self, "school_year").choices = school_year_choices()
        self.fields["child_surname"].widget.attrs["autofocus"] = True

    def clean_birth_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["birth_date"]
        if value > clock.today():
            raise forms.ValidationError(_("The date of birth cannot be in the future."), code="future")
        return value

    def benefit_help(self) -> list[tuple[str, Any, Any]]:
        """(value, label, what it needs) of each benefit, for the radio buttons' explanations."""
        return [(value, label, BENEFIT_HELP[value]) for value, label in Benefit.choices]


class LookupForm(forms.Form):
    """Перевірити місце в черзі: the application's number and its code; which of them is wrong is
    never said."""

    number = forms.CharField(
        label=_("Application number"),
        max_length=20,
        help_text=_("E.g. ДНЗ-2026-000123."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The code shown after filing and sent in the confirmation letter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_number(self) -> str:
        return str(self.cleaned_data["number"]).strip().upper()

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip().upper()


class CancelForm(forms.Form):
    """Why the application is withdrawn (optional for the parent; staff note it)."""

    note = forms.CharField(label=_("Reason"), max_length=300, required=False)
