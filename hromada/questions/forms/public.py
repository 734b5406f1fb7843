"""The public forms of «Запитання до міської влади» and «Правова допомога»: asking, and the searches."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.core.forms import consent_field, email_field, full_name_field, honeypot_field
from hromada.questions.models import QuestionStatus
from hromada.questions.services.questions import TEXT_MAX
from hromada.reference import selectors as ref
from hromada.reference.models import Topic


def _topics(empty: Any) -> list[tuple[str, Any]]:
    return [("", empty)] + [(code, t.name) for code, t in ref.active(Topic).items()]


class AskForm(forms.Form):
    """Required fields are checked by the service (ask_question), so that every caller hears the same."""

    name = full_name_field()
    email = email_field(_("E-mail for the answer"), max_length=None)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    text = forms.CharField(
        label=_("Your question"),
        required=False,
        help_text=_(
            "From 10 to 4000 characters. Only the question, the answer and your initials are published."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": TEXT_MAX}),
    )
    consent = consent_field(
        _("I consent to the processing of my personal data for the answer to this question")
    )
    website = honeypot_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["topic"]).choices = _topics("—")


class QuestionSearchForm(forms.Form):
    q = forms.CharField(label=_("Search in questions and answers"), max_length=200, required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("any")),
            (QuestionStatus.ANSWERED, _("answered")),
            (QuestionStatus.PUBLISHED, _("awaiting answer")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        cast(forms.ChoiceField, self.fields["topic"]).choices = _topics(_("any"))


class ConsultationSearchForm(forms.Form):
    q = forms.CharField(label=_("Search in consultations"), max_length=200, required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        cast(forms.ChoiceField, self.fields["topic"]).choices = _topics(_("any"))
