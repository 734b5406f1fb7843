"""The forms of the actions on an appeal's card. They parse what a person typed and turn it into the
arguments of one service; the service decides whether the action is allowed and whether the values
obey the law (terms, results…), and its refusals come back onto these forms' fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.accounts.card_actions import ActionForm
from hromada.appeals.models import Term
from hromada.core.forms import choice_field

Choices = Sequence[tuple[str, str]]


class DateInput(forms.DateInput):
    """A native date picker; the value travels as YYYY-MM-DD whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _text(max_length: int, *, label: Any, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


if TYPE_CHECKING:
    # To the checker the mixin is the form it is mixed into (it calls `add_error`); at run time it
    # stays a plain class, as before.
    _MixinBase = forms.Form
else:
    _MixinBase = object


class ExecutorSelect(forms.Select):
    """The executors grouped by department, each option marked with its department's code, so the page
    can offer only the chosen lead department's people (js/card.js); the service checks it anyway."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.departments: dict[str, str] = {}

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        code = self.departments.get(str(option["value"]))
        if code:
            option["attrs"]["data-department"] = code
        return option


class TermMixin(_MixinBase):
    """Term as a person chooses it: 15 days, 1 month or a date. The service takes term= or due_date=."""

    def _clean_term(self, cleaned: dict[str, Any]) -> None:
        if cleaned.get("term") == Term.DATE and not cleaned.get("due_date"):
            self.add_error("due_date", _("Give the due date."))

    @staticmethod
    def _term_kwargs(cleaned: dict[str, Any]) -> dict[str, Any]:
        # A date typed in wins over the term left at its default: the person meant that date.
        if cleaned.get("term") == Term.DATE or cleaned.get("due_date"):
            return {"term": None, "due_date": cleaned.get("due_date")}
        return {"term": cleaned.get("term"), "due_date": None}


class ResolveForm(TermMixin, ActionForm):
    """Резолюція керівника."""

    slug = "resolve"

    term = forms.ChoiceField(label=_("Term"), choices=Term.choices, initial=Term.SHORT)
    due_date = forms.DateField(label=_("Explicit due date"), required=False, widget=DateInput())
    lead_department = forms.ChoiceField(label=_("Lead department"))
    lead_executor = forms.ChoiceField(label=_("Lead executor"), required=False, widget=ExecutorSelect)
    co_departments = forms.MultipleChoiceField(
        label=_("Co-executors"), required=False, widget=forms.CheckboxSelectMultiple
    )
    instruction = _text(5000, label=_("Instruction"), required=False)

    def __init__(
        self,
        *args: Any,
        terms: Choices,
        departments: Choices,
        executors: Sequence[tuple[str, Choices]],
        executor_departments: dict[str, str] | None = None,
        month_limit: dt.date,
        month_limit_text: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "term").choices = terms
        choice_field(self, "lead_department").choices = [("", "—"), *departments]
        choice_field(self, "co_departments").choices = departments
        choice_field(self, "lead_executor").choices = [("", _("— the department decides —")), *executors]
        self.fields["lead_executor"].help_text = _("Optional: a person of the lead department.")
        widget = self.fields["lead_executor"].widget
        if isinstance(widget, ExecutorSelect):
            widget.departments = dict(executor_departments or {})
        self.fields["lead_department"].widget.attrs["data-executors"] = "id_resolve_lead_executor"
        self.fields["due_date"].help_text = _("For an explicit date instead of a term: %(limit)s.") % {
            "limit": month_limit_text
        }
        self.fields["due_date"].widget.attrs["max"] = month_limit.isoformat()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._clean_term(cleaned)
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        c = self.cleaned_data
        return {
            "lead_department": c["lead_department"],
            "lead_executor": c.get("lead_executor") or None,
            "co_departments": list(c.get("co_departments") or ()),
            "instruction": c.get("instruction", ""),
            **self._term_kwargs(c),
        }


class _NewDueDateForm(ActionForm):
    """A new due date with its reason; the latest date the law allows is said beside the field."""

    due_date = forms.DateField(label=_("New due date"), widget=DateInput())
    reason = _text(2000, label=_("Reason"))

    def __init__(self, *args: Any, latest: dt.date, latest_text: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_date"].help_text = latest_text
        self.fields["due_date"].widget.attrs["max"] = latest.isoformat()


class ExtendForm(_NewDueDateForm):
    """Продовження строку (the head)."""

    slug = "extend"


class RequestExtensionForm(_NewDueDateForm):
    """Клопотання про продовження строку (the lead department's executor)."""

    slug = "request-extension"


class DeclineExtensionForm(ActionForm):
    slug = "decline-extension"

    reason = _text(2000, label=_("Reason for the refusal"))


class ForwardForm(ActionForm):
    """Пересилання за належністю (Law art. 7)."""

    slug = "forward"

    to = forms.CharField(label=_("Forward to (the competent body)"), max_length=250)
    reason = _text(2000, label=_("Reason"))


class NoteForm(ActionForm):
    """Хід виконання; the lead department (or the head) may mark it a draft answer."""

    slug = "note"

    text = _text(20_000, label=_("Note"), rows=4)
    draft_answer = forms.BooleanField(label=_("This is a draft answer"), required=False)

    def __init__(self, *args: Any, allow_draft: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not allow_draft:
            # A co-executing department writes notes only; the answer is the lead department's.
            del self.fields["draft_answer"]

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "text": self.cleaned_data["text"],
            "draft_answer": self.cleaned_data.get("draft_answer", False),
        }


class ReassignForm(ActionForm):
    """Передача виконання within the lead department."""

    slug = "reassign"

    executor = forms.ChoiceField(label=_("New executor"))

    def __init__(self, *args: Any, executors: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "executor").choices = [("", "—"), *executors]
        self._candidates = len(executors)

    def has_candidates(self) -> bool:
        return self._candidates > 0


class AnswerForm(ActionForm):
    """Відповідь: the text and a result for one or more issues (fields `result_<issue id>`)."""

    slug = "answer"

    text = _text(50_000, label=_("Answer"), rows=6)

    def __init__(
        self, *args: Any, issues: Sequence[tuple[int, str, str]], results: Choices, **kwargs: Any
    ) -> None:
        """`issues`: (id, label, help) of each issue of the appeal, in order."""
        super().__init__(*args, **kwargs)
        self.issue_fields: dict[str, int] = {}
        for issue_id, label, help_text in issues:
            name = f"result_{issue_id}"
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", _("— no result now —")), *results],
                help_text=help_text,
            )
            self.issue_fields[name] = issue_id

    def results(self) -> list[tuple[int, str]]:
        return [
            (issue_id, self.cleaned_data[name])
            for name, issue_id in self.issue_fields.items()
            if self.cleaned_data.get(name)
        ]

    def service_kwargs(self) -> dict[str, Any]:
        return {"text": self.cleaned_data["text"], "results": self.results()}

    def error_aliases(self) -> dict[str, str]:
        """The service names results by their place in the list it got: map them back to fields."""
        aliases: dict[str, str] = {}
        by_issue = {issue_id: name for name, issue_id in self.issue_fields.items()}
        for i, (issue_id, _result) in enumerate(self.results()):
            aliases[f"results.{i}.result"] = by_issue[issue_id]
            aliases[f"results.{i}.issue"] = by_issue[issue_id]
        return aliases


class CloseForm(ActionForm):
    """Зняття з контролю: nothing to fill in; the service checks that every issue has a result."""

    slug = "close"

    confirm = forms.BooleanField(
        label=_("I confirm: every issue has its result, the appeal is taken off control"),
        error_messages={"required": _("Tick the confirmation to take the appeal off control.")},
    )

    def service_kwargs(self) -> dict[str, Any]:
        return {}


class ReopenForm(TermMixin, ActionForm):
    """Повернення на доопрацювання: the new term runs from today."""

    slug = "reopen"

    reason = _text(2000, label=_("Reason for the rework"))
    term = forms.ChoiceField(label=_("New term"), choices=Term.choices, initial=Term.SHORT)
    due_date = forms.DateField(label=_("Explicit due date"), required=False, widget=DateInput())

    def __init__(self, *args: Any, terms: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "term").choices = terms
        self.fields["due_date"].help_text = _(
            "For an explicit date instead of a term: at most 1 month from today."
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._clean_term(cleaned)
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"], **self._term_kwargs(self.cleaned_data)}


class AttachmentForm(ActionForm):
    slug = "attach"

    file = forms.FileField(
        label=_("File"), help_text=_("Allowed files: PDF, JPEG, PNG, DOCX, ODT, plain text.")
    )

    def service_kwargs(self) -> dict[str, Any]:
        return {"upload": self.cleaned_data["file"]}
