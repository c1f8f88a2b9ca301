"""Full-text search. The only module that imports Whoosh: it owns the schema, the per-process searcher,
index writes (from the outbox), rebuild and verify, and turns what a user types into a safe query.

Design notes (measured on 53,000 documents): opening a searcher costs ~80 ms, so each process keeps one
and refreshes it; a second writer raises LockError at once, so writes wait a bounded time and otherwise
leave their work in the outbox for the next drain; prefix queries expand to a bounded number of terms.
"""
import heapq
import itertools
import math
import os
import re
import shutil
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from markupsafe import Markup
from sqlalchemy import delete, select

from whoosh import fields, highlight, index, qparser, query, searching
from whoosh.analysis import CharsetFilter, LowercaseFilter, NgramWordAnalyzer, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map
from whoosh.reading import TermNotFound
from whoosh.util.times import datetime_to_long
from whoosh.writing import LockError

from ..database import begin_write
from ..extensions import db
from ..models import SearchOutbox, utcnow
from ..models.content import HELD, HIDDEN, PUBLISHED
from . import rendering, search_docs

WRITER_TIMEOUT = 2.0  # seconds a write waits for another process's writer before leaving work in the outbox
PREFIX_LIMIT = 64  # most terms a prefix* query expands to (the most frequent ones)
SNIPPET_WINDOW = 600  # characters of a long text handed to the highlighter, around the first match
FILTER_CACHE = 64  # permission and narrowing filters kept per searcher
TYPES = search_docs.TYPES
FIELD_ALIASES = {"author": "author", "auteur": "author", "tag": "tags", "type": "type", "lang": "lang",
                 "langue": "lang"}
TYPE_ALIASES = {"page": "page", "pages": "page", "post": "post", "posts": "post", "billet": "post",
                "comment": "comment", "comments": "comment", "commentaire": "comment", "person": "person",
                "people": "person", "personne": "person"}


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def _analyzer(language: str):
    """Words, lower case, accents folded (so "employe" finds "employés"), stop words, stemmed."""
    stops = frozenset(_fold(word) for word in stopwords_for_language(language))
    return (RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(stoplist=stops, minsize=2) | StemFilter(lang=language))


def _plain_analyzer():
    """Whole words, lower case and folded: for spelling suggestions."""
    return RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map)


def make_schema() -> fields.Schema:
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),  # "page:12"
        type=fields.ID(stored=True),  # page, post, comment, person
        doc_id=fields.NUMERIC(stored=True),
        # Each text goes in the fields of its own language; a query searches both unless lang: narrows it.
        title_en=fields.TEXT(analyzer=_analyzer("en"), stored=True, field_boost=4.0),
        title_fr=fields.TEXT(analyzer=_analyzer("fr"), stored=True, field_boost=4.0),
        body_en=fields.TEXT(analyzer=_analyzer("en"), stored=True),
        body_fr=fields.TEXT(analyzer=_analyzer("fr"), stored=True),
        words=fields.TEXT(analyzer=_plain_analyzer(), spelling=True),  # did-you-mean source
        suggest=fields.TEXT(analyzer=NgramWordAnalyzer(minsize=2, maxsize=12, at="start")),  # typeahead
        author=fields.ID(stored=True),
        author_name=fields.STORED(),
        tags=fields.KEYWORD(stored=True, commas=True, lowercase=True),
        lang=fields.ID(stored=True),
        status=fields.ID(stored=True),
        owner=fields.NUMERIC(stored=True),
        ref=fields.STORED(),
        label=fields.STORED(),  # the title shown for the result (for a comment: what it is on; not searched)
        created=fields.DATETIME(stored=True, sortable=True),
        updated=fields.DATETIME(stored=True, sortable=True),
        stamp=fields.STORED(),
    )


def _fields_of(doc: search_docs.Doc) -> dict:
    lang = "fr" if doc.lang == "fr" else "en"
    # A comment is found by its own words, not by the title of the post it is on.
    title = "" if doc.type == "comment" else doc.title
    return {
        "key": doc.key, "type": doc.type, "doc_id": doc.id, f"title_{lang}": title, f"body_{lang}": doc.text,
        "label": doc.title, "words": f"{title} {doc.text}",
        "suggest": doc.title if doc.type in ("page", "person") else "",
        "author": doc.author, "author_name": doc.author_name, "tags": ",".join(doc.tags), "lang": lang,
        "status": doc.status, "owner": doc.owner, "ref": doc.ref, "created": doc.created or datetime(2000, 1, 1),
        "updated": doc.updated or datetime(2000, 1, 1), "stamp": doc.stamp,
    }


# --- the index and the per-process searcher ---------------------------------------------------

class _Index:
    """One per app (and so per process): the index handle and a long-lived searcher."""

    def __init__(self, directory: str):
        self.directory = directory
        self.lock = threading.Lock()
        self._ix = None
        self._searcher = None
        # Document sets of filter queries (status:published, type:page...), valid for one searcher: computing
        # "every published document" costs a pass over its postings, on every query, without this cache.
        self._filters: dict = {}
        self._filters_for = None
        # Set in served processes (`opsspace serve`): their indexing thread applies the outbox, woken by each
        # save, so a request does not wait for the index commit (most of a save's time on a large index).
        self.indexer: threading.Event | None = None
        self.stop_indexer = threading.Event()

    def ix(self):
        if self._ix is None:
            os.makedirs(self.directory, exist_ok=True)
            if index.exists_in(self.directory):
                self._ix = index.open_dir(self.directory)
            else:
                self._ix = index.create_in(self.directory, make_schema())
        return self._ix

    def searcher(self):
        with self.lock:
            if self._searcher is None:
                self._searcher = self.ix().searcher()
            else:
                self._searcher = self._searcher.refresh()  # cheap when nothing changed
            if self._filters_for is not self._searcher:  # the index changed: the cached sets are stale
                self._filters, self._filters_for = {}, self._searcher
            return self._searcher

    def docs(self, searcher, q: query.Query) -> set:
        """The document numbers matching a filter query, cached for this searcher. Callers must not change it."""
        key = repr(q)
        with self.lock:
            if self._filters_for is searcher and key in self._filters:
                return self._filters[key]
        found = set(searcher.docs_for_query(q))
        with self.lock:
            if self._filters_for is searcher:
                if len(self._filters) >= FILTER_CACHE:
                    self._filters.clear()
                self._filters[key] = found
        return found

    def reset(self):
        with self.lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._ix = None, None
            self._filters, self._filters_for = {}, None


def _state() -> _Index:
    app = current_app._get_current_object()
    state = app.extensions.get("opsspace.search")
    if state is None:
        state = app.extensions["opsspace.search"] = _Index(app.config["SEARCH_INDEX_DIR"])
    return state


# --- writing: the outbox ----------------------------------------------------------------------

def process_outbox(limit: int = 1000, timeout: float = WRITER_TIMEOUT) -> int:
    """Apply pending outbox rows to the index. Never raises for a busy index: the rows stay for later.
    Returns how many rows were applied."""
    rows = list(db.session.scalars(select(SearchOutbox).order_by(SearchOutbox.id).limit(limit)))
    if not rows:
        return 0
    try:
        writer = _state().ix().writer(timeout=timeout)
    except LockError:
        return 0  # another process is writing; it, the next save, start-up or `search update` will drain these
    try:
        for doc_type, doc_id in dict.fromkeys((row.doc_type, row.doc_id) for row in rows):
            doc = search_docs.load(doc_type, doc_id)
            if doc is None:
                writer.delete_by_term("key", f"{doc_type}:{doc_id}")
            else:
                writer.update_document(**_fields_of(doc))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    done = [row.id for row in rows]
    # The rows were read in a plain read transaction: on SQLite a write there fails at once ("database is
    # locked") when another process wrote meanwhile. Remove them in a write transaction of their own (rows
    # queued since stay: their ids are not in this list).
    db.session.rollback()
    begin_write()
    db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_(done)))
    db.session.commit()
    return len(done)


def drain(batch: int = 1000) -> int:
    """Apply every pending row (startup, `opsspace search update`)."""
    total = 0
    while True:
        done = process_outbox(limit=batch, timeout=30)
        total += done
        if done < batch:
            return total


def after_commit() -> None:
    """Called after a content write: bring the index up to date, without ever failing the request.

    With SEARCH_DEFER_INDEXING (bulk imports), the work stays in the outbox for `opsspace search update`
    or `rebuild`: one index commit per imported item would cost more than the import itself."""
    if current_app.config.get("SEARCH_DEFER_INDEXING"):
        return
    indexer = _state().indexer
    if indexer is not None:  # a served process: its indexing thread applies the work now, off the request
        indexer.set()
        return
    try:
        process_outbox()
    except Exception:  # the outbox keeps the work; log it for the operators
        current_app.logger.exception("search index update failed; the outbox keeps the work")


def pending() -> int:
    from sqlalchemy import func

    return db.session.scalar(select(func.count()).select_from(SearchOutbox))


PARALLEL_READ_MIN = 2000  # documents from which a rebuild reads and renders them in other processes


def rebuild(progress=None, procs: int = 1) -> int:
    """Build a fresh index from the database beside the old one, then swap it in. Returns documents indexed.

    `procs` is the number of Whoosh writer processes. Reading and rendering the documents (Markdown to plain
    text) costs as much as indexing them, so on a machine with several cores and a large site it is done by
    other processes while this one writes the index."""
    state = _state()
    target = state.directory
    fresh = target.rstrip("/") + ".rebuild"
    shutil.rmtree(fresh, ignore_errors=True)
    os.makedirs(fresh)
    ix = index.create_in(fresh, make_schema())
    writer = ix.writer(procs=procs, limitmb=128, multisegment=procs > 1) if procs > 1 else ix.writer(limitmb=128)
    db.session.execute(delete(SearchOutbox))  # the rebuild covers every pending change
    db.session.commit()
    count = 0
    readers = (os.cpu_count() or 1) - 1
    try:
        if readers >= 1 and search_docs.count() >= PARALLEL_READ_MIN:
            batches = _read_in_parallel(readers)
        else:
            batches = (([doc for doc in [doc] if doc is not None], 1) for _t, _i, doc in search_docs.every())
        for docs, read in batches:
            for doc in docs:
                writer.add_document(**_fields_of(doc))
            count += len(docs)
            if progress:
                progress(read)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    state.reset()
    old = target.rstrip("/") + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(target):
        os.rename(target, old)
    os.rename(fresh, target)
    shutil.rmtree(old, ignore_errors=True)
    return count


_READER_APP = None  # the app a reading process works in (set before the processes are forked)


def _read_batch(job) -> tuple[list, int]:
    doc_type, ids = job
    with _READER_APP.app_context():
        try:
            return search_docs.load_many(doc_type, ids), len(ids)
        finally:
            db.session.remove()


def _forget_connections() -> None:
    with _READER_APP.app_context():
        db.engine.dispose(close=False)  # the parent's connections are not this process's to use


def _read_in_parallel(readers: int):
    """(documents, items read) batches, read and rendered by `readers` forked processes, in order. At most a
    few batches per process are in flight, so memory stays flat however large the site."""
    import multiprocessing
    from collections import deque

    global _READER_APP
    _READER_APP = current_app._get_current_object()
    jobs = iter(list(search_docs.id_batches()))  # only ids: small even for a large site
    db.session.remove()
    db.engine.dispose()  # no connection may cross the fork
    context = multiprocessing.get_context("fork")
    with context.Pool(readers, initializer=_forget_connections) as pool:
        waiting = deque(pool.apply_async(_read_batch, (job,)) for job in itertools.islice(jobs, 4 * readers))
        while waiting:
            result = waiting.popleft().get()
            job = next(jobs, None)
            if job is not None:
                waiting.append(pool.apply_async(_read_batch, (job,)))
            yield result


@dataclass
class Difference:
    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    extra: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def verify(progress=None) -> Difference:
    """Compare the index with the database: documents missing from it, stale in it, or extra."""
    stored = {fields_["key"]: fields_.get("stamp") for fields_ in _state().searcher().all_stored_fields()}
    result = Difference()
    for doc_type, doc_id, doc in search_docs.every():
        key = f"{doc_type}:{doc_id}"
        if doc is None:
            if key in stored:
                result.extra.append(key)
        elif key not in stored:
            result.missing.append(key)
        elif stored[key] != doc.stamp:
            result.stale.append(key)
        stored.pop(key, None)
        if progress:
            progress(1)
    result.extra.extend(sorted(stored))
    return result


# --- reading: queries -------------------------------------------------------------------------

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


def _allowed_docs(state: _Index, searcher, viewer, include_hidden: bool) -> set:
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


_MINUS_RE = re.compile(r"(^|\s)-(?=[\w\"])")
_TYPE_RE = re.compile(r"\btype:(\w+)", re.IGNORECASE)
_FIELD_RE = re.compile(r"\b(auteur|langue):", re.IGNORECASE)


def _prepare(text: str) -> str:
    """What people type, in Whoosh's syntax: -word excludes, French field names, type aliases."""
    parts = text.split('"')
    for i in range(0, len(parts), 2):  # outside quotes only
        parts[i] = _MINUS_RE.sub(r"\1NOT ", parts[i])
        parts[i] = _TYPE_RE.sub(lambda m: "type:" + TYPE_ALIASES.get(m.group(1).lower(), m.group(1).lower()), parts[i])
        parts[i] = _FIELD_RE.sub(lambda m: {"auteur": "author", "langue": "lang"}[m.group(1).lower()] + ":", parts[i])
        parts[i] = re.sub(r"\btag:", "tags:", parts[i])
    return '"'.join(parts)


def _text_fields(lang: str | None) -> list[str]:
    languages = [lang] if lang in ("en", "fr") else ["en", "fr"]
    return [f"{kind}_{code}" for code in languages for kind in ("title", "body")]


def _parser(schema, lang: str | None):
    parser = qparser.MultifieldParser(_text_fields(lang), schema, group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.BoostPlugin)  # "^" in ordinary text is not a boost
    return parser


class _Expansion(query.DisjunctionMax):
    """The words one prefix* or wildcard stands for, in one field (made by _bound_prefixes)."""


def _expansions(q: query.Query) -> list[tuple[str, list[str]]] | None:
    """When `q` is a lone prefix* or wildcard word (over one field or several): (field, words) per field;
    otherwise None."""
    clauses = []
    for child in q.subqueries if type(q) is query.Or else [q]:
        if child is query.NullQuery:
            continue
        if not isinstance(child, _Expansion):
            return None
        clauses.append((child.subqueries[0].fieldname, [term.text for term in child.subqueries]))
    return clauses or None


def _bound_prefixes(q: query.Query, reader) -> query.Query:
    """Replace each prefix* / wildcard by its most frequent matching terms (at most PREFIX_LIMIT)."""
    if isinstance(q, (query.Prefix, query.Wildcard)):
        text = _fold(q.text.lower())
        stem = text.split("*")[0].split("?")[0]
        if len(stem) < 2:
            return query.NullQuery
        terms = [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.expand_prefix(q.fieldname, stem)]
        if isinstance(q, query.Wildcard):
            pattern = re.compile(re.escape(text).replace(r"\*", ".*").replace(r"\?", ".") + "$")
            terms = [t for t in terms if pattern.match(t)]
        terms = sorted(terms, key=lambda t: -reader.doc_frequency(q.fieldname, t))[:PREFIX_LIMIT]
        return _Expansion([query.Term(q.fieldname, t) for t in terms]) if terms else query.NullQuery
    return q.apply(lambda child: _bound_prefixes(child, reader))


def _positional(q: query.Query) -> bool:
    """True when the query checks word positions (a "phrase" somewhere in it)."""
    if isinstance(q, (query.Phrase, query.Ordered, query.Sequence)):
        return True
    return any(_positional(child) for child in q.children())


def _plain_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


def _parse(searcher, text: str, lang: str | None) -> tuple[query.Query, str | None]:
    """The user's query; when it cannot be read, its plain words, with a notice saying so."""
    from flask_babel import gettext as _

    parser = _parser(searcher.schema, lang)
    try:
        return _bound_prefixes(parser.parse(_prepare(text)), searcher.reader()), None
    except Exception:  # Whoosh raises many kinds on odd input: fall back, never fail the page
        words = _plain_words(text)
        notice = _("Your search could not be read as written, so it looked for its words instead.")
        return _bound_prefixes(parser.parse(words), searcher.reader()) if words else query.NullQuery, notice


# Lower case and accents folded one character for one character, so positions in the folded text are
# positions in the original.
_FOLD_TABLE = {code: folded for code in range(0xC0, 0x250)
               if len(folded := _fold(chr(code)).lower()) == 1 and chr(code).lower() != folded}


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


def _query_terms(q: query.Query) -> dict[str, list[str]]:
    """The words of the query, by field: what snippets mark. Asking Whoosh for each hit's own matched terms
    instead (terms=True) cost a third of a common word's search at 100,000 documents."""
    words: dict[str, list[str]] = {}
    for fieldname, term in q.iter_all_terms():
        words.setdefault(fieldname, []).append(term.decode("utf-8") if isinstance(term, bytes) else term)
    return words


def _snippet(hit, lang: str, matched: dict[str, list[str]]) -> Markup:
    for name in (f"body_{lang}", f"title_{lang}"):
        if name not in matched:
            continue
        text = hit.get(name) or ""
        fragment = hit.highlights(name, text=_window(text, matched[name]), top=2)
        if fragment:
            return Markup(rendering.sanitize_marks(fragment))
    body = hit.get(f"body_{lang}") or ""
    return Markup.escape(body[:220] + ("…" if len(body) > 220 else ""))


RECENCY_BOOST = 0.25  # the most a score is raised for being new (today: ×1.25; half a year old: ×1.09)


def _boosted(score: float, updated: datetime | None, now: datetime) -> float:
    """Score, nudged up for recent content (half a year old loses about a tenth of the boost). Age counts in
    whole days, so equal scores stay equal (and keep document order) from one page of results to the next."""
    age_days = max(0, (now - (updated or now)).days)
    return score * (1.0 + RECENCY_BOOST * math.exp(-age_days / 180))


def _highlighted(results):
    """Whoosh results whose hits give snippets of about 220 characters, matches in <mark>."""
    results.fragmenter = highlight.ContextFragmenter(maxchars=220, surround=50)
    results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
    return results


def _merged(hits: list, updated, now: datetime) -> list:
    """Hits of every language in one order: score with the recency boost, then document number."""
    return sorted(hits, key=lambda hit: (-_boosted(hit.score, updated[hit.docnum], now), hit.docnum))


def _ranked(searcher, queries: list, within: set, need: int) -> list:
    """At least the first `need` hits of all `queries` (one per language) in one global order: score with
    the recency boost, then document number.

    Only the best few hundred of thousands of matches are scored, so Whoosh can skip postings that cannot
    reach them. A hit not fetched has a score no higher than the last one fetched, so it can only overtake a
    fetched one by its boost: when even the full boost would not lift it to the `need`-th place, the order
    is final; otherwise fetch four times as many and look again. Every page is cut from the same order."""
    now, updated = utcnow(), searcher.reader().column_reader("updated")  # stored as naive UTC, like the rows
    limit = max(40, 2 * need)
    while True:
        fetched, complete, floors = [], True, []
        for q in queries:
            results = _highlighted(searcher.search(q, filter=within, limit=limit))
            hits = [hit for hit in results]  # not list(results): its length hint would count every match
            fetched += hits
            if len(hits) == limit:  # there may be more
                complete = False
                floors.append(hits[-1].score)
        order = _merged(fetched, updated, now)
        if complete:
            return order
        if len(order) >= need:
            bar = _boosted(order[need - 1].score, updated[order[need - 1].docnum], now)
            if max(floors) * (1.0 + RECENCY_BOOST) < bar:
                return order
        limit *= 4


#: The score of a lone prefix* word, per field where one of its words appears (summed over fields).
EXPANSION_WEIGHTS = {"title": 2.0, "body": 1.0}
_DAY_TICKS = 86_400 * 1_000_000  # a day in the units of Whoosh's DATETIME columns (microseconds)
_TICKS: OrderedDict = OrderedDict()  # segment id, or a searcher's segment ids -> "updated" column, raw
_TICKS_LOCK = threading.Lock()


def _expansion_scores(searcher, clauses: list[tuple[str, list[str]]]) -> dict[int, float]:
    """Document number -> score of a lone prefix* word: the weights of the fields where one of its words
    appears, as Lucene and Elasticsearch score prefix and wildcard queries (constant per clause), not by
    how often each word it stands for appears. Scoring each word of each match, as Whoosh would, took
    400 ms for "proc*" at 100,000 documents (27,000 matches); reading the postings whole takes a tenth."""
    scores: dict[int, float] = {}
    for leaf, offset in searcher.subsearchers or [(searcher, 0)]:
        reader = leaf.reader()
        for fieldname, words in clauses:
            weight, found = EXPANSION_WEIGHTS[fieldname.split("_")[0]], set()
            for word in words:
                try:
                    found.update(reader.postings(fieldname, word).all_ids())  # deleted documents left out
                except TermNotFound:
                    continue
            for docnum in found:
                scores[offset + docnum] = scores.get(offset + docnum, 0.0) + weight
    return scores


def _updated_ticks(searcher) -> list[int]:
    """The "updated" column of every document, raw (microseconds since year 1), by document number. Each
    segment's column is read once (74 ms for 100,000 documents) and kept while the segment lives; the columns
    of one searcher's segments are joined once, not on every search."""
    leaves = searcher.subsearchers or [(searcher, 0)]
    key = tuple(leaf.reader().segment().segment_id() for leaf, _offset in leaves)
    joined = _kept_ticks(key)
    if joined is None:
        joined = []
        for leaf, _offset in leaves:
            reader = leaf.reader()
            column = _kept_ticks(reader.segment().segment_id())
            if column is None:
                column = _keep_ticks(reader.segment().segment_id(),
                                     list(reader.column_reader("updated", translate=False).load()))
            joined += column
        joined = _keep_ticks(key, joined)
    return joined


def _kept_ticks(key):
    with _TICKS_LOCK:
        return _TICKS.get(key)


def _keep_ticks(key, ticks: list[int]) -> list[int]:
    with _TICKS_LOCK:
        _TICKS[key] = ticks
        while len(_TICKS) > 64:
            _TICKS.popitem(last=False)
    return ticks


def _ranked_expansions(searcher, scored: list[tuple[query.Query, dict]], within: set, need: int) -> list:
    """The first `need` hits of lone prefix* words (one query per language), in the order _ranked gives.

    The scores take a few values (a title 2, a body 1, both 3) that the recency boost (at most ×1.25) never
    lifts past one another, so the order is by score, then by age in whole days, then by document number,
    and only the best `need` of each score are ordered."""
    now = utcnow()
    now_ticks, ticks = datetime_to_long(now), _updated_ticks(searcher)
    fetched = []
    for q, scores in scored:
        by_score: dict[float, list[int]] = {}
        for docnum, score in scores.items():
            if docnum in within:
                by_score.setdefault(score, []).append(docnum)
        best = []
        for score in sorted(by_score, reverse=True):
            docs = heapq.nsmallest(need - len(best), by_score[score],
                                   key=lambda docnum: (max(0, (now_ticks - ticks[docnum]) // _DAY_TICKS), docnum))
            best += [(score, docnum) for docnum in docs]
            if len(best) >= need:
                break
        fetched += [hit for hit in _highlighted(searching.Results(searcher, q, best))]  # no collector: no len()
    return _merged(fetched, searcher.reader().column_reader("updated"), now)


def _needs_text(q: query.Query, fields_: set) -> bool:
    """True when every document `q` matches has a word in one of `fields_`."""
    if isinstance(q, query.Not):
        return False
    if isinstance(q, query.And):
        return any(_needs_text(child, fields_) for child in q.subqueries)
    if isinstance(q, (query.Or, query.DisjunctionMax)):
        return bool(q.subqueries) and all(_needs_text(child, fields_) for child in q.subqueries)
    if isinstance(q, (query.AndNot, query.AndMaybe, query.Require)):
        return _needs_text(q.a, fields_) or (isinstance(q, query.Require) and _needs_text(q.b, fields_))
    return getattr(q, "fieldname", None) in fields_


def _in_language(q: query.Query, code: str) -> query.Query:
    """`q` (parsed over one language's fields) for the documents of that language only. A document's text is
    in the fields of its own language, so a query that needs a word there can only match that language's
    documents; otherwise (only fields like author:, or only -words) the language is added as a condition."""
    if _needs_text(q, {f"title_{code}", f"body_{code}"}):
        return q
    return query.And([q, query.Term("lang", code)])


def _matches(searcher, q: query.Query):
    """The document numbers `q` matches, in order, one at a time (Whoosh's docs_for_query reads every match of
    an AND into sets first, which a count that stops early cannot use)."""
    for leaf, offset in searcher.subsearchers or [(searcher, 0)]:
        try:
            matcher = q.matcher(leaf, leaf.boolean_context())
        except TermNotFound:
            continue
        while matcher.is_active():
            yield offset + matcher.id()
            matcher.next()


def _count(searcher, q: query.Query, within: set, limit: int, sets: dict | None = None) -> tuple[int, bool, dict]:
    """How many documents of `within` match `q`, stopping past `limit` (0: no limit); (count, exact, per
    value of `sets`). Counting walks every match in document order: on common words at 100,000 documents that
    is most of a search's time, so past the limit the page says "more than" instead of counting on."""
    count, by_value = 0, {name: 0 for name in sets or {}}
    for docnum in _matches(searcher, q):
        if docnum not in within:
            continue
        count += 1
        for name, members in (sets or {}).items():
            if docnum in members:
                by_value[name] += 1
        if limit and count > limit:
            return limit, False, by_value
    return count, True, by_value


def search(text: str, viewer, *, doc_type: str | None = None, lang: str | None = None, page: int = 1,
           per_page: int = 20, include_hidden: bool = False) -> Results:
    """Search everything this person may see. Never raises for odd input.

    Each language is searched on its own and the two rankings are merged by score: the same ranking as one
    query over the four text fields, but Whoosh skips postings that cannot reach the top far better in
    a query over two fields (at 100,000 documents "service desk" took 74 ms instead of 425)."""
    text = (text or "").strip()[:500]
    state = _state()
    searcher = state.searcher()
    limit = current_app.config["SEARCH_COUNT_LIMIT"]
    parsed, notice = {}, None
    for code in ("en", "fr"):
        q, notice = _parse(searcher, text, code)
        if q is not query.NullQuery:  # "the" is a stop word in English only
            parsed[code] = _in_language(q, code)
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
    # A lone prefix* word is scored per field, not per word (see _expansion_scores): all its matches are at
    # hand, so they are counted to the last.
    expansions = {code: _expansions(q) for code, q in parsed.items()}
    scores = ({code: _expansion_scores(searcher, clauses) for code, clauses in expansions.items()}
              if all(expansions.values()) else None)
    for code, q in parsed.items():
        if scores:
            matched = scores[code].keys() & allowed
            count, complete, by_type = len(matched), True, {name: len(matched & docs) for name, docs in types.items()}
        else:
            count, complete, by_type = _count(searcher, q, allowed, limit, types)
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
                found, complete, _ = _count(searcher, q, narrowed, limit)
            total, exact = total + found, exact and complete
    if not facets_exact:  # a count cut short says only that there are more
        facets["type"] = {name: None for name in facets["type"]}
    if scores:
        ranked = _ranked_expansions(searcher, [(parsed[code], scores[code]) for code in chosen], narrowed,
                                    page * per_page)
    else:
        ranked = _ranked(searcher, [parsed[code] for code in chosen], narrowed, page * per_page)
    hits, words = [], {code: _query_terms(q) for code, q in parsed.items()}
    for hit in ranked[(page - 1) * per_page: page * per_page]:
        hit_lang = hit.get("lang", "en")
        hits.append(Hit(hit["type"], hit["doc_id"], hit.get("label", ""),
                        _snippet(hit, hit_lang, words.get(hit_lang, {})), hit_lang, hit.get("author", ""),
                        hit.get("author_name", ""), [t for t in (hit.get("tags") or "").split(",") if t],
                        hit.get("status", PUBLISHED), hit.get("ref", ""), hit.get("updated")))
    suggestion = None
    if total == 0 and notice is None:
        suggestion = _did_you_mean(searcher, _parse(searcher, text, None)[0], text, narrowed)
    return Results(hits, total, page, per_page, facets, suggestion=suggestion, notice=notice, exact=exact)


def _did_you_mean(searcher, q, text: str, allowed) -> str | None:
    """A spelling correction of the query, offered only when the corrected query finds something."""
    words = searcher.corrector("words")
    correctors = {name: words for name in _text_fields(None)}
    try:
        corrected = searcher.correct_query(q, text, correctors=correctors)
    except Exception:
        return None
    if not corrected.string or corrected.string.lower() == text.lower():
        return None
    # The correction is a whole word: read it again through the stemming analyzers before trying it.
    found = searcher.search(_parse(searcher, corrected.string, None)[0], filter=allowed, limit=1)
    return corrected.string if found.scored_length() else None


def suggest(text: str, viewer, limit: int = 8) -> list[dict]:
    """Page and person titles that start like what is typed, for the search box."""
    words = re.findall(r"\w+", (text or "").lower())[:6]
    if not words or len(words[-1]) < 2:
        return []
    searcher = _state().searcher()
    q = query.And([query.Term("suggest", _fold(word)[:12]) for word in words])
    kinds = query.Or([query.Term("type", "page"), query.Term("type", "person")])
    results = searcher.search(q, filter=query.And([_allowed(viewer, False), kinds]), limit=limit)
    return [{"type": hit["type"], "title": hit.get("label", ""), "ref": hit.get("ref", ""), "lang": hit.get("lang", "en")}
            for hit in results]


def start_background_drain(app) -> None:
    """Start this process's indexing thread: it applies the outbox as soon as a save wakes it (saves then
    return without waiting for the index commit), and every SEARCH_DRAIN_INTERVAL seconds what a busy index
    or a crash left behind. Without it (command line, tests), saves update the index before they return."""
    interval = app.config.get("SEARCH_DRAIN_INTERVAL", 0)
    if not interval:
        return
    with app.app_context():
        state = _state()
    wake = state.indexer = threading.Event()
    stop = state.stop_indexer = threading.Event()

    def loop():
        delay = 1.0  # the first check soon after start-up: work a crash left behind is applied at once
        while not stop.is_set():
            wake.wait(delay)
            wake.clear()  # saves committed after this point wake the thread again
            delay = interval
            if stop.is_set():
                return
            with app.app_context():
                try:
                    if pending():
                        process_outbox()
                except Exception:
                    app.logger.exception("background search drain failed; will try again")
                finally:
                    db.session.remove()

    threading.Thread(target=loop, name="search-drain", daemon=True).start()


def stop_background_drain(app) -> None:
    """Stop the indexing thread (after it finishes what it is doing); saves then update the index themselves."""
    state = app.extensions.get("opsspace.search")
    if state is None or state.indexer is None:
        return
    state.stop_indexer.set()
    wake, state.indexer = state.indexer, None
    wake.set()
