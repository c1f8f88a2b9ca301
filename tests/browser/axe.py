"""axe-core in a Playwright page: run the WCAG 2.1 A/AA rules and fail with a readable list of violations.

The site's Content-Security-Policy forbids inline scripts, so axe cannot be added as a <script> element
(Playwright's add_script_tag(content=...) is one); page.evaluate() runs it through the DevTools protocol,
which the page's CSP does not govern.
"""
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_TARGETS = 3

_RUN = """(tags) => axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
})"""


def run_axe(page, axe_source: str, tags=WCAG_TAGS) -> list[dict]:
    """The axe violations on the page as it is now (axe is injected into the page first when needed)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    return page.evaluate(_RUN, list(tags))["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        nodes = violation.get("nodes", [])
        targets = ", ".join(" ".join(map(str, node.get("target", []))) for node in nodes[:MAX_TARGETS])
        more = f" (and {len(nodes) - MAX_TARGETS} more)" if len(nodes) > MAX_TARGETS else ""
        lines.append(f"- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation['help']}\n"
                     f"    at {targets}{more}\n    {violation.get('helpUrl', '')}")
        if nodes and nodes[0].get("failureSummary"):
            summary = nodes[0]["failureSummary"].replace("\n", "\n      ")
            lines.append(f"    first: {summary}")
    return "\n".join(lines)


def assert_no_violations(page, axe_source: str, context: str = "") -> None:
    """Fail with rule id, impact, help and the first target selectors of every WCAG 2.1 AA violation."""
    violations = run_axe(page, axe_source)
    where = context or page.url
    assert not violations, (
        f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {where} "
        f"(<html lang={page.evaluate('document.documentElement.lang')!r}>):\n{describe(violations)}"
    )
