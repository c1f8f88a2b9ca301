"""Full-text search. Only this package imports Whoosh: it owns the schema (`schema`), the per-process
searcher and index writes from the outbox, rebuild and verify (`index`), turns what a user types into a safe
query (`parsing`), ranks and counts (`ranking`) and shows snippets (`snippets`); `whoosh_fixes` mends
Whoosh where it ranked wrongly. This module is the search itself and what the rest of the application calls.

Design notes (measured on 53,000 documents): opening a searcher costs ~80 ms, so each process keeps one
and refreshes it; a second writer raises LockError at once, so writes wait a bounded time and otherwise
leave their work in the outbox for the next drain; prefix queries expand to a bounded number of terms.
"""
import math
import re
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from markupsafe import Markup

from whoosh import query

from ...models.content import HELD, HIDDEN, PUBLISHED
from .. import search_docs
from .index import (Difference, Index, after_commit, drain, index_state, pending, process_outbox, rebuild,
                    start_background_drain, stop_background_drain, verify)
from .parsing import as_typed, in_language, parse, prefix_clauses, text_fields
from .ranking import (count_matches, expansion_scores, few, matches, rank, rank_by_titles, rank_expansions, rank_scored,
                      walk)
from .schema import fold, make_schema, unfolded
from .snippets import query_terms, snippet
from . import blocks, whoosh_fixes

whoosh_fixes.apply()
blocks.apply()

__all__ = ["Difference", "Hit", "Results", "TYPES", "after_commit", "drain", "index_state", "make_schema", "pending",
           "process_outbox", "rebuild", "search", "start_background_drain", "stop_background_drain", "suggest",
           "verify"]

TYPES = search_docs.TYPES


@dataclass
class Hit:
    type: str
    id: int
    title: str
    snippet: Markup
    lang: str
    author: str
    author_name: str
    tags: list
    status: str
    ref: str
    updated: datetime | None


@dataclass
class Results:
    hits: list
    total: int
    page: int
    per_page: int
    facets: dict  # {"type": {"page": 3, ...}, "lang": {"en": 2, ...}}
    suggestion: str | None = None  # "did you mean"
    notice: str | None = None  # the query could not be read as written
    exact: bool = True  # False: counting stopped, more than `total` documents match; facet counts are None

    @property
    def pages(self) -> int:
        """The pages known to hold results: all of them when the total is exact; when counting stopped, at least
        these (the results page then offers a next page as long as each page is full)."""
        return max(1, math.ceil(self.total / self.per_page)) if self.total else 0


def _allowed(viewer, include_hidden: bool) -> query.Query:
    """What this person may find: published content; their own drafts, held and hidden items; and, for a
    moderator who asks, everyone's held and hidden items. Deleted content is never found."""
    published = query.Term("status", PUBLISHED)
    if not getattr(viewer, "is_authenticated", False):
        return published
    own = query.And([query.NumericRange("owner", viewer.id, viewer.id),
                     query.Or([query.Term("status", s) for s in ("draft", HELD, HIDDEN)])])
    parts = [published, own]
    if include_hidden and viewer.is_moderator:
        parts += [query.Term("status", HELD), query.Term("status", HIDDEN)]
    return query.Or(parts)


def _allowed_docs(state: Index, searcher, viewer, include_hidden: bool) -> set:
    """The same rule as _allowed, as a set of document numbers: the published set is cached per searcher, and
    only a signed-in person's own unpublished items (a short posting list) are looked up for each query."""
    allowed = state.docs(searcher, query.Term("status", PUBLISHED))
    if not getattr(viewer, "is_authenticated", False):
        return allowed
    extra = set(searcher.docs_for_query(query.And([
        query.NumericRange("owner", viewer.id, viewer.id),
        query.Or([query.Term("status", s) for s in ("draft", HELD, HIDDEN)])])))
    if include_hidden and viewer.is_moderator:
        extra |= state.docs(searcher, query.Term("status", HELD)) | state.docs(searcher, query.Term("status", HIDDEN))
    return allowed | extra if extra else allowed


def search(text: str, viewer, *, doc_type: str | None = None, lang: str | None = None, page: int = 1,
           per_page: int = 20, include_hidden: bool = False) -> Results:
    """Search everything this person may see. Never raises for odd input.

    Each language is searched on its own and the two rankings are merged by score: the same ranking as one
    query over the four text fields, but Whoosh skips postings that cannot reach the top far better in
    a query over two fields (at 100,000 documents "service desk" took 74 ms instead of 425)."""
    text = (text or "").strip()[:500]
    state = index_state()
    searcher = state.searcher()
    limit = current_app.config["SEARCH_COUNT_LIMIT"]
    parsed, notice = {}, None
    for code in ("en", "fr"):
        q, notice = parse(searcher, text, code)
        if q is not query.NullQuery:  # "the" is a stop word in English only
            parsed[code] = in_language(q, code)
    if not parsed:
        return Results([], 0, page, per_page, {"type": {}, "lang": {}}, notice=notice)
    allowed = _allowed_docs(state, searcher, viewer, include_hidden)
    narrowed = allowed
    if doc_type in TYPES:
        narrowed = narrowed & state.docs(searcher, query.Term("type", doc_type))
    chosen = [code for code in parsed if lang not in ("en", "fr") or code == lang]
    # Facets: what the query finds in each language, by type, whatever type or language is chosen.
    types = {name: state.docs(searcher, query.Term("type", name)) for name in TYPES}
    facets, facets_exact, total, exact = {"type": {}, "lang": {}}, True, 0, True
    # A lone prefix* word is scored per field, not per word (see expansion_scores): all its matches are at
    # hand, so they are counted to the last.
    prefixes = {code: prefix_clauses(q) for code, q in parsed.items()}
    scores = ({code: expansion_scores(searcher, clauses) for code, clauses in prefixes.items()}
              if all(prefixes.values()) else None)
    walked = {}  # language -> its matches' scores, when every match was counted and scored in one walk
    for code, q in parsed.items():
        if scores:
            matched = scores[code].keys() & allowed
            count, complete, by_type = len(matched), True, {name: len(matched & docs) for name, docs in types.items()}
        elif few(searcher, q, limit):
            count, by_type, found = walk(searcher, q, allowed, types, narrowed if code in chosen else None)
            complete, walked[code] = True, found
        else:
            count, complete, by_type = count_matches(searcher, q, allowed, limit, types)
        facets_exact &= complete
        if count:
            facets["lang"][code] = count if complete else None
        for name, n in by_type.items():
            if n or not complete:
                facets["type"][name] = facets["type"].get(name, 0) + n
        if code in chosen:
            if narrowed is allowed:
                found = count
            elif complete:  # every match was counted, by type too
                found = by_type[doc_type]
            else:
                found, complete, _ = count_matches(searcher, q, narrowed, limit)
            total, exact = total + found, exact and complete
    if not facets_exact:  # a count cut short says only that there are more
        facets["type"] = {name: None for name in facets["type"]}
    if scores:
        ranked = rank_expansions(searcher, [(parsed[code], scores[code]) for code in chosen], narrowed,
                                 page * per_page)
    elif all(code in walked for code in chosen):
        ranked = rank_scored(searcher, [(parsed[code], walked[code]) for code in chosen], page * per_page)
    else:
        queries = [parsed[code] for code in chosen]
        ranked = rank_by_titles(searcher, queries, narrowed, page * per_page)
        if ranked is None:
            ranked = rank(searcher, queries, narrowed, page * per_page)
    hits, words, terms = [], {code: query_terms(q) for code, q in parsed.items()}, {}
    for hit in ranked[(page - 1) * per_page: page * per_page]:
        hit_lang = hit.get("lang", "en")
        hits.append(Hit(hit["type"], hit["doc_id"], hit.get("label", ""),
                        snippet(hit, hit_lang, words.get(hit_lang, {}), terms), hit_lang, hit.get("author", ""),
                        hit.get("author_name", ""), [t for t in (hit.get("tags") or "").split(",") if t],
                        hit.get("status", PUBLISHED), hit.get("ref", ""), hit.get("updated")))
    suggestion = None
    if total == 0 and notice is None:
        suggestion = _did_you_mean(searcher, text, narrowed)
    return Results(hits, total, page, per_page, facets, suggestion=suggestion, notice=notice, exact=exact)


SPELLING_PREFIX = 1  # letters a correction shares with the word typed, as Lucene's spell checker does


def _did_you_mean(searcher, text: str, allowed) -> str | None:
    """A spelling correction of the query, offered only when the corrected query finds something.

    Each word is corrected as typed, against whole words ("clearence" → "clearance"), not as its stem
    ("clearenc" → "clearer"); a correction keeps the first letter, which Whoosh notes "can dramatically
    speed up suggestions" (at 100,000 documents a misspelled two-word query took half a second)."""
    q, typed = as_typed(searcher, text)
    try:
        corrected = searcher.correct_query(q, typed, correctors={"words": searcher.corrector("words")},
                                           prefix=SPELLING_PREFIX)
    except Exception:
        return None
    fixes = {token.original: token.text for token in corrected.tokens}
    if not fixes:
        return None
    analyzer = searcher.schema["words"].analyzer

    def replaced(words: dict) -> str:  # the words corrected, in what the user typed ("-word", "auteur:", quotes)
        return re.sub(r"\w+", lambda m: next((words[t.text] for t in analyzer(m.group()) if t.text in words),
                                             m.group()), text)

    # The correction is a whole word: read it again through the stemming analyzers before trying it.
    first = next((doc for doc in matches(searcher, parse(searcher, replaced(fixes), None)[0]) if doc in allowed),
                 None)
    if first is None:
        return None
    # The index folds accents: write each corrected word as the first text found writes it ("télétravail").
    stored = searcher.stored_fields(first)
    found_text = " ".join(stored.get(name) or "" for name in text_fields(None))
    for typed_word, fix in fixes.items():
        written = re.search(rf"\b{unfolded(fix)}\b", found_text, re.IGNORECASE)
        if written:
            fixes[typed_word] = written.group().lower()
    return replaced(fixes)


def suggest(text: str, viewer, limit: int = 8) -> list[dict]:
    """Page and person titles that start like what is typed, for the search box."""
    words = re.findall(r"\w+", (text or "").lower())[:6]
    if not words or len(words[-1]) < 2:
        return []
    searcher = index_state().searcher()
    q = query.And([query.Term("suggest", fold(word)[:12]) for word in words])
    kinds = query.Or([query.Term("type", "page"), query.Term("type", "person")])
    results = searcher.search(q, filter=query.And([_allowed(viewer, False), kinds]), limit=limit)
    return [{"type": hit["type"], "title": hit.get("label", ""), "ref": hit.get("ref", ""),
             "lang": hit.get("lang", "en")} for hit in results]
