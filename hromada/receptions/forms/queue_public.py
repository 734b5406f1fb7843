"""Forms of the centre's kiosk and of the "how many are ahead of me" page (public)."""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.receptions.forms.centre_staff import CODE_MAX, active_services
from hromada.receptions.models import CentreService


class CodeForm(forms.Form):
    """A booking code (at the kiosk) or a ticket's code (the "ahead of me" page)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=CODE_MAX,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "inputmode": "text"}
        ),
    )


class KioskTicketForm(forms.Form):
    """The kiosk's "take a ticket": one service chosen with a big button."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["service"] = active_services()

    def catalogue(self) -> dict[str, list[CentreService]]:
        """The kiosk's buttons: the services by group."""
        field = self.fields["service"]
        assert isinstance(field, forms.ModelChoiceField)
        rows = field.queryset
        services = list(rows) if rows is not None else []
        return {group: list(items) for group, items in groupby(services, key=lambda s: s.group)}
