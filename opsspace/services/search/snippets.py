"""The few lines shown under each result, matches in <mark>."""
from markupsafe import Markup

from whoosh import query

from .. import rendering
from .schema import fold

SNIPPET_WINDOW = 600  # characters of a long text handed to the highlighter, around the first match


# Lower case and accents folded one character for one character, so positions in the folded text are
# positions in the original.
_FOLD_TABLE = {code: folded for code in range(0xC0, 0x250)
               if len(folded := fold(chr(code)).lower()) == 1 and chr(code).lower() != folded}


def _window(text: str, stems: list[str]) -> str:
    """The part of a long text around the first place a matched term appears.

    Whoosh's highlighter runs the stemming analyzer over the whole text of every hit shown: on pages of
    thousands of words that was most of a results page's time. The highlighter now reads a window of
    SNIPPET_WINDOW characters starting a little before the first occurrence of any matched stem."""
    if len(text) <= SNIPPET_WINDOW:
        return text
    lowered = text.lower()
    stems = [stem[:-1] if len(stem) > 4 else stem for stem in stems if stem]
    places = [place for place in (lowered.find(stem) for stem in stems) if place >= 0]
    if not places and not lowered.isascii():  # "teletravail" is written "télétravail": fold, then look again
        folded = lowered.translate(_FOLD_TABLE)
        places = [place for place in (folded.find(stem) for stem in stems) if place >= 0]
    if not places:
        return text[:SNIPPET_WINDOW]
    start = max(0, min(places) - 80)
    if start:
        start = text.find(" ", start) + 1  # begin on a word
    return text[start:start + SNIPPET_WINDOW]


def query_terms(q: query.Query) -> dict[str, list[str]]:
    """The words of the query, by field: what snippets mark. Asking Whoosh for each hit's own matched terms
    instead (terms=True) cost a third of a common word's search at 100,000 documents."""
    words: dict[str, list[str]] = {}
    for fieldname, term in q.iter_all_terms():
        words.setdefault(fieldname, []).append(term.decode("utf-8") if isinstance(term, bytes) else term)
    return words


def snippet(hit, lang: str, matched: dict[str, list[str]]) -> Markup:
    for name in (f"body_{lang}", f"title_{lang}"):
        if name not in matched:
            continue
        text = hit.get(name) or ""
        fragment = hit.highlights(name, text=_window(text, matched[name]), top=2)
        if fragment:
            return Markup(rendering.sanitize_marks(fragment))
    body = hit.get(f"body_{lang}") or ""
    return Markup.escape(body[:220] + ("…" if len(body) > 220 else ""))
