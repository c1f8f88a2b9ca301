"""A walk through the pages of one area in one language, running axe on each state and reporting every
failing state together at the end (so one run shows all that needs fixing)."""
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from .axe import describe, run_axe
from .conftest import LiveServer, sign_in_through_form


@dataclass
class AxeTour:
    server: LiveServer
    axe_source: str
    lang: str
    new_page: object
    failures: dict = field(default_factory=dict)
    page: object = None

    def sign_in(self, person):
        """Sign in, in a browser of that person's own."""
        self.page = self.new_page()
        sign_in_through_form(self.page, self.server, person)
        return self.page

    def go(self, path: str, status: int = 200):
        response = self.page.goto(self.server(path))
        assert response.status == status, f"{path} answered {response.status}, not {status}"
        return response

    def submit(self, button, status: int):
        with self.page.expect_navigation() as navigation:
            button.click()
        assert navigation.value.status == status, f"the form answered {navigation.value.status}, not {status}"

    def check(self, state: str) -> None:
        """Run axe on the page as it is now; remember what it found."""
        expect(self.page.locator("html")).to_have_attribute("lang", self.lang)
        violations = run_axe(self.page, self.axe_source)
        if violations:
            self.failures[state] = f"{state} ({self.server.path(self.page.url)}):\n{describe(violations)}"

    def assert_clean(self) -> None:
        if self.failures:
            pytest.fail(f"axe found WCAG 2.1 A/AA violations in {len(self.failures)} state(s) in {self.lang}:\n\n"
                        + "\n\n".join(self.failures.values()), pytrace=False)


class PageStates(dict):
    """Named page states for a parametrized axe test: ``@states("name")`` registers the function that
    brings the browser to that state; ``list(states)`` gives the names to parametrize over."""

    def __call__(self, name: str):
        def register(fn):
            self[name] = fn
            return fn

        return register
