"""The page-view baseline: a minimal Flask app rendering a Jinja template, with nothing else (no database,
no session, no plugins). ``/page/<n>`` returns an HTML page of exactly n bytes, so each OPSspace page is
compared with a page of its own size. Served by gunicorn with the same settings as `opsspace serve`.
"""
from flask import Flask, abort, render_template
from jinja2 import DictLoader

TEMPLATE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }}</title><link rel="stylesheet" href="/static/site.css"></head>
<body>
<header><nav>{% for label, href in nav %}<a href="{{ href }}">{{ label }}</a> {% endfor %}</nav></header>
<main><h1>{{ title }}</h1>
{% for paragraph in paragraphs %}<p>{{ paragraph }}</p>
{% endfor %}</main>
<footer>{{ footer }}</footer>
</body>
</html>
"""
WORDS = ("The team reviews the onboarding checklist before the end of the fiscal year in both official "
         "languages with help from finance according to the new directive ").split()
NAV = [("Home", "/"), ("Wiki", "/wiki/"), ("Blogs", "/blog/"), ("People", "/people/"), ("Recent", "/recent")]

app = Flask(__name__)
app.jinja_loader = DictLoader({"page.html": TEMPLATE})
_paragraphs: dict[int, list[str]] = {}


def _context(paragraphs):
    return {"title": "A page of the baseline", "nav": NAV, "paragraphs": paragraphs, "footer": "Baseline"}


def paragraphs_for(size: int) -> list[str]:
    """Paragraphs of ~600 characters that make the rendered page exactly `size` bytes (computed once per size)."""
    if size not in _paragraphs:
        text = " ".join(WORDS[i % len(WORDS)] for i in range(120))[:600]
        with app.app_context():
            def length(paragraphs):
                return len(render_template("page.html", **_context(paragraphs)).encode())

            paragraphs = []
            while length(paragraphs) < size:
                paragraphs.append(text)
            while paragraphs and length(paragraphs) > size:
                over = length(paragraphs) - size
                if over >= len(paragraphs[-1]):
                    paragraphs.pop()
                    paragraphs.append(text[: max(0, len(text) - (length(paragraphs) + len(text) + 8 - size))])
                    if length(paragraphs) > size:
                        paragraphs[-1] = paragraphs[-1][: len(paragraphs[-1]) - (length(paragraphs) - size)]
                else:
                    paragraphs[-1] = paragraphs[-1][: len(paragraphs[-1]) - over]
        _paragraphs[size] = paragraphs
    return _paragraphs[size]


@app.get("/page/<int:size>")
def page(size: int):
    if not 100 <= size <= 2_000_000:
        abort(404)
    return render_template("page.html", **_context(paragraphs_for(size)))
