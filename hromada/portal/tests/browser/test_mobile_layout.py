"""Every public page on a phone (issue 13): at 360×740 (and 320 px for the key pages) no page scrolls
sideways and the main menu is collapsed behind one toggle. The pages are every GET page of the portal's
URLconf (the site root's namespace "portal"), opened with the demo council's data, anonymous or as the
demo resident; a route added to the URLconf and not listed here fails the test, so that a new page is
measured too. A failure lists each offending page with its width and its widest elements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from hromada.appeals.models import Appeal
from hromada.petitions import services as petitions
from hromada.petitions.models import Petition
from hromada.questions.models import LegalConsultation, Question
from hromada.residents.models import Resident
from hromada.residents.tokens import password_reset, uid_of

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
SMALL_PHONE = {"width": 320, "height": 640}
RESIDENT, RESIDENT_PASSWORD = "meshkanka@demo.test", "demo"

#: Routes of the portal that are no page to lay out, and why.
NOT_PAGES = {
    "petitions-rss": "a feed (XML)",
    "petitions-atom": "a feed (XML)",
    "petition-answers-rss": "a feed (XML)",
    "petition-answers-atom": "a feed (XML)",
    "petitions-csv": "open data (CSV)",
    "petitions-json": "open data (JSON)",
    "votings-csv": "open data (CSV)",
    "votings-json": "open data (JSON)",
    "petition-attachment": "a file download",
    "my-appeal-file": "a file download",
    "my-appeal-file-view": "a file shown by the browser's own viewer",
    "petition-sign": "POST only (the petition's page holds the form)",
    "petition-withdraw": "POST only (the petition's page holds the form)",
    "my-petition-submit": "POST only (the draft's page holds the form)",
    "sign-out": "POST only (the header holds the form)",
    "confirm-email": "a link from the letter: signs in and redirects to the cabinet (measured)",
    "provider-start": "redirects to the outside identity provider (404 with none configured)",
    "provider-finish": "the identity provider's return: redirects to the cabinet",
    # Measured too, once a form has been sent (their content is in the session): see MEASURED_AFTER_A_FORM.
    "filed": "the e-appeal's receipt: measured in test_prg_browser.py after filing",
    "asked": "the question's receipt: measured below after asking",
    "check-mail": "after a letter is asked for: measured below after asking",
    "reception-official-ics": "a calendar file (text/calendar)",
    "reception-booking-ics": "a calendar file (text/calendar)",
    "centre-services-csv": "open data (CSV)",
    "centre-services-json": "open data (JSON)",
    "centre-hall-board": "the hall display's board, polled into the hall page (measured within it)",
    "kindergarten-filed": "the receipt shown once after filing: measured in kindergarten's browser test",
    "kindergarten-accept": "POST only (the application's page holds the form)",
    "kindergarten-decline": "POST only (the application's page holds the form)",
    "kindergarten-queue-csv": "open data (CSV)",
    "kindergarten-queue-json": "open data (JSON)",
    "kindergarten-group-csv": "open data (CSV)",
    "kindergarten-group-json": "open data (JSON)",
}


def portal_routes() -> set[str]:
    """The names of every route in the namespace "portal" (the public site), from the URLconf."""
    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str) -> None:
        for item in resolver.url_patterns:
            if isinstance(item, URLResolver):
                walk(item, item.namespace or namespace)
            elif isinstance(item, URLPattern) and namespace == "portal" and item.name:
                names.add(item.name)

    walk(get_resolver(), "")
    return names


def _objects() -> dict[str, Any]:
    """Real objects of the demo council for the routes with parameters."""
    resident = Resident.objects.select_related("user").get(email=RESIDENT)
    return {
        "petition": Petition.objects.filter(status="answered").order_by("pk").first()
        or Petition.objects.filter(status="collecting").order_by("pk").first(),
        "question": Question.objects.filter(status="answered").order_by("pk").first(),
        "consultation": LegalConsultation.objects.filter(is_published=True).order_by("pk").first(),
        "appeal": Appeal.objects.filter(applicants__email=RESIDENT).order_by("pk").first(),
        "draft": Petition.objects.filter(author=resident, status__in=["draft", "returned"]).first(),
        "resident": resident,
        **_receptions(),
        **_kindergarten(resident),
    }


def _receptions() -> dict[str, Any]:
    """The demo's published official, a live booking of each kind and a ticket of today (taken here
    when the demo's day has none: it seeds today's queue on working days only)."""
    from hromada.core import clock
    from hromada.receptions.models import (
        CentreBooking,
        CentreService,
        Official,
        QueueTicket,
        ReceptionBooking,
    )
    from hromada.receptions.services.queue import take_ticket

    service = CentreService.objects.filter(is_active=True, is_bookable=True).order_by("pk").first()
    assert service is not None
    ticket = QueueTicket.objects.filter(day=clock.today()).first() or take_ticket(service=service)
    return {
        "official": Official.objects.filter(is_published=True, is_suspended=False).order_by("pk").first(),
        "reception": ReceptionBooking.objects.filter(status="booked", day__gte=clock.today()).first(),
        "service": service,
        "visit": CentreBooking.objects.filter(status="booked", day__gte=clock.today()).first(),
        "ticket": ticket,
    }


def _kindergarten(resident: Resident) -> dict[str, Any]:
    """An institution with a group of next school year and the demo resident's application to it
    (with a long name, as real ones are)."""
    import datetime as dt

    from hromada.kindergarten import services
    from hromada.kindergarten.ages import current_school_year
    from hromada.kindergarten.models import AgeGroup, Institution

    year = current_school_year() + 1
    place = Institution.objects.create(
        name="Заклад дошкільної освіти (ясла-садок) комбінованого типу № 12 «Барвінок»",
        address="вул. Героїв Небесної Сотні, 112",
    )
    group = AgeGroup.objects.create(institution=place, school_year=year, age=3, capacity=20)
    filed = services.file_application(
        actor=resident.user,
        data=services.ApplicationInput(
            child_surname="Кравченко-Ковалишин",
            child_name="Соломія",
            child_patronymic="Олександрівна",
            birth_date=dt.date(year - 3, 5, 12),
            sex=2,
            certificate_series="І-АМ",
            certificate_number="123456",
            parent_name=resident.full_name,
            parent_phone="+380671234567",
            parent_email=resident.email,
            parent_address="",
            registered_in_community=True,
            school_year=year,
            start_month=9,
            benefit="first_in_turn",
            institution_ids=[place.pk],
        ),
    )
    return {"kg_institution": place, "kg_group": group, "kg_number": filed.application.number}


def anonymous_pages(o: dict[str, Any]) -> dict[str, str]:
    """route name → path of each page a visitor opens without an account."""
    reset = f"/kabinet/parol/{uid_of(o['resident'].user)}/{password_reset.make_token(o['resident'].user)}/"
    return {
        "home": "/",
        "new": "/zvernennia/nove/",
        "track": "/zvernennia/stan/",
        "petitions": "/peticii/",
        "petition": f"/peticii/{o['petition'].pk}/",
        "petition-signatories": f"/peticii/{o['petition'].pk}/pidpysanty/",
        "questions": "/zapytannia/",
        "ask": "/zapytannia/nove/",
        "question": f"/zapytannia/{o['question'].pk}/",
        "legal-help": "/pravova-dopomoha/",
        "consultation": f"/pravova-dopomoha/{o['consultation'].pk}/",
        "sign-up": "/kabinet/reiestratsiia/",
        "sign-in": "/kabinet/vkhid/",
        "resend-confirmation": "/kabinet/pidtverdzhennia/znovu/",
        "password-reset": "/kabinet/parol/",
        "password-reset-confirm": reset,
        "receptions": "/pryiom/",
        "reception-official": f"/pryiom/{o['official'].pk}/",
        "reception-booking": f"/pryiom/zapys/{o['reception'].token}/",
        "reception-cancel": f"/pryiom/skasuvaty/{o['reception'].token}/",
        "centre": "/cnap/",
        "centre-service": f"/cnap/posluha/{o['service'].pk}/",
        "centre-booking": f"/cnap/zapys/{o['visit'].token}/",
        "centre-cancel": f"/cnap/skasuvaty/{o['visit'].token}/",
        "centre-find": "/cnap/zapys/",
        "centre-kiosk": "/cnap/kiosk/",
        "centre-ticket-page": f"/cnap/talon/{o['ticket'].code}/",
        "centre-hall": "/cnap/zal/",
        "centre-ahead": f"/cnap/cherha/?code={o['ticket'].code}",
        "kindergarten": "/dytsadok/",
        "kindergarten-institution": f"/dytsadok/zaklady/{o['kg_institution'].pk}/",
        "kindergarten-queue": f"/dytsadok/cherga/{o['kg_group'].pk}/",
        "kindergarten-lookup": "/dytsadok/perevirka/",
    }


def resident_pages(o: dict[str, Any]) -> dict[str, str]:
    """route name → path of each page of the demo resident's cabinet."""
    return {
        "my-appeals": "/kabinet/",
        "my-appeal": f"/kabinet/zvernennia/{o['appeal'].pk}/",
        "profile": "/kabinet/profil/",
        "my-petitions": "/kabinet/peticii/",
        "my-petition-new": "/kabinet/peticii/nova/",
        "my-petition-edit": f"/kabinet/peticii/{o['draft'].pk}/redaguvaty/",
        "kindergarten-apply": "/dytsadok/zaiava/",
        "kindergarten-application": f"/dytsadok/zaiava/{o['kg_number']}/",
        "kindergarten-preferences": f"/dytsadok/zaiava/{o['kg_number']}/zaklady/",
        "kindergarten-cancel": f"/dytsadok/zaiava/{o['kg_number']}/skasuvaty/",
    }


#: The widest elements of the page beyond the viewport (tag, id, class and their right edge).
WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 0.5) {
      const named = typeof el.className === "string" && el.className.trim();
      const cls = named ? "." + el.className.trim().split(/\\s+/).join(".") : "";
      const id = el.id ? "#" + el.id : "";
      found.push([Math.round(right), el.tagName.toLowerCase() + id + cls]);
    }
  }
  found.sort((a, b) => b[0] - a[0]);
  return found.slice(0, 3);
}"""


def overflow(page: Any, width: int) -> str | None:
    """None when the page fits `width`; else its scroll width and widest elements."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll <= width:
        return None
    return f"{page.url} is {scroll} px wide at {width} px: {page.evaluate(WIDEST)}"


def menu_is_collapsed(page: Any) -> bool:
    """The main menu's links are hidden until its toggle is pressed, and the toggle shows them."""
    menu = page.locator("details.site-menu")
    links = menu.locator(".nav a")
    if menu.get_attribute("open") is not None or links.first.is_visible():
        return False
    menu.locator("summary").click()
    shown = links.first.is_visible() and menu.locator("summary").get_attribute("aria-expanded") in (
        None,
        "true",
    )
    menu.locator("summary").click()
    return shown and not links.first.is_visible()


def measure(page: Any, base: str, paths: dict[str, str], width: int) -> list[str]:
    """The complaints about each page of `paths` at `width`: sideways scroll or an open menu."""
    problems = []
    for name, path in paths.items():
        response = page.goto(base + path)
        assert response is not None and response.ok, f"{name} {path}: {response and response.status}"
        too_wide = overflow(page, width)
        if too_wide:
            problems.append(f"{name}: {too_wide}")
        if not menu_is_collapsed(page):
            problems.append(f"{name}: {path} shows the menu open at {width} px")
    return problems


@pytest.fixture
def demo() -> dict[str, Any]:
    call_command("seed_demo", appeals=40, verbosity=0)
    resident = Resident.objects.get(email=RESIDENT)
    if not Petition.objects.filter(author=resident, status__in=["draft", "returned"]).exists():
        petitions.create_petition_draft(
            author=resident,
            title="Облаштувати велодоріжку вздовж проспекту Незалежності від мосту до залізничного вокзалу",
            text="Просимо облаштувати відокремлену велодоріжку: https://example.org/"
            + "дуже-довга-адреса-без-пробілів-яка-не-повинна-розсувати-сторінку" * 2,
            category="communal",
        )
    return _objects()


def _phone(browser: Any, viewport: dict[str, int]) -> Any:
    return browser.new_context(locale="uk-UA", viewport=viewport).new_page()


def sign_in(page: Any, base: str) -> None:
    page.goto(f"{base}/kabinet/vkhid/")
    page.locator("#id_email").fill(RESIDENT)
    page.locator("#id_password").fill(RESIDENT_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/kabinet/")


def test_every_public_route_is_measured_or_named_as_no_page(demo: dict[str, Any]) -> None:
    measured = set(anonymous_pages(demo)) | set(resident_pages(demo))
    unlisted = sorted(portal_routes() - measured - set(NOT_PAGES))
    stale = sorted((measured | set(NOT_PAGES)) - portal_routes())
    assert not unlisted, f"public routes nobody measures on a phone (add them to this test): {unlisted}"
    assert not stale, f"routes this test names that the URLconf no longer has: {stale}"


def test_every_public_page_fits_a_phone_with_the_menu_collapsed(
    live_server: Any, browser: Any, demo: dict[str, Any], shot: Callable[[Any, str], Any]
) -> None:
    base = live_server.url
    page = _phone(browser, PHONE)
    problems = measure(page, base, anonymous_pages(demo), PHONE["width"])
    # Pages reached only after a form: "check your mail" (a letter asked for), "received" (a question).
    page.goto(f"{base}/kabinet/parol/")
    page.locator("#id_email").fill(RESIDENT)
    page.locator("#id_email").press("Enter")
    page.wait_for_url(f"{base}/kabinet/perevirte-poshtu/")
    problems += measure(page, base, {"check-mail": "/kabinet/perevirte-poshtu/"}, PHONE["width"])
    page.goto(f"{base}/zapytannia/nove/")
    page.locator("#id_name").fill("Гнатюк Марія Степанівна")
    page.locator("#id_email").fill("hnatiuk@example.org")
    page.locator("#id_topic").select_option("communal")
    page.locator("#id_text").fill("Коли відремонтують ліфт у будинку на вулиці Соборній, 12?")
    page.locator("#id_consent").check()
    page.locator("form[action='/zapytannia/nove/'] button[type=submit]").click()
    page.wait_for_url(f"{base}/zapytannia/otrymano/")
    problems += measure(page, base, {"asked": "/zapytannia/otrymano/"}, PHONE["width"])
    sign_in(page, base)
    problems += measure(page, base, resident_pages(demo), PHONE["width"])
    shot(page, "90-phone-cabinet")
    assert not problems, "\n".join(problems)


def test_key_pages_fit_a_320_px_phone(live_server: Any, browser: Any, demo: dict[str, Any]) -> None:
    base = live_server.url
    page = _phone(browser, SMALL_PHONE)
    every = anonymous_pages(demo)
    key = {name: every[name] for name in ("home", "new", "petitions", "petition", "questions", "legal-help")}
    problems = measure(page, base, key, SMALL_PHONE["width"])
    sign_in(page, base)
    problems += measure(page, base, {"my-appeals": "/kabinet/", "my-petitions": "/kabinet/peticii/"}, 320)
    assert not problems, "\n".join(problems)


def test_menu_is_open_without_a_toggle_on_a_wide_screen(live_server: Any, page: Any) -> None:
    page.goto(f"{live_server.url}/")
    assert page.locator("details.site-menu .nav a").first.is_visible()
    assert not page.locator("details.site-menu > summary").is_visible()


def test_menu_toggle_works_with_the_keyboard_on_a_phone(live_server: Any, browser: Any) -> None:
    page = _phone(browser, PHONE)
    page.goto(f"{live_server.url}/peticii/")
    summary = page.locator("details.site-menu > summary")
    summary.focus()
    page.keyboard.press("Enter")
    link = page.locator("details.site-menu .nav a[href='/zapytannia/']")
    assert link.is_visible()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/zapytannia/")
