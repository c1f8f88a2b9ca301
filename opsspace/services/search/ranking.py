"""Ranking and counting: BM25 with a recency boost, the languages merged into one order, lone prefix* words
scored per field, and counts that stop past a limit."""
import heapq
import math
from datetime import datetime

from whoosh import query, searching
from whoosh.reading import TermNotFound
from whoosh.util.times import datetime_to_long

from ...models import utcnow
from . import blocks


RECENCY_BOOST = 0.25  # the most a score is raised for being new (today: ×1.25; half a year old: ×1.09)


def boosted(score: float, updated: datetime | None, now: datetime) -> float:
    """Score, nudged up for recent content (half a year old loses about a tenth of the boost). Age counts in
    whole days, so equal scores stay equal (and keep document order) from one page of results to the next."""
    return score * boost(max(0, (now - (updated or now)).days))


def boost(age_days: int) -> float:
    """The recency factor of something `age_days` whole days old."""
    return 1.0 + RECENCY_BOOST * math.exp(-age_days / 180)


def merged(hits: list, updated, now: datetime) -> list:
    """Hits of every language in one order: score with the recency boost, then document number."""
    return sorted(hits, key=lambda hit: (-boosted(hit.score, updated[hit.docnum], now), hit.docnum))


def rank(searcher, queries: list, within: set, need: int) -> list:
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
            results = searcher.search(q, filter=within, limit=limit)
            hits = [hit for hit in results]  # not list(results): its length hint would count every match
            fetched += hits
            if len(hits) == limit:  # there may be more
                complete = False
                floors.append(hits[-1].score)
        order = merged(fetched, updated, now)
        if complete:
            return order
        if len(order) >= need:
            bar = boosted(order[need - 1].score, updated[order[need - 1].docnum], now)
            if max(floors) * (1.0 + RECENCY_BOOST) < bar:
                return order
        limit *= 4


#: The score of a lone prefix* word, per field where one of its words appears (summed over fields).
EXPANSION_WEIGHTS = {"title": 2.0, "body": 1.0}
_DAY_TICKS = 86_400 * 1_000_000  # a day in the units of Whoosh's DATETIME columns (microseconds)
_TICKS = blocks.SegmentKept()  # segment id, or a searcher's segment ids -> "updated" column, raw


def expansion_scores(searcher, clauses: list[tuple[str, list[str]]]) -> dict[int, float]:
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


def updated_ticks(searcher) -> list[int]:
    """The "updated" column of every document, raw (microseconds since year 1), by document number. Each
    segment's column is read once (74 ms for 100,000 documents) and kept while the segment lives; the columns
    of one searcher's segments are joined once, not on every search. Callers must not change the list."""
    readers = [leaf.reader() for leaf, _offset in searcher.subsearchers or [(searcher, 0)]]
    segments = tuple(reader.segment().segment_id() for reader in readers)

    def column(reader, segment):
        return _TICKS.get(segment, lambda: list(reader.column_reader("updated", translate=False).load()))

    if len(readers) == 1:
        return column(readers[0], segments[0])
    return _TICKS.get(segments, lambda: [tick for reader, segment in zip(readers, segments)
                                         for tick in column(reader, segment)])


def rank_expansions(searcher, scored: list[tuple[query.Query, dict]], within: set, need: int) -> list:
    """The first `need` hits of lone prefix* words (one query per language), in the order `rank` gives.

    The scores take a few values (a title 2, a body 1, both 3) that the recency boost (at most ×1.25) never
    lifts past one another, so the order is by score, then by age in whole days, then by document number,
    and only the best `need` of each score are ordered."""
    now = utcnow()
    now_ticks, ticks = datetime_to_long(now), updated_ticks(searcher)
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
        fetched += [hit for hit in searching.Results(searcher, q, best)]  # no collector: no len()
    return merged(fetched, searcher.reader().column_reader("updated"), now)


def _matchers(searcher, q: query.Query, scored: bool = False):
    """(offset, matcher) of `q` in each segment: scored as Whoosh's collectors score (in the top searcher's
    context), or boolean."""
    context = searcher.context() if scored else None
    for leaf, offset in searcher.subsearchers or [(searcher, 0)]:
        try:
            matcher = q.matcher(leaf, context or leaf.boolean_context())
        except TermNotFound:
            continue
        yield offset, matcher


def matches(searcher, q: query.Query):
    """The document numbers `q` matches, in order, one at a time (Whoosh's docs_for_query reads every match of
    an AND into sets first, which a count that stops early cannot use)."""
    for offset, matcher in _matchers(searcher, q):
        while matcher.is_active():
            yield offset + matcher.id()
            matcher.next()


#: The most matches a query may have for them all to be scored while they are counted (see walk); past it
#: they are counted alone and Whoosh's collector scores only those that can reach the page.
SCORED_WALK = 1000


def few(searcher, q: query.Query, limit: int) -> bool:
    """Whether `q` can match so few documents that all are counted (`limit`, 0: no limit) and scoring each
    costs less than ranking apart (SCORED_WALK). Whoosh's estimate is an upper bound: the number of
    documents holding a term, summed over an OR, the least of an AND."""
    try:
        estimate = q.estimate_size(searcher.reader())
    except NotImplementedError:
        return False
    return estimate <= min(limit or SCORED_WALK, SCORED_WALK)


def walk(searcher, q: query.Query, within: set, sets: dict, scored: set | None = None) -> tuple[int, dict, list]:
    """Every match of `q` in `within`, in one walk: how many, how many in each of `sets`, and the score of
    each one also in `scored` (None: score none), as [(score, docnum)].

    For a query whose matches will all be counted anyway, scoring them on the way costs less than counting
    and then ranking apart (a second walk, and rank's rounds when the recency boost could reorder): at
    10,000 documents "procurement" took 4.4 ms instead of 10.4. The scores are Whoosh's own: the matcher
    is built as its collectors build it, in the top searcher's scored context."""
    matched, scores = set(), {}
    for part in _one_word(q) or [q]:
        for offset, matcher in _matchers(searcher, part, scored is not None):
            while matcher.is_active():
                docnum = offset + matcher.id()
                if docnum in within:
                    matched.add(docnum)
                    if scored is not None and docnum in scored:
                        score = matcher.score()
                        scores[docnum] = scores[docnum] + score if docnum in scores else score
                matcher.next()
    return (len(matched), {name: len(matched & members) for name, members in sets.items()},
            [(score, docnum) for docnum, score in scores.items()])


def _one_word(q: query.Query) -> list | None:
    """The terms of a one-word query (a term, or an OR of two: the word in a title and in a body), walked
    term by term, without Whoosh's union matcher (twice as fast): a document's score is its two terms' scores
    added, as the union matcher adds them (a sum of two floats is the same in either order)."""
    if type(q) is query.Term:
        return [q]
    if (type(q) is query.Or and len(q.subqueries) == 2 and q.boost == 1.0 and not q.scale and not q.minmatch
            and all(type(term) is query.Term for term in q.subqueries)):
        return list(q.subqueries)
    return None


def rank_scored(searcher, scored: list[tuple[query.Query, list]], need: int) -> list:
    """The first `need` hits of fully scored matches ((query, [(score, docnum)]) per language, from `walk`),
    in the order `rank` gives: score with the recency boost, then document number."""
    now = utcnow()
    return _hits(searcher, scored, heapq.nsmallest(need, _boosted_keys(searcher, scored, now)), now)


def _boosted_keys(searcher, scored: list[tuple[query.Query, list]], now: datetime) -> list[tuple]:
    """(-boosted score, docnum, which query, score) of each scored match, so the least come first in
    rank's order: boosted() from the raw "updated" column, one factor per age in days."""
    now_ticks, ticks, factors, keyed = datetime_to_long(now), updated_ticks(searcher), {}, []
    for n, (_q, found) in enumerate(scored):
        for score, docnum in found:
            age = max(0, (now_ticks - ticks[docnum]) // _DAY_TICKS)
            factor = factors.get(age) or factors.setdefault(age, boost(age))
            keyed.append((-(score * factor), docnum, n, score))
    return keyed


def _hits(searcher, scored: list[tuple[query.Query, list]], best: list[tuple], now: datetime) -> list:
    """Whoosh's hits of the `best` keys (from _boosted_keys, with the same `now`), in rank's order."""
    fetched = []
    for n, (q, _found) in enumerate(scored):
        chosen = [(score, docnum) for _key, docnum, m, score in best if m == n]
        fetched += [hit for hit in searching.Results(searcher, q, chosen)]  # no collector: no len()
    return merged(fetched, searcher.reader().column_reader("updated"), now)


#: The most documents with a query's words in their title that rank_by_titles scores before leaving the
#: query to Whoosh's top-N search (about 5 µs each).
TITLED_MOST = 4000
_MARGIN = 1e-9  # relative: a bound and a score summed in different orders may differ in the last digits


def rank_by_titles(searcher, queries: list, within: set, need: int) -> list | None:
    """The first `need` hits of `queries` in rank's order, found from the documents with a query word in
    their title, or None when that cannot be shown to be the whole answer (then `rank` searches).

    A title counts four times a body (the schema's field boost), so the best matches of common words are
    nearly always titled. A document whose title holds none of the words scores at most the sum of the
    body words' best possible scores (Whoosh's own bound, the one its top-N search skips blocks by): when
    the `need`-th titled hit, boosted, beats that bound even at the full recency boost, no untitled
    document can enter the first `need`. Only the titled documents are then scored, each by Whoosh's own
    matcher as its collectors build it, so the scores are Whoosh's to the last digit. This is the MaxScore
    method with titles as the essential lists: at 100,000 documents "service desk" (37,000 matches) took
    5 ms instead of Whoosh's 40."""
    scored, bound = [], 0.0
    for q in queries:
        terms = _plain_terms(q)
        if terms is None:
            return None
        titled = {term for term in terms if term.fieldname.startswith("title_")}
        untitled = [term for term in terms if term not in titled]  # a word twice in the query counts twice
        if not titled:
            return None
        found, candidates = [], 0
        context = searcher.context()  # scored as Whoosh's collectors score, in the top searcher's context
        for leaf, offset in searcher.subsearchers or [(searcher, 0)]:
            reader = leaf.reader()
            docs = set()
            for term in titled:
                try:
                    docs.update(reader.postings(term.fieldname, term.text).all_ids())
                except TermNotFound:
                    continue
            docs = sorted(docnum for docnum in docs if offset + docnum in within)
            candidates += len(docs)
            if candidates > TITLED_MOST:
                return None
            ceiling = 0.0
            for term in untitled:
                try:
                    ceiling += term.matcher(leaf, context).max_quality()
                except TermNotFound:
                    continue
            bound = max(bound, ceiling)
            if not docs:
                continue
            try:
                matcher = q.matcher(leaf, context)
            except TermNotFound:
                continue
            for docnum in docs:
                if not matcher.is_active():
                    break
                matcher.skip_to(docnum)
                if matcher.is_active() and matcher.id() == docnum:
                    found.append((matcher.score(), offset + docnum))
        scored.append((q, found))
    now = utcnow()
    best = heapq.nsmallest(need, _boosted_keys(searcher, scored, now))
    if len(best) < need or -best[-1][0] <= bound * (1.0 + RECENCY_BOOST) * (1.0 + _MARGIN):
        return None
    return _hits(searcher, scored, best, now)


def _plain_terms(q: query.Query) -> list | None:
    """The terms of a query of words only (terms, ANDs and ORs, nothing boosted), whose score is the sum of
    its matching terms' scores, each as often as it appears; None for anything else (phrases, NOT,
    prefixes, ranges, boosts)."""
    if type(q) is query.Term:
        return [q] if q.boost == 1.0 else None
    if type(q) is query.And or (type(q) is query.Or and not q.scale and not q.minmatch):
        if q.boost != 1.0:
            return None
        terms = []
        for part in q.subqueries:
            found = _plain_terms(part)
            if found is None:
                return None
            terms += found
        return terms
    return None


def count_matches(searcher, q: query.Query, within: set, limit: int,
                  sets: dict | None = None) -> tuple[int, bool, dict]:
    """How many documents of `within` match `q`, stopping past `limit` (0: no limit); (count, exact, per
    value of `sets`). Counting walks every match in document order: on common words at 100,000 documents that
    is most of a search's time, so past the limit the page says "more than" instead of counting on."""
    count, by_value = 0, {name: 0 for name in sets or {}}
    for docnum in matches(searcher, q):
        if docnum not in within:
            continue
        count += 1
        for name, members in (sets or {}).items():
            if docnum in members:
                by_value[name] += 1
        if limit and count > limit:
            return limit, False, by_value
    return count, True, by_value
