"""The checks every public form and the public API share: ПІБ, the substance of a text, the phone."""

from __future__ import annotations

import pytest
from django.utils import translation

from hromada.core.person_input import full_name_error, normal_phone, phone_error, substance_error


@pytest.mark.parametrize(
    "name",
    [
        "Петренко Олена Іванівна",
        "Косач-Квітка Лариса",
        "Кам'янська Ганна",
        "Кам’янська Ганна",
        "Об`єднаний Їжак",
        "O'Connor Mary",
        "Бойко  Ірина   Степанівна",
    ],
)
def test_full_name_is_accepted_when_it_has_a_surname_and_a_first_name_in_letters(name):
    assert full_name_error("name", name) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("П", "invalid"),
        ("Петренко", "invalid"),
        ("П О", "invalid"),
        ("Петренко О.", "invalid"),
        ("Петренко 0лена", "invalid"),
        ("Петренко -Олена", "invalid"),
        ("Петренко Олена-", "invalid"),
        ("Петренко ''", "invalid"),
        ("<script> alert", "invalid"),
    ],
)
def test_full_name_is_refused_when_one_word_or_not_letters(name, code):
    error = full_name_error("name", name)
    assert error is not None and (error.field, error.code) == ("name", code)


def test_full_name_error_says_in_ukrainian_what_is_missing():
    with translation.override("uk"):
        error = full_name_error("name", "П")
        wrong = full_name_error("name", "Петренко О.")
    assert error is not None and error.message == "Зазначте ваше прізвище та ім’я (і по батькові, якщо є)."
    assert wrong is not None and "«О.»" in wrong.message


@pytest.mark.parametrize(
    "text", ["Не вивозять сміття.", "Не світить ліхтар", "Прошу відремонтувати дах над під'їздом № 2."]
)
def test_substance_is_accepted_when_it_states_a_request(text):
    assert substance_error("text", text) is None


@pytest.mark.parametrize(
    "text", ["Т", "test", "Прошу дах", "аааааааааааааааааааааа", "1234567890 12345 ?!", "..."]
)
def test_substance_is_refused_when_too_short_or_not_words(text):
    error = substance_error("text", text)
    assert error is not None and (error.field, error.code) == ("text", "too_short")


def test_substance_errors_count_with_ukrainian_plurals():
    with translation.override("uk"):
        short = substance_error("text", "Т")
        few_words = substance_error("text", "аааааааааааааааааааааа")
    assert short is not None and short.message == "Викладіть суть докладніше: щонайменше 15 символів."
    assert few_words is not None and few_words.message == "Викладіть суть словами: щонайменше 3 слова."


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("+380671234567", "+380671234567"),
        ("+380 67 123 45 67", "+380671234567"),
        ("0671234567", "+380671234567"),
        ("067-123-45-67", "+380671234567"),
        ("(067) 123 45 67", "+380671234567"),
        ("80671234567", "+380671234567"),
        ("380671234567", "+380671234567"),
        ("+48 601 234 567", "+48601234567"),
        ("+49 30 1234567", "+49301234567"),
    ],
)
def test_phone_is_normalised_when_it_is_a_ukrainian_or_foreign_number(typed, normal):
    assert normal_phone(typed) == normal and phone_error("phone", typed) is None


@pytest.mark.parametrize(
    "typed", ["abc", "067123456", "06712345678", "+380 067 123 45 67", "0000000000", "+1 23", "067 abc"]
)
def test_phone_is_refused_when_it_is_no_number(typed):
    error = phone_error("phone", typed)
    assert normal_phone(typed) is None and error is not None and error.code == "invalid"


def test_empty_phone_is_no_error_because_the_phone_is_optional():
    assert phone_error("phone", "") is None and phone_error("phone", "  ") is None
