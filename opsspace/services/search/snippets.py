"""The few lines shown under each result, matches in <mark>."""
import functools
import heapq
import re

from markupsafe import Markup
from whoosh import highlight, query
from whoosh.analysis import Token

from .. import rendering
from .schema import WORD, unfolded

SNIPPET_WINDOW = 600  # characters of a long text handed to the highlighter, around the first match
FRAGMENTER = highlight.ContextFragmenter(maxchars=220, surround=50)  # snippets of about 220 characters
FORMATTER = highlight.HtmlFormatter(tagname="mark", between=" … ")
SCORER = highlight.BasicFragmentScorer()
KNOWN_WORDS = 50_000  # words whose analysis each field keeps, per process

_WORD = re.compile(WORD)


@functools.lru_cache(maxsize=256)
def _stems_pattern(stems: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(unfolded, stems)), re.IGNORECASE)


def _window(text: str, stems: list[str]) -> str:
    """The part of a long text around the first place a matched term appears.

    Whoosh's highlighter runs the stemming analyzer over the whole text of every hit shown: on pages of
    thousands of words that was most of a results page's time. The highlighter now reads a window of
    SNIPPET_WINDOW characters starting a little before the first occurrence of any matched stem, in any
    case and with or without accents ("teletravail" is written "télétravail")."""
    if len(text) <= SNIPPET_WINDOW:
        return text
    stems = tuple(stem[:-1] if len(stem) > 4 else stem for stem in stems if stem)
    found = _stems_pattern(stems).search(text) if stems else None
    if found is None:
        return text[:SNIPPET_WINDOW]
    start = max(0, found.start() - 80)
    if start:
        start = text.find(" ", start) + 1  # begin on a word
    return text[start:start + SNIPPET_WINDOW]


def query_terms(q: query.Query) -> dict[str, list[str]]:
    """The words of the query, by field: where snippets look first. Asking Whoosh for each hit's own matched
    terms instead (terms=True) cost a third of a common word's search at 100,000 documents."""
    words: dict[str, list[str]] = {}
    for fieldname, term in q.iter_all_terms():
        words.setdefault(fieldname, []).append(term.decode("utf-8") if isinstance(term, bytes) else term)
    return words


class _Words:
    """A field's analyzer (fold, stop words, stem) run once per distinct word, not once per word shown.

    Whoosh's highlighter analyses the text around each hit again, word by word through the analyzer's five
    generators; a results page reads some 2,000 words, most of them seen on the page before. The terms are
    the analyzer's own, so a snippet is exactly what Whoosh's highlighter gives (a test compares them)."""

    def __init__(self, analyzer):
        self.analyzer, self.known = analyzer, {}

    def term(self, word: str) -> str:
        term = self.known.get(word)
        if term is None:
            if len(self.known) >= KNOWN_WORDS:
                self.known = {}
            # One \w+ word is one token; a stop word keeps its folded text, as in the highlighter.
            term = self.known[word] = next(iter(self.analyzer(word, removestops=False))).text
        return term

    def tokens(self, text: str, terms: frozenset):
        """The tokens Whoosh's highlighter reads, matches marked (one token object, as Whoosh's own), less the
        words too far from every match to change a fragment. The fragmenter looks back from a match to the
        words starting within `surround` characters of the end of the word before it, and ends a fragment
        once `surround` characters of words (twice that at most) follow its last match; the other words only
        pass through it."""
        term, reach = self.term, FRAGMENTER.surround
        words = [(found.start(), found.end(), term(found.group())) for found in _WORD.finditer(text)]
        keep = bytearray(len(words))
        for i, (_start, _end, text_) in enumerate(words):
            if text_ not in terms:
                continue
            if i:
                floor, j = words[i - 1][1] - reach, i - 1
                while j >= 0 and words[j][0] >= floor:
                    keep[j], j = 1, j - 1
            budget, j = 2 * reach, i
            while j < len(words) and budget > 0:
                keep[j], budget, j = 1, budget - (words[j][1] - words[j][0]), j + 1
        token = Token(positions=True, chars=True, removestops=False, mode="index")
        for pos, (start, end, text_) in enumerate(words):
            if keep[pos]:
                token.text, token.matched, token.pos, token.startchar, token.endchar = \
                    text_, text_ in terms, pos, start, end
                yield token


_words: dict[str, _Words] = {}  # by field name


def _marked(hit, name: str, text: str, terms: dict) -> str:
    """Whoosh's highlighter (`hit.highlights(name, text=text, top=2)`) with the field's words analysed once
    each, the query's terms (prefix* expanded) found once per results, not once per hit, and the same lines
    chosen every time."""
    results, field = hit.results, hit.searcher.schema[name]
    key = (id(results), name)
    if key not in terms:
        terms[key] = frozenset(field.from_bytes(term)
                               for _field, term in results.query_terms(expand=True, fieldname=name))
    words = _words.get(name)
    if words is None or words.analyzer is not field.analyzer:  # one per field: an index opened again starts anew
        words = _words[name] = _Words(field.analyzer)
    return FORMATTER.format(best(FRAGMENTER.fragment_tokens(text, words.tokens(text, terms[key]))))


def best(fragments, top: int = 2) -> list:
    """The `top` fragments with the most (and most varied) matches, in text order. Whoosh's own choice
    breaks ties by the fragments' memory addresses, so the same hit could show other lines from one page
    view to the next; here the earlier fragment wins."""
    chosen = heapq.nsmallest(top, ((-SCORER(f), f.startchar, f) for f in fragments), key=lambda s: s[:2])
    return sorted((f for score, _start, f in chosen if -score >= 1), key=highlight.FIRST)


def snippet(hit, lang: str, matched: dict[str, list[str]], terms: dict | None = None) -> Markup:
    """A hit's few lines, matches marked: from its body, else its title, else the body's start. `terms` keeps
    the query's terms from one hit to the next of the same results."""
    terms = {} if terms is None else terms
    for name in (f"body_{lang}", f"title_{lang}"):
        if name not in matched:
            continue
        text = hit.get(name) or ""
        fragment = _marked(hit, name, _window(text, matched[name]), terms)
        if fragment:
            return Markup(rendering.sanitize_marks(fragment))
    body = hit.get(f"body_{lang}") or ""
    return Markup.escape(body[:220] + ("…" if len(body) > 220 else ""))
