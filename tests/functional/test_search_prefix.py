"""A lone prefix* word ("proc*") is scored per field, as Lucene and Elasticsearch score prefix queries: a title
match 2, a body match 1, both 3, then the recency boost. The results pages must follow exactly the ranking
Whoosh gives the same query written with its own constant-score clauses, over several index segments, with
each count exact and unpublished work left out."""
import random
from datetime import timedelta

import pytest
from whoosh import query

from opsspace.extensions import db
from opsspace.models import utcnow
from opsspace.models.content import WikiPage
from opsspace.services import blog, search, wiki


def _exhaustive(word: str) -> list[str]:
    """Every match, ranked by Whoosh: per language, each field's expansion as a constant-score clause."""
    state = search.index_state()
    searcher = state.searcher()
    published = state.docs(searcher, query.Term("status", "published"))
    updated, now = searcher.reader().column_reader("updated"), utcnow()
    hits = []
    for code in ("en", "fr"):
        parsed, _notice = search.parsing.parse(searcher, word, code)
        clauses = search.parsing.prefix_clauses(parsed)
        weighed = query.Or([query.ConstantScoreQuery(query.Or([query.Term(field, text) for text in words]),
                                                     search.ranking.EXPANSION_WEIGHTS[field.split("_")[0]])
                            for field, words in clauses])
        hits += list(searcher.search(weighed, limit=None, filter=published))
    hits.sort(key=lambda hit: (-search.ranking.boosted(hit.score, updated[hit.docnum], now), hit.docnum))
    return [hit["ref"] for hit in hits]


def _every_page(word: str, per_page: int) -> tuple[list[str], set]:
    shown, totals, page = [], set(), 1
    while True:
        found = search.search(word, None, page=page, per_page=per_page)
        totals.add((found.total, found.exact))
        if not found.hits:
            return shown, totals
        shown += [hit.ref for hit in found.hits]
        page += 1


@pytest.fixture
def kestrels(app, users, monkeypatch):
    """60 pages and posts whose words start with "kes", of many ages, in titles, bodies or both, in both
    languages; a draft that matches; then, indexed one save at a time (new segments), five more."""
    rng = random.Random(11)
    author = users["employee"]
    with monkeypatch.context() as patched:
        patched.setattr(search, "after_commit", lambda: None)  # index once, after the dates are set
        ages = {}
        for n in range(60):
            where, lang = rng.choice(["title", "body", "both"]), "fr" if n % 4 == 0 else "en"
            word = rng.choice(["kestrel", "kestrels", "kesselring"] if lang == "en" else ["kessel", "kestrelle"])
            title = f"{word.title()} {n}" if where != "body" else f"Falcon {n}"
            body = f"Notes on {word} watching." if where != "title" else "Notes on birds."
            wiki.save_page(f"Bird_{n}", title=title, language=lang, author=author, body=body)
            ages[f"Bird_{n}"] = rng.choice([0, 0, 3, 40, 200, 900])
        for page in db.session.scalars(db.select(WikiPage).where(WikiPage.path.like("Bird_%"))):
            page.updated_at = utcnow() - timedelta(days=ages[page.path])
        db.session.commit()
        blog.save_post(author, title="Kestrel draft", body="kestrel plans", publish=False)
        search.rebuild()
    for n in range(5):  # each save commits its own small segment
        wiki.save_page(f"Late_{n}", title=f"Kestrel late {n}" if n % 2 else f"Late {n}", author=author,
                       body="More kestrels today.")
    assert len(search.index_state().searcher().subsearchers or []) > 1
    return users


def test_pages_follow_whooshs_own_constant_score_ranking(kestrels):
    expected = _exhaustive("kes*")
    assert len(expected) == 65
    assert expected[0].startswith(("Bird_", "Late_")) and "kestrel-draft" not in " ".join(expected)
    for per_page in (7, 20):
        shown, totals = _every_page("kes*", per_page)
        assert shown == expected
        assert totals == {(65, True)}  # every match counted, on every page


def test_title_matches_come_first_then_the_newest(kestrels):
    found = search.search("kes*", None, per_page=65)
    titled = {hit.ref for hit in found.hits if "kes" in hit.title.lower()}
    first = [hit.ref for hit in found.hits[:len(titled)]]
    assert set(first) == titled  # a title match, however old, before any body-only match
    body_only = [hit for hit in found.hits[len(titled):]]
    ages = [(utcnow() - hit.updated).days for hit in body_only]
    assert ages == sorted(ages) and ages[0] < ages[-1]
    assert found.facets["lang"] == {"en": 65 - sum(1 for hit in found.hits if hit.lang == "fr"),
                                    "fr": sum(1 for hit in found.hits if hit.lang == "fr")}


def test_the_author_finds_their_draft_and_a_type_filter_counts_exactly(kestrels):
    own = search.search("kes*", kestrels["employee"], per_page=100)
    assert "Kestrel draft" in [hit.title for hit in own.hits] and own.total == 66
    posts = search.search("kes*", kestrels["employee"], doc_type="post")
    assert [hit.title for hit in posts.hits] == ["Kestrel draft"] and (posts.total, posts.exact) == (1, True)
    assert search.search("kes*", None, doc_type="post").total == 0


def test_the_recency_boost_never_lifts_a_score_past_the_next():
    """The ranking orders by score before age (see _ranked_expansions): it is only _boosted's order while the
    full boost keeps every score below the next one a title, a body or both can give."""
    weights = list(search.ranking.EXPANSION_WEIGHTS.values())
    scores = sorted({sum(w for n, w in enumerate(weights) if mask >> n & 1) for mask in range(1, 2 ** len(weights))})
    assert all(low * (1.0 + search.ranking.RECENCY_BOOST) < high for low, high in zip(scores, scores[1:]))
