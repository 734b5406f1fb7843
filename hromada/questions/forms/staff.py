"""The staff forms of public questions and legal help. They parse what a person typed into one
service's arguments; the service decides (and says in Ukrainian) what is missing or not allowed, and
its refusals come back onto these fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hromada.accounts import card_actions
from hromada.core.forms import RequiredChoice, RequiredLine, RequiredText
from hromada.reference import selectors as ref
from hromada.reference.models import Topic

#: Choices as views build them: the labels may be lazy translations.
Choices = Sequence[tuple[str, str | Promise]]


def topic_choices(empty_label: Any) -> list[tuple[str, Any]]:
    return [("", empty_label)] + [(code, t.name) for code, t in ref.active(Topic).items()]


class QuestionFilterForm(forms.Form):
    """The staff list's filters (GET). `statuses` and `departments` are what the person may see."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    department = forms.ChoiceField(label=_("Department"), required=False)

    def __init__(self, *args: Any, statuses: Choices, departments: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [("", _("any")), *statuses]
        cast(forms.ChoiceField, self.fields["topic"]).choices = topic_choices(_("any"))
        cast(forms.ChoiceField, self.fields["department"]).choices = [("", _("any")), *departments]


class ActionForm(card_actions.ActionForm):
    """The card's action forms: an empty field goes to the service as "" (it says what is missing)."""

    def service_kwargs(self) -> dict[str, Any]:
        return {k: v or "" for k, v in self.cleaned_data.items()}


class PublishForm(ActionForm):
    slug = "publish"
    department = RequiredChoice(label=_("Department that answers"), required=True)
    text = RequiredText(
        label=_("Text to publish"),
        required=True,
        rows=8,
        help_text=_(
            "The question as the public will read it. The original stays stored and visible to staff."
        ),
    )

    def __init__(self, *args: Any, departments: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["department"]).choices = [("", "—"), *departments]


class RejectForm(ActionForm):
    slug = "reject"
    reason = RequiredText(
        label=_("Reason for the rejection"),
        required=True,
        rows=4,
        help_text=_("The author receives it by e-mail."),
    )


class RerouteForm(ActionForm):
    slug = "reroute"
    department = RequiredChoice(label=_("New department"), required=True)

    def __init__(self, *args: Any, departments: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["department"]).choices = [("", "—"), *departments]


class AnswerForm(ActionForm):
    slug = "answer"
    text = RequiredText(
        label=_("Answer"),
        required=True,
        rows=10,
        help_text=_(
            "Published with the question at once, signed with the department's name, and sent to the author."
        ),
    )


class CorrectAnswerForm(ActionForm):
    slug = "correct"
    text = RequiredText(
        label=_("Corrected answer"),
        required=True,
        rows=10,
        help_text=_("The earlier text stays in the history."),
    )


class ConsultationForm(forms.Form):
    """A legal-help consultation. The help texts say it: no personal data in it, ever."""

    title = RequiredLine(label=_("Title"), required=True)
    topic = forms.ChoiceField(label=_("Topic (optional)"), required=False)
    question = RequiredText(
        label=_("Question"),
        required=True,
        rows=6,
        help_text=_(
            "Write it as a general question: no names, addresses, phone numbers or other personal "
            "data of the person who asked."
        ),
    )
    answer = RequiredText(
        label=_("Lawyer's answer"),
        required=True,
        rows=12,
        help_text=_("No personal data: the consultation is published for everyone."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["topic"]).choices = topic_choices("—")
