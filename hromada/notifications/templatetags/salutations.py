"""{% load salutations %}{{ applicant.name|salutation }}: the opening line of a letter to a person
(hromada.notifications.salutation)."""

from django import template

from hromada.notifications.salutation import salutation as opening

register = template.Library()


@register.filter
def salutation(full_name: str) -> str:
    return opening(str(full_name or ""))
