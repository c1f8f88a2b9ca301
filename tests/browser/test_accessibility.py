"""Every page of the foundation passes axe-core's WCAG 2.1 A/AA rules with no violation, in English and in
French, in the states people actually see (empty forms, forms with errors, menus open, error pages); and the
keyboard reaches the content first."""
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from .axe import assert_no_violations
from .conftest import LiveServer, Person, sign_in_through_form
from .tour import PageStates

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "fr"]
#: The language toggle's label is the other language's own name, whatever the interface language.
TOGGLE = {"en": "Français", "fr": "English"}


@dataclass
class Visit:
    """A visitor in one language: anonymous (the language chosen with the header toggle), or signed in
    through the real form as someone whose preferred language it is."""

    server: LiveServer
    page: object
    lang: str

    def anonymous(self, path: str, status: int = 200):
        """Open the page, then (for French) press the header's language toggle on that very page."""
        response = self.go(path, status)
        if self.lang != "en":
            with self.page.expect_navigation() as navigation:
                self.page.get_by_role("banner").get_by_role("button", name=TOGGLE["en"]).click()
            response = navigation.value
            assert self.server.path(self.page.url) == path, f"the toggle left {path} for {self.page.url}"
            assert response.status == status, f"{path} in French answered {response.status}, not {status}"
        return response

    def person(self, username: str = "emma.employee", **fields) -> Person:
        return self.server.create_user(username, preferred_language=self.lang, **fields)

    def signed_in(self, username: str = "emma.employee", at: str | None = None, status: int = 200,
                  **fields) -> Person:
        """Sign in through the form, going on to the page `at` (the home page when None)."""
        person = self.person(username, **fields)
        response = sign_in_through_form(self.page, self.server, person, next_path=at)
        assert response.status == status, f"{at or '/'} answered {response.status}, not {status}"
        return person

    def go(self, path: str, status: int = 200):
        response = self.page.goto(self.server(path))
        assert response.status == status, f"{path} answered {response.status}, not {status}"
        return response

    def submit(self, button_selector: str = "main form button[type=submit]", status: int = 400):
        with self.page.expect_navigation() as navigation:
            self.page.locator(button_selector).first.click()
        response = navigation.value
        assert response.status == status, f"the form answered {response.status}, not {status}"
        expect(self.page.locator(".error-summary")).to_be_visible()


# --- the pages, in the states people see them ----------------------------------------------------

PAGES = PageStates()
page_state = PAGES


@page_state("home-anonymous")
def _(visit: Visit):
    visit.anonymous("/")


@page_state("home-signed-in-welcome")
def _(visit: Visit):
    visit.signed_in()  # lands on the home page with the welcome message
    expect(visit.page.locator(".flash--success")).to_be_visible()


@page_state("home-policy-notice")
def _(visit: Visit):
    visit.signed_in(accepted_policy=False)
    expect(visit.page.locator(".aup-notice")).to_be_visible()


@page_state("home-account-menu-open")
def _(visit: Visit):
    admin = visit.signed_in("ada.admin", role="admin")
    visit.page.get_by_role("banner").locator("summary", has_text=admin.display_name).click()
    expect(visit.page.locator(".account-menu ul")).to_be_visible()


@page_state("login")
def _(visit: Visit):
    visit.anonymous("/login")


@page_state("login-failed")
def _(visit: Visit):
    person = visit.person()
    visit.anonymous("/login")
    visit.page.locator("#f-username").fill(person.username)
    visit.page.locator("#f-password").fill("not the password")
    visit.submit()


@page_state("logout-confirmation")
def _(visit: Visit):
    visit.signed_in(at="/logout")


@page_state("policy-to-accept")
def _(visit: Visit):
    visit.signed_in(accepted_policy=False, at="/policy")
    expect(visit.page.locator(".accept-form button")).to_be_visible()


@page_state("policy-accepted")
def _(visit: Visit):
    visit.signed_in(at="/policy")
    expect(visit.page.locator(".accept-form")).to_have_count(0)


@page_state("policy-anonymous")
def _(visit: Visit):
    visit.anonymous("/policy")


@page_state("profile")
def _(visit: Visit):
    person = visit.person(title="Policy analyst", department="Finance",
                          personal_disclaimer="I write as a member of the union executive.")
    visit.anonymous(f"/people/{person.username}")
    expect(visit.page.locator(".disclaimer__personal")).to_be_visible()


@page_state("settings-profile")
def _(visit: Visit):
    visit.signed_in(at="/settings/profile")


@page_state("settings-profile-errors")
def _(visit: Visit):
    visit.signed_in(at="/settings/profile")
    visit.page.locator("#f-display_name").fill("")
    visit.page.locator("#f-email").fill("not-an-address")
    visit.submit()


@page_state("settings-password")
def _(visit: Visit):
    visit.signed_in(at="/settings/password")


@page_state("settings-password-errors")
def _(visit: Visit):
    person = visit.signed_in(at="/settings/password")
    visit.page.locator("#f-current_password").fill(person.password)
    visit.page.locator("#f-new_password").fill("a brand new password")
    visit.page.locator("#f-confirm_password").fill("a different password")
    visit.submit()


@page_state("admin-home")
def _(visit: Visit):
    visit.signed_in("ada.admin", role="admin", at="/admin/")


@page_state("admin-users")
def _(visit: Visit):
    visit.person("emma.employee")
    visit.person("rae.responder", responder=True)
    visit.signed_in("ada.admin", role="admin", at="/admin/users")


@page_state("admin-user")
def _(visit: Visit):
    visit.person("emma.employee")
    visit.signed_in("ada.admin", role="admin", at="/admin/users/emma.employee")


@page_state("admin-user-errors")
def _(visit: Visit):
    visit.person("emma.employee")
    visit.signed_in("ada.admin", role="admin", at="/admin/users/emma.employee")
    # The browser itself refuses an empty reason (required); a blank one reaches the server's check.
    visit.page.locator("#f-reason-role").fill("   ")
    visit.submit("main form:has(input[name=change][value=role]) button[type=submit]")


@page_state("admin-policy")
def _(visit: Visit):
    visit.signed_in("ada.admin", role="admin", at="/admin/policy")


@page_state("admin-policy-errors")
def _(visit: Visit):
    visit.signed_in("ada.admin", role="admin", at="/admin/policy")
    visit.page.locator("#f-aup_text_en").fill("")
    visit.submit("main form:has(input[name=kind][value=aup]) button[type=submit]")


@page_state("admin-audit")
def _(visit: Visit):
    visit.person("emma.employee")
    visit.signed_in("ada.admin", role="admin", at="/admin/audit")


@page_state("admin-audit-errors")
def _(visit: Visit):
    visit.signed_in("ada.admin", role="admin", at="/admin/audit?since=yesterday", status=400)


@page_state("not-found")
def _(visit: Visit):
    visit.anonymous("/no/such/page", status=404)


@page_state("forbidden")
def _(visit: Visit):
    visit.signed_in(at="/admin/", status=403)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("state", list(PAGES))
def test_page_has_no_wcag_violations(state, lang, live_server, page, axe_source):
    PAGES[state](Visit(live_server, page, lang))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_no_violations(page, axe_source, context=f"{state} in {lang} ({live_server.path(page.url)})")


def test_error_page_in_both_languages_has_no_wcag_violations(live_server, new_page, axe_source):
    """A reader whose browser asks for neither English nor French gets the error page in both."""
    page = new_page(locale="de-DE")
    response = page.goto(live_server("/no/such/page"))
    assert response.status == 404
    expect(page.locator("main section[lang=fr]")).to_be_visible()
    assert_no_violations(page, axe_source, context="bilingual 404")


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(signed_in, live_server, page, sign_in):
    if signed_in:
        sign_in(page, live_server.create_user("emma.employee"))
    page.goto(live_server("/"))

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, f"the focused skip link is off screen: {box}"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert page.url.endswith("#main")
    page.keyboard.press("Tab")
    focused_in_main = page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert focused_in_main, "after the skip link, Tab should go on inside the main content"


def test_axe_check_reports_planted_problems(live_server, page, axe_source):
    """The check itself works: on a page with two planted problems it fails and names both."""
    page.goto(live_server("/"))
    page.evaluate("""() => {
        const main = document.querySelector('main');
        const img = document.createElement('img');
        img.src = '/themes/default/static/css/site.css';
        main.append(img, document.createElement('button'));
    }""")
    with pytest.raises(AssertionError) as failure:
        assert_no_violations(page, axe_source, context="planted problems")
    message = str(failure.value)
    assert "2 WCAG 2.1 A/AA violation(s) on planted problems" in message
    assert "- image-alt [critical]" in message and "- button-name [critical]" in message
    assert "at #main > button" in message


@pytest.mark.parametrize("lang", LANGUAGES)
def test_account_menu_fits_a_phone_screen(lang, live_server, new_page, sign_in):
    """At 320 CSS pixels (WCAG 1.4.10, reflow) every entry of the open account menu is on screen."""
    page = new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    admin = live_server.create_user("ada.admin", role="admin", preferred_language=lang, display_name="Ada")
    sign_in(page, admin)
    page.get_by_role("banner").locator("summary", has_text=admin.display_name).click()
    entries = page.locator(".account-menu ul").locator("a, button")
    expect(entries.first).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320, "the page scrolls sideways"
    for index in range(entries.count()):
        box = entries.nth(index).bounding_box()
        label = entries.nth(index).inner_text()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, f"{label!r} is off screen: {box}"
