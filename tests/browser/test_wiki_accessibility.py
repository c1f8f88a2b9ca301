"""Every wiki page passes axe-core's WCAG 2.1 A/AA rules with no violation, in English and in French, in the
states people see: a rich page (headings and table of contents, a table, highlighted code, a link to a missing
page), the editor empty, with a preview, with an error and in a conflict, the history, a diff, an old
revision, the move, backlinks and translation forms, the page tree, recent changes and the missing-page
screen."""
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import User
from opsspace.services import wiki

from .axe import assert_no_violations
from .conftest import LiveServer, sign_in_through_form
from .tour import PageStates

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "fr"]
TOGGLE_TO_FRENCH = "Français"

HANDBOOK = """Welcome to the team. This page gathers what a new employee needs in the first weeks.

## First day

Collect your badge, then meet your buddy. See also [[Parking permits]], which nobody has written yet,
and the [[Team charter]].

### Your desk

Desks are assigned by the *office manager*.

## Tools

| Tool | What for | Who to ask |
|------|----------|------------|
| Mail | Messages | IT service desk |
| Wiki | Shared knowledge | Anyone |

```python
# Count the open tickets of a team
def open_tickets(team: str, limit: int = 10) -> list[str]:
    \"\"\"The oldest open tickets.\"\"\"
    return [t.id for t in TICKETS if t.team == team and not t.closed][:limit]  # 0x1F, 3.5, True
```

```bash
export QUEUE="it-desk"  # the default queue
echo "$QUEUE" | tr a-z A-Z
```

```html
<a href="/wiki/" class="nav">Wiki &amp; more</a>
```

## Questions

> Ask your buddy first: they were new once.
"""


@dataclass
class WikiVisit:
    """Someone visiting the wiki in one language: signed in (their preferred language is `lang`) or not."""

    server: LiveServer
    page: object
    lang: str

    def person(self, username: str = "emma.employee", **fields):
        return self.server.create_user(username, preferred_language=self.lang, **fields)

    def save(self, username: str, path: str, body: str, **fields) -> int:
        """Set up a revision through the wiki service; returns its id."""

        def _save():
            author = db.session.scalars(select(User).where(User.username == username)).one()
            return wiki.save_page(path, body=body, author=author, **fields).revision.id

        return self.server.run(_save)

    def seed(self) -> None:
        """A small wiki: the handbook in two revisions, a page linking to it, a French page, its author."""
        self.person("olga.author", display_name="Olga Author")
        self.save("olga.author", "Onboarding", HANDBOOK.replace("first weeks", "first days"),
                  title="Onboarding handbook", summary="First version")
        self.save("olga.author", "Onboarding", HANDBOOK, title="Onboarding handbook",
                  summary="Weeks, not days", base_revision_id=self.head("Onboarding"))
        self.save("olga.author", "Team charter", "We read the [[Onboarding]] handbook together.",
                  summary="Charter")
        self.save("olga.author", "Accueil", "Bienvenue dans l'équipe. Lisez le [[Onboarding|guide d'accueil]].",
                  title="Accueil des nouveaux", language="fr", summary="Première version")

    def head(self, path: str) -> int:
        return self.server.run(lambda: wiki.find(path)[0].current_revision_id)

    def signed_in(self, at: str, status: int = 200, username: str = "emma.employee"):
        person = self.person(username)
        response = sign_in_through_form(self.page, self.server, person, next_path=at)
        assert response.status == status, f"{at} answered {response.status}, not {status}"
        return response

    def anonymous(self, path: str, status: int = 200):
        """Open the page without signing in, then (for French) press the header's language toggle there."""
        response = self.page.goto(self.server(path))
        assert response.status == status, f"{path} answered {response.status}, not {status}"
        if self.lang == "fr":
            with self.page.expect_navigation() as navigation:
                self.page.get_by_role("banner").get_by_role("button", name=TOGGLE_TO_FRENCH).click()
            response = navigation.value
            assert response.status == status, f"{path} in French answered {response.status}, not {status}"
        return response

    def submit(self, button, status: int):
        with self.page.expect_navigation() as navigation:
            button.click()
        response = navigation.value
        assert response.status == status, f"the form answered {response.status}, not {status}"
        return response


# --- the pages, in the states people see them ----------------------------------------------------

PAGES = PageStates()
page_state = PAGES


@page_state("page")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding")
    expect(visit.page.locator("nav.toc")).to_be_visible()
    expect(visit.page.locator("article table")).to_be_visible()
    expect(visit.page.locator("article .highlight").first).to_be_visible()
    expect(visit.page.locator("article a.wikilink.new")).to_have_count(1)


@page_state("page-anonymous")
def _(visit: WikiVisit):
    visit.anonymous("/wiki/Onboarding")
    expect(visit.page.locator("nav.toc")).to_be_visible()


@page_state("page-with-translation-out-of-date")
def _(visit: WikiVisit):
    def link():
        author = db.session.scalars(select(User).where(User.username == "olga.author")).one()
        wiki.link_translation(wiki.find("Onboarding")[0], "Accueil", author)

    visit.server.run(link)
    visit.save("olga.author", "Accueil", "Bienvenue ! Lisez le [[Onboarding|guide d'accueil]].",
               title="Accueil des nouveaux", base_revision_id=visit.head("Accueil"))
    visit.signed_in("/wiki/Onboarding")
    expect(visit.page.locator("article .notice--warning")).to_be_visible()


@page_state("edit")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/edit")
    expect(visit.page.locator("#f-body")).not_to_be_empty()


@page_state("edit-new-page")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Parking_permits/edit")


@page_state("edit-preview")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/edit")
    visit.page.locator("#f-body").fill(HANDBOOK + "\n\nA **new** paragraph.")
    visit.submit(visit.page.locator("button[name=action][value=preview]"), 200)
    expect(visit.page.locator("section.preview strong").last).to_have_text("new")


@page_state("edit-title-too-long")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/edit")
    title = visit.page.locator("#f-title")
    title.evaluate("input => input.removeAttribute('maxlength')")  # as a browser that ignores maxlength would
    title.fill("T" * 201)
    visit.submit(visit.page.locator("button[name=action][value=save]"), 400)
    expect(visit.page.locator(".error-summary")).to_be_visible()
    expect(visit.page.locator("#f-title")).to_have_attribute("aria-invalid", "true")


@page_state("edit-conflict")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/edit")
    visit.save("olga.author", "Onboarding", HANDBOOK.replace("Collect your badge", "Collect your blue badge"),
               title="Onboarding handbook", summary="Blue badges", base_revision_id=visit.head("Onboarding"))
    visit.page.locator("#f-body").fill(HANDBOOK.replace("Collect your badge", "Collect your red badge"))
    visit.submit(visit.page.locator("button[name=action][value=save]"), 409)
    expect(visit.page.locator("#theirs")).to_be_visible()
    expect(visit.page.locator("table.diff ins").first).to_be_visible()


@page_state("history")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/history")
    expect(visit.page.locator("table.history tbody tr")).to_have_count(2)


@page_state("diff")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/diff?from=1&to=2")
    expect(visit.page.locator("table.diff del").first).to_be_visible()


@page_state("old-revision")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/revisions/1")
    expect(visit.page.locator("form.panel button")).to_be_visible()  # "Restore revision 1"


@page_state("move")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/move")


@page_state("move-error")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/move")
    visit.page.locator("#f-new_path").fill("Team charter")  # already taken
    visit.submit(visit.page.locator("main form.form button[type=submit]"), 400)
    expect(visit.page.locator(".error-summary")).to_be_visible()


@page_state("backlinks")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/backlinks")
    expect(visit.page.locator("main > ul a")).to_have_count(2)  # Team charter, Accueil


@page_state("translation")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/translation")


@page_state("translation-error")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Onboarding/translation")
    visit.page.locator("#f-other_path").fill("Team charter")  # in the same language
    visit.submit(visit.page.locator("main form.form button[type=submit]"), 400)
    expect(visit.page.locator(".error-summary")).to_be_visible()


@page_state("tree")
def _(visit: WikiVisit):
    visit.save("olga.author", "Onboarding/Week one", "The first week.")
    visit.save("olga.author", "Onboarding/Week one/Monday", "The first day.")
    visit.signed_in("/wiki/")
    expect(visit.page.locator("ul.page-tree li")).to_have_count(4)  # two levels: not Monday


@page_state("new-page-name-refused")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/new?name=A%23B", status=400)
    expect(visit.page.locator(".error-summary")).to_be_visible()


@page_state("recent")
def _(visit: WikiVisit):
    visit.signed_in("/recent")
    expect(visit.page.locator("main table tbody tr")).not_to_have_count(0)


@page_state("missing")
def _(visit: WikiVisit):
    visit.signed_in("/wiki/Parking_permits", status=404)
    expect(visit.page.locator("main a.button")).to_be_visible()  # "Create this page"


@page_state("missing-anonymous")
def _(visit: WikiVisit):
    visit.anonymous("/wiki/Parking_permits", status=404)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("state", list(PAGES))
def test_wiki_page_has_no_wcag_violations(state, lang, live_server, page, axe_source):
    visit = WikiVisit(live_server, page, lang)
    visit.seed()
    PAGES[state](visit)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_no_violations(page, axe_source, context=f"{state} in {lang} ({live_server.path(page.url)})")
