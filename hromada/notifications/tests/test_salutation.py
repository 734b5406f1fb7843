"""Звертання: the vocative with the right gender, or the neutral greeting when the name says neither."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from hromada.notifications.salutation import addressee, salutation, ukrainian_salutation

# (ПІБ as the author wrote it, the opening line)
PEOPLE = [
    ("Бойко Ірина Степанівна", "Шановна Ірино Степанівно!"),
    ("Коваленко Петро Іванович", "Шановний Петре Івановичу!"),
    ("Мельник Олег Васильович", "Шановний Олегу Васильовичу!"),
    ("Шевчук Микола Андрійович", "Шановний Миколо Андрійовичу!"),
    ("Ткаченко Ілля Лукич", "Шановний Ілле Лукичу!"),
    ("Кравченко Лука Семенович", "Шановний Луко Семеновичу!"),
    ("Бондар Любов Миколаївна", "Шановна Любове Миколаївно!"),
    ("Олійник Ольга Юріївна", "Шановна Ольго Юріївно!"),
    ("Лисенко Надія Олегівна", "Шановна Надіє Олегівно!"),
    ("Руденко Юрій Євгенович", "Шановний Юрію Євгеновичу!"),
    ("Марченко Андрій Ігорович", "Шановний Андрію Ігоровичу!"),
    ("Савченко Євген Олександрович", "Шановний Євгене Олександровичу!"),
    ("Поліщук Наталія Василівна", "Шановна Наталіє Василівно!"),
    ("Гончаренко Марія Іллівна", "Шановна Маріє Іллівно!"),
    ("Кузьменко Василь Петрович", "Шановний Василю Петровичу!"),
    ("Ковальчук Олександр Сергійович", "Шановний Олександре Сергійовичу!"),
    ("Павленко Олександра Андріївна", "Шановна Олександро Андріївно!"),
    ("Романенко Ігор Миколайович", "Шановний Ігорю Миколайовичу!"),
    ("Федоренко Семен Юрійович", "Шановний Семене Юрійовичу!"),
    ("Клименко Валентина Євгенівна", "Шановна Валентино Євгенівно!"),
    ("Шевченко Богдан Іванович", "Шановний Богдане Івановичу!"),  # the dictionary lacks Name here
    # an apostrophe, kept as written
    ("Коваль Мар'яна Ігорівна", "Шановна Мар'яно Ігорівно!"),
    ("Коваль Мар’яна Ігорівна", "Шановна Мар’яно Ігорівно!"),
    ("Гнатюк Ярослав Лук'янович", "Шановний Ярославе Лук'яновичу!"),
    # hyphenated surnames and names
    ("Квітка-Основ'яненко Оксана Петрівна", "Шановна Оксано Петрівно!"),
    ("Сидоренко-Мельник Дмитро Олегович", "Шановний Дмитре Олеговичу!"),
    ("Анна-Марія Бойко", "Шановна пані Анно-Маріє!"),
    # other orders, no patronymic, the name alone, capitals, extra spaces
    ("Ірина Степанівна Бойко", "Шановна Ірино Степанівно!"),
    ("Петро Іванович", "Шановний Петре Івановичу!"),
    ("Ірина Бойко", "Шановна пані Ірино!"),
    ("Бойко Ірина", "Шановна пані Ірино!"),
    ("Тарас Шевчук", "Шановний пане Тарасе!"),
    ("Ірина Петрович", "Шановна пані Ірино!"),  # a surname in -ич after a woman's name
    ("Оксана", "Шановна пані Оксано!"),
    ("ШЕВЧЕНКО ОЛЕГ ЮРІЙОВИЧ", "Шановний Олегу Юрійовичу!"),
    ("  бойко   ірина  степанівна ", "Шановна ірино степанівно!"),
]

NEUTRAL = [
    ("Коваленко", "Добрий день, Коваленко!"),  # a surname alone says no gender
    ("Бойко І. С.", "Добрий день, Бойко І. С.!"),  # initials only
    ("ТОВ «Затишний дім»", "Добрий день, ТОВ «Затишний дім»!"),  # an organisation
    ("ОСББ Сонячне", "Добрий день, ОСББ Сонячне!"),
    ("Саша Коваленко", "Добрий день, Саша Коваленко!"),  # a name of either gender
    ("Женя Бойко", "Добрий день, Женя Бойко!"),
    ("Ivan Petrenko", "Добрий день, Ivan Petrenko!"),  # not written in Ukrainian
    ("", "Добрий день!"),
]


@pytest.mark.parametrize(("name", "expected"), PEOPLE + NEUTRAL)
def test_salutation_is_vocative_with_the_gender_or_neutral(name, expected):
    assert ukrainian_salutation(name) == expected


@pytest.mark.parametrize("name", ["Бойко Ірина Степанівна", "Ірина Бойко", "Коваленко"])
def test_salutation_never_uses_the_old_bracketed_gender(name):
    assert "(-а)" not in ukrainian_salutation(name)


def test_gender_comes_from_the_patronymic_when_the_name_has_both():
    assert addressee("Коваленко Саша Петрівна").gender == "femn"
    assert ukrainian_salutation("Коваленко Саша Петрівна") == "Шановна Сашо Петрівно!"
    assert ukrainian_salutation("Коваленко Саша Петрович") == "Шановний Сашо Петровичу!"


def test_salutation_follows_the_language_and_names_the_person_as_written_in_english():
    with translation.override("uk"):
        assert salutation("Бойко Ірина Степанівна") == "Шановна Ірино Степанівно!"
    with translation.override("en"):
        assert salutation("Бойко Ірина Степанівна") == "Dear Бойко Ірина Степанівна,"
        assert salutation("") == "Hello,"


def test_template_filter_gives_the_salutation_and_escapes_html():
    template = Template("{% load salutations %}{{ name|salutation }}")
    with translation.override("uk"):
        assert template.render(Context({"name": "Петро Іванович Коваль"})) == "Шановний Петре Івановичу!"
        assert template.render(Context({"name": "<b>ТОВ</b>"})) == "Добрий день, &lt;b&gt;ТОВ&lt;/b&gt;!"
