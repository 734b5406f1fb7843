"""The author's initials (the only trace of the author on the public site) and the search key."""

from __future__ import annotations

import pytest

from hromada.core.textsearch import search_key
from hromada.questions.names import initials


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Коваленко Іван Петрович", "К. І. П."),
        ("  коваленко   іван\tпетрович ", "К. І. П."),
        ("Коваленко", "К."),
        ("Нечуй-Левицький Іван Семенович", "Н.-Л. І. С."),
        ("Квітка–Основ'яненко Григорій", "К.-О. Г."),  # an en dash joins a double surname too
        ("О'Коннор Мар'яна", "О. М."),
        ("’Ясінська Ольга", "Я. О."),  # a stray apostrophe before the first letter
        ("Ґудзь Єва Їжакевич", "Ґ. Є. Ї."),
        ("Smith John", "S. J."),
        ("Коваленко - Іван", "К. І."),  # a lone dash is not a word
        ("", ""),
        ("   ", ""),
    ],
)
def test_initials_are_first_letters_with_dots_when_name_is(name, expected):
    assert initials(name) == expected


def test_search_key_lowercases_cyrillic_and_unifies_apostrophes_when_texts_joined():
    assert search_key("ЛІФТ  не\nпрацює", "М’ЯСО") == "ліфт не працює м'ясо"
    assert search_key("", "Ґанок") == "ґанок"
