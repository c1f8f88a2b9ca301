"""The renderer: what authors can write, and what never gets through the sanitizer."""
import pytest

from opsspace.services import paths, rendering
from opsspace.services.diff import compare

VECTORS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<form action="https://evil.example"><input name="q"></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<h2 id="main">steal the skip link</h2>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<p onclick="alert(1)" onmouseover="alert(1)">x</p>',
    "![x](javascript:alert(1))",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
]


@pytest.mark.parametrize("vector", VECTORS)
def test_xss_vectors_are_neutralised(app, vector):
    html = str(rendering.render(vector).html).lower()
    for bad in ("<script", "javascript:", "vbscript:", "data:text", "onerror", "onload", "onclick", "onmouseover",
                "<iframe", "<svg", "style=", "<form", "<object", "<embed", "<base", "<meta", 'id="main"'):
        assert bad not in html, (vector, html)


def test_markdown_features_authors_expect(app):
    html = str(rendering.render(
        "## Section\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n\n1. one\n2. two\n\n"
        "[site](https://example.org) <mailto:a@example.org>").html)
    assert '<h2 id="h-section">Section</h2>' in html
    assert "<table>" in html and "<td>1</td>" in html
    assert '<div class="highlight">' in html and 'class="n"' in html  # highlighted with classes, no inline style
    assert "<ol>" in html
    assert 'href="https://example.org" rel="nofollow noopener"' in html
    assert "mailto:a@example.org" in html


def test_wiki_links_are_collected_and_missing_ones_marked(app):
    result = rendering.render("See [[human resources/onboarding]], [[Benefits|our benefits]] and [[A#b|c]].")
    assert result.links == {"Human_resources/Onboarding", "Benefits", "A"}
    html = rendering.mark_missing_links(result.html, {"Benefits"}, lambda p: f"/wiki/{p}/edit")
    assert '<a class="wikilink" href="/wiki/Benefits"' in html
    assert '<a class="wikilink new" href="/wiki/Human_resources/Onboarding/edit"' in html
    assert "our benefits" in html


def test_plain_text_for_search(app):
    assert rendering.plain_text(rendering.render("# Hi\n\nSome *words* &amp; more").html) == "Hi\nSome words & more"


@pytest.mark.parametrize("raw, expected", [
    ("human resources", "Human_resources"),
    ("  Human  resources / onboarding ", "Human_resources/Onboarding"),
    ("Human_resources//Onboarding/", "Human_resources/Onboarding"),
    ("réunion d'équipe", "Réunion_d'équipe"),
])
def test_paths_are_normalized(raw, expected, app):
    assert paths.normalize(raw) == expected


@pytest.mark.parametrize("raw", ["", "a#b", "a?b", "../etc", "x/edit", "a" * 300, "a\x00b", "a|b", "50%"])
def test_bad_paths_are_refused(raw, app):
    with app.test_request_context(), pytest.raises(paths.BadPath):
        paths.normalize(raw)


def test_word_diff_marks_only_changed_words():
    result = compare("one two three\nkeep", "one 2 three\nkeep\nadded")
    changed = [line for line in result.lines if line.kind == "changed"][0]
    assert str(changed.html) == "one <del>two</del><ins>2</ins> three"
    assert (result.added, result.removed) == (2, 1)
    assert compare("same", "same").identical


def test_diff_escapes_html():
    result = compare("<b>", "<script>alert(1)</script>")
    assert "<script>" not in "".join(str(line.html) for line in result.lines)
