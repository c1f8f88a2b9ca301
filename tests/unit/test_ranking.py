"""The results page ranks by Whoosh's scores with a recency boost, from a top-N search (rank), from the
documents with a query word in their title when that is shown to be enough (rank_by_titles) or, for queries
with few matches, from one walk that counts and scores every match (walk, rank_scored). All must give the
order that scoring every match and sorting would give: these tests compare them on random indexes."""
import random
from datetime import datetime, timedelta

import pytest
from whoosh import query
from whoosh.filedb.filestore import RamStorage
from whoosh.matching import AndMaybeMatcher, ListMatcher

from opsspace.services.search import parsing, ranking, schema

NOW = datetime(2026, 1, 1)
TYPES = ("page", "post", "comment")


def test_and_maybe_moves_its_optional_matcher_to_where_the_required_one_landed():
    """Whoosh 2.7.4 moved the optional matcher to the id asked for (2), not to where the required one landed
    (5): document 5 then lost the optional matcher's part of its score (whoosh_fixes)."""
    matcher = AndMaybeMatcher(ListMatcher([1, 5], all_weights=1.0), ListMatcher([3, 5], all_weights=2.0))
    matcher.skip_to(2)
    assert (matcher.id(), matcher.score()) == (5, 3.0)


def _index(seed: int, documents: int = 2000):
    """Words drawn from a skewed vocabulary (so common words have postings over many blocks), lengths from 5
    to 300 words, three types, ages up to 900 days; written as `seed + 1` segments (as incremental updates
    leave them), so matches are walked segment by segment."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(60)]
    weights = [1 / (n + 1) for n in range(60)]
    index = RamStorage().create_index(schema.make_schema())
    for segment in range(seed + 1):
        writer = index.writer()
        for n in range(segment, documents, seed + 1):
            writer.add_document(
                key=f"page:{n}", doc_id=n, type=rng.choice(TYPES), lang="en", status="published",
                title_en=" ".join(rng.choices(vocabulary, weights, k=rng.randint(1, 6))),
                body_en=" ".join(rng.choices(vocabulary, weights, k=rng.randint(5, 300))),
                created=NOW, updated=NOW - timedelta(days=rng.randint(0, 900)))
        writer.commit(merge=False)
    return index


QUERIES = ([f"w{n}" for n in range(0, 20, 2)] + [f"w{n} type:page" for n in range(12)]
           + [f"w{n} w{n + 3}" for n in range(12)] + [f'"w{n} w{n + 1}"' for n in range(6)]
           + [f"w{n} w{n + 1} w{n + 5}" for n in range(6)] + [f"w{n} -w{n + 1}" for n in range(6)])


@pytest.mark.parametrize("seed", range(3))
def test_every_ranking_equals_scoring_every_match(seed, monkeypatch):
    monkeypatch.setattr(ranking, "utcnow", lambda: NOW)
    by_titles = 0
    with _index(seed).searcher() as searcher:
        assert len(searcher.subsearchers or [searcher]) == seed + 1
        updated = searcher.reader().column_reader("updated")
        every = set(range(searcher.doc_count_all()))
        within = {docnum for docnum in every if docnum % 7}  # as if a few were drafts of someone else
        types = {name: set(searcher.docs_for_query(query.Term("type", name))) for name in TYPES}
        for text in QUERIES:
            q, _notice = parsing.parse(searcher, text, "en")
            hits = [hit for hit in searcher.search(q, limit=None) if hit.docnum in within]  # no top-N: all scored
            hits.sort(key=lambda hit: (-ranking.boosted(hit.score, updated[hit.docnum], NOW), hit.docnum))
            expected = [hit.docnum for hit in hits]
            need = 20
            ranked = ranking.rank(searcher, [q], within, need)
            assert [hit.docnum for hit in ranked][:need] == expected[:need], text
            count, by_type, scored = ranking.walk(searcher, q, within, types, within)
            assert count == len(expected), text
            assert by_type == {name: len(set(expected) & docs) for name, docs in types.items()}, text
            walked = ranking.rank_scored(searcher, [(q, scored)], need)
            assert [hit.docnum for hit in walked] == expected[:need], text
            assert [hit.score for hit in walked] == [hit.score for hit in hits][:need], text
            titled = ranking.rank_by_titles(searcher, [q], within, need)
            if titled is not None:  # shown to be the whole answer
                by_titles += 1
                assert [(hit.docnum, hit.score) for hit in titled] == [(hit.docnum, hit.score) for hit in hits][:need]
    assert by_titles >= 30  # of the 52 queries: words only, common enough in titles


def test_a_query_without_an_estimate_is_counted_and_ranked_apart():
    """few() needs Whoosh's estimate of a query's matches; a query class without one (Whoosh's base Query
    raises NotImplementedError) takes the counting and top-N path instead of the one walk."""
    class Unestimated(query.Term):
        def estimate_size(self, ixreader):
            raise NotImplementedError

    with _index(0, documents=50).searcher() as searcher:
        assert ranking.few(searcher, query.Term("body_en", "w0"), 1000)
        assert not ranking.few(searcher, Unestimated("body_en", "w0"), 1000)


def _titles_against_bodies(untitled: int, repeats: int):
    """Thirty old documents with "alpha" once in their title, against `untitled` new ones with it `repeats`
    times in their body: the fewer these are, the more "alpha" weighs in a body, until they overtake the
    titled ones, first only with their recency boost, then without it."""
    index = RamStorage().create_index(schema.make_schema())
    writer = index.writer()
    for n in range(30 + untitled):
        titled = n < 30
        writer.add_document(
            key=f"page:{n}", doc_id=n, type="page", lang="en", status="published",
            title_en="alpha report" if titled else f"other w{n}",
            body_en=" ".join(["beta"] * 40 if titled else ["alpha"] * repeats + ["gamma"] * 10),
            created=NOW, updated=NOW - timedelta(days=900 if titled else 0))
    writer.commit()
    return index


@pytest.mark.parametrize("text", ["alpha", "alpha beta", "alpha twice"])
def test_ranking_by_titles_gives_way_when_an_untitled_document_could_enter(text, monkeypatch):
    """Near the bound: rank_by_titles answers only when no untitled document could be among the first, with
    its recency boost, and each time it answers it gives what scoring every match gives."""
    monkeypatch.setattr(ranking, "utcnow", lambda: NOW)
    answered, declined = 0, 0
    for untitled in range(1, 200, 6):
        for repeats in (1, 4):
            with _titles_against_bodies(untitled, repeats).searcher() as searcher:
                updated = searcher.reader().column_reader("updated")
                within = set(range(searcher.doc_count_all()))
                q, _notice = parsing.parse(searcher, text.replace(" twice", ""), "en")
                if text.endswith(" twice"):  # the parser says a word once; a query built otherwise may not
                    q = query.And([q, q])
                hits = list(searcher.search(q, limit=None))
                hits.sort(key=lambda hit: (-ranking.boosted(hit.score, updated[hit.docnum], NOW), hit.docnum))
                titled = ranking.rank_by_titles(searcher, [q], within, 10)
                if titled is None:
                    declined += 1
                else:
                    answered += 1
                    assert [(hit.docnum, hit.score) for hit in titled] == [(h.docnum, h.score) for h in hits][:10]
    assert answered and declined
