"""RSS and Atom feeds of e-petitions (електронні петиції): newly published petitions, and answers.

Items carry what the public page shows (title, the start of the text, the author's name); never an
e-mail, so `item_author_email` is deliberately not defined.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hromada.core.models import CouncilSettings
from hromada.petitions.models import Petition
from hromada.petitions.selectors import recently_answered, recently_published

SUMMARY_WORDS = 60


class NewPetitionsRss(Feed):
    """Newly published petitions: the day each started collecting signatures."""

    link = reverse_lazy("portal:petitions")
    description = gettext_lazy("New e-petitions published for signing.")

    def title(self) -> str:
        return _("E-petitions: new") + f" · {CouncilSettings.load().council_name}"

    def items(self) -> QuerySet[Petition]:
        return recently_published()

    def item_title(self, item: Petition) -> str:
        return item.title

    def item_description(self, item: Petition) -> str:
        return Truncator(item.text).words(SUMMARY_WORDS)

    def item_link(self, item: Petition) -> str:
        return reverse("portal:petition", args=[item.pk])

    def item_author_name(self, item: Petition) -> str:
        return item.author_name

    def item_pubdate(self, item: Petition) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Petition) -> dt.datetime | None:
        return item.published_at


class NewPetitionsAtom(NewPetitionsRss):
    feed_type = Atom1Feed
    subtitle = NewPetitionsRss.description


class AnswersRss(Feed):
    """The council's answers to petitions that reached the threshold, the latest first."""

    link = reverse_lazy("portal:petitions")
    description = gettext_lazy("The council's answers to e-petitions.")

    def title(self) -> str:
        return _("E-petitions: answers") + f" · {CouncilSettings.load().council_name}"

    def items(self) -> QuerySet[Petition]:
        return recently_answered()

    def item_title(self, item: Petition) -> str:
        verdict = _("supported") if item.answer_supported else _("not supported")
        return f"{item.title} — {verdict}"

    def item_description(self, item: Petition) -> str:
        return Truncator(item.answer_text).words(SUMMARY_WORDS)

    def item_link(self, item: Petition) -> str:
        return reverse("portal:petition", args=[item.pk]) + "#answer"

    def item_author_name(self, item: Petition) -> str:
        return item.author_name

    def item_pubdate(self, item: Petition) -> dt.datetime | None:
        return item.answered_at

    def item_updateddate(self, item: Petition) -> dt.datetime | None:
        return item.answered_at


class AnswersAtom(AnswersRss):
    feed_type = Atom1Feed
    subtitle = AnswersRss.description
