"""Searches keep decoded posting blocks and field lengths, and walk blocks by binary search (blocks): they must
find, score and rank exactly what Whoosh's own code does, within the memory they are given, and keep what
they decoded across searchers, since a segment never changes."""
import random

import pytest
from whoosh.codec import whoosh3

from opsspace.services.search import blocks, parsing

from .test_ranking import NOW, QUERIES, _index

TEXTS = QUERIES[::2] + ["w0 w1", "w0 w2", "w1 w2 w3", "w40", "w0 -w55", '"w0 w0"']


@pytest.fixture
def cache():
    """The process's cache, emptied, with a budget the test sets; put back as it was afterwards."""
    saved = blocks.CACHE.max_bytes
    blocks.CACHE.resize(0)
    yield blocks.CACHE
    blocks.CACHE.resize(saved)
    blocks.apply()


def _results(index, texts, limit):
    """What each query finds: (document, score) of the first `limit` (None: all, every match scored)."""
    with index.searcher() as searcher:
        found = {}
        for text in texts:
            q, _notice = parsing.parse(searcher, text, "en")
            found[text] = [(hit.docnum, hit.score) for hit in searcher.search(q, limit=limit)]
        return found


def _with_deletions(seed):
    index = _index(seed, documents=1500)
    writer = index.writer()
    for n in range(0, 1500, 11):
        writer.delete_by_term("key", f"page:{n}")
    writer.commit(merge=False)  # deletions are kept apart from the postings, which stay as written
    return index


@pytest.mark.parametrize("seed", [0, 2])  # one segment; three
def test_searches_find_and_score_what_whoosh_alone_does(seed, cache):
    index = _with_deletions(seed)
    blocks.remove()
    try:
        expected = {limit: _results(index, TEXTS, limit) for limit in (None, 10)}
    finally:
        blocks.apply()
    assert any(len(hits) > 300 for hits in expected[None].values())  # postings over several blocks
    for budget in (0, 20_000, 64 * 2**20):  # nothing kept; a few blocks, dropped and read again; all
        cache.resize(budget)
        for _round in range(2 if budget else 1):  # as read from the file, then as kept
            for limit in (None, 10):
                assert _results(index, TEXTS, limit) == expected[limit], (budget, limit)
        assert cache.bytes <= budget
        assert (len(cache) > 0) == (budget > 0)


def test_the_cache_counts_what_it_keeps_and_drops_the_least_recently_used(cache):
    index = _index(1)
    cache.resize(64 * 2**20)
    _results(index, TEXTS, None)
    kept = list(cache._entries.items())
    counted = sum(blocks._ENTRY_BYTES + sum(v.itemsize * len(v) + 64 for v in entry[1:] if v is not None)
                  for _key, entry in kept)
    assert cache.bytes == counted > 0
    assert any(entry[1] is not None and len(entry[1]) == 128 for _key, entry in kept)  # a full block, decoded
    cache.resize(cache.bytes // 2)
    assert cache.bytes <= cache.max_bytes
    assert list(cache._entries) == [key for key, _entry in kept][-len(cache):]  # the newest stayed
    cache.resize(0)
    assert len(cache) == 0 and cache.bytes == 0


def test_blocks_read_once_serve_the_next_searcher_after_a_write(cache, monkeypatch):
    index = _index(0)
    cache.resize(64 * 2**20)
    reads = []
    read_block = blocks._goto
    monkeypatch.setattr(blocks, "_goto", lambda matcher, position: reads.append(position) or read_block(matcher,
                                                                                                      position))
    first = _results(index, ["w0 w1"], None)
    assert len(reads) > 20  # two common words: many blocks
    writer = index.writer()
    writer.add_document(key="page:9999", doc_id=9999, type="page", lang="en", status="published",
                        title_en="w0", body_en="w0 w1", created=NOW, updated=NOW)
    writer.commit(merge=False)  # a new segment beside the first, as an incremental update leaves it
    reads.clear()
    second = _results(index, ["w0 w1"], None)
    assert len(second["w0 w1"]) == len(first["w0 w1"]) + 1
    assert len(reads) <= 4  # the new segment's postings only: w0 and w1, in a title and a body


def test_field_lengths_are_the_lengths_whoosh_reads(cache):
    index = _with_deletions(2)
    with index.searcher() as searcher:
        for leaf, _offset in searcher.subsearchers:
            reader = leaf.reader()
            for fieldname in ("title_en", "body_en"):
                lengths = blocks.field_lengths(reader, fieldname)
                assert list(lengths) == [reader.doc_field_length(docnum, fieldname)
                                         for docnum in range(reader.doc_count_all())]
            assert blocks.field_lengths(reader, "title_fr") is None  # no French here: Whoosh's default


def test_moving_to_a_document_lands_where_stepping_through_the_block_lands(cache):
    cache.resize(64 * 2**20)
    rng = random.Random(5)
    stepping = blocks.RELEASED[(whoosh3.W3LeafMatcher, "skip_to")]
    with _index(0, documents=3000).searcher() as searcher:
        reader = searcher.reader()
        assert reader.doc_frequency("body_en", "w0") > 1000
        for _round in range(20):
            ours, theirs = reader.postings("body_en", "w0"), reader.postings("body_en", "w0")
            assert isinstance(ours, whoosh3.W3LeafMatcher)
            target = 0
            while ours.is_active():
                target += rng.choice([1, 2, 3, 50, 200])
                ours.skip_to(target)
                stepping(theirs, target)
                assert ours.is_active() == theirs.is_active()
                if ours.is_active():
                    assert (ours.id(), ours.weight()) == (theirs.id(), theirs.weight())
