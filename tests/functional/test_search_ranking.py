"""Search results at scale: each language is ranked on its own and the rankings merged, only the best few
hundred matches are scored, and counting stops at SEARCH_COUNT_LIMIT. These tests check that what a reader
sees is still exactly what one exhaustive ranking would show."""
import random
import re
from datetime import timedelta

from opsspace.extensions import db
from opsspace.models import utcnow
from opsspace.models.content import WikiPage
from opsspace.services import blog, search, wiki


def _exhaustive(app, word: str) -> list[str]:
    """Every match of `word` over the four text fields, scored in full, then boosted for recency: the order
    the results pages must follow."""
    state = search.index_state()
    searcher = state.searcher()
    q, _notice = search.parsing.parse(searcher, word, None)
    updated, now = searcher.reader().column_reader("updated"), utcnow()
    hits = list(searcher.search(q, limit=None, filter=state.docs(searcher, search.query.Term("status", "published"))))
    hits.sort(key=lambda hit: (-search.ranking.boosted(hit.score, updated[hit.docnum], now), hit.docnum))
    return [hit["ref"] for hit in hits]


def test_pages_follow_one_exhaustive_ranking_with_the_recency_boost(app, users, monkeypatch):
    monkeypatch.setattr(search, "after_commit", lambda: None)  # index once, after the dates are set
    rng = random.Random(7)
    author = users["employee"]
    # 100 old pages with the best scores (short), then 20 fresh ones that score a little lower (longer) but
    # overtake them with the boost (up to ×1.25), though they are not among the best 40 scores; and French.
    ages = {}
    for n in range(130):
        fresh, lang = 100 <= n < 120, "fr" if n >= 120 else "en"
        filler = " ".join(rng.choice(["plan", "team", "note", "week", "file"])
                          for _ in range(rng.randint(31, 33) if fresh else rng.randint(24, 30)))
        wiki.save_page(f"Kestrel_{n}", language=lang, author=author, body=f"kestrel {filler}")
        ages[f"Kestrel_{n}"] = 0 if fresh else rng.choice([700, 900, 2000])
    for page in db.session.scalars(db.select(WikiPage).where(WikiPage.path.like("Kestrel_%"))):
        page.updated_at = utcnow() - timedelta(days=ages[page.path])
    db.session.commit()
    search.rebuild()
    expected = _exhaustive(app, "kestrel")
    assert len(expected) == 130
    assert any(ref in expected[:5] for ref in (f"Kestrel_{n}" for n in range(100, 120)))  # the case to get right
    for per_page in (5, 9):  # page 1 fetches 40 per language and must check the rest cannot overtake
        shown, page = [], 1
        while True:
            found = search.search("kestrel", None, page=page, per_page=per_page)
            if not found.hits:
                break
            shown += [hit.ref for hit in found.hits]
            page += 1
        assert shown == expected


def test_a_count_cut_short_says_more_than_and_still_pages_through_everything(app, users, client):
    app.config["SEARCH_COUNT_LIMIT"] = 5
    author = users["employee"]
    for n in range(12):
        wiki.save_page(f"Plover_{n}", body=f"Plovermarsh survey, part {n}.", author=author)
    for n in range(2):
        wiki.save_page(f"Pluvier_{n}", language="fr", body=f"Relevé Plovermarsh, partie {n}.", author=author)
    found = search.search("plovermarsh", None, per_page=5)
    # English stopped counting past 5; French counted its 2 in full.
    assert not found.exact and found.total == 7
    assert found.facets["lang"] == {"en": None, "fr": 2}
    assert found.facets["type"] == {name: None for name in search.TYPES}
    html = client.get("/search?q=plovermarsh").get_data(as_text=True)
    assert "More than 7 results" in html
    assert "Wiki pages</a>" in html and "(2)" in html  # offered without a count; French with its own
    refs = re.findall(r'href="/wiki/(P\w+_\d+)"', html)  # a page holds 20: all 14, and no next page
    assert sorted(refs) == sorted([f"Plover_{n}" for n in range(12)] + ["Pluvier_0", "Pluvier_1"])
    assert 'rel="next"' not in html
    french = client.get("/search?q=plovermarsh&lang=fr").get_data(as_text=True)
    assert "2 results" in french and "Page 1" not in french
    app.config["SEARCH_COUNT_LIMIT"] = 0  # 0: count everything
    assert search.search("plovermarsh", None).total == 14 and search.search("plovermarsh", None).exact


def test_more_than_a_page_of_a_cut_short_count_offers_the_next_page(app, users, client):
    app.config["SEARCH_COUNT_LIMIT"] = 3
    app.config["SEARCH_PAGE_SIZE"] = 4
    for n in range(9):
        wiki.save_page(f"Sandpiper_{n}", body="Sandpipercove notes.", author=users["employee"])
    html = client.get("/search?q=sandpipercove").get_data(as_text=True)
    assert "More than 3 results" in html and "Page 1<" in html and 'rel="next"' in html
    last = client.get("/search?q=sandpipercove&page=3").get_data(as_text=True)
    assert len(re.findall(r'href="/wiki/Sandpiper_\d+"', last)) == 1 and 'rel="next"' not in last


def test_queries_without_a_word_of_their_own_find_each_document_once(app, users):
    author = users["employee"]
    blog.save_post(author, title="Heron report", body="Heron counts are up.", publish=True)
    blog.save_post(author, title="Rapport", language="fr", body="Les hérons sont nombreux.", publish=True)
    blog.save_post(author, title="Weather", body="Rain all week.", publish=True)
    every_post = search.search(f"author:{author.username} type:post", None)
    assert sorted(hit.title for hit in every_post.hits) == ["Heron report", "Rapport", "Weather"]
    assert every_post.total == 3 and every_post.facets["lang"] == {"en": 2, "fr": 1}
    # Excluding a word excludes it in both languages ("heron" and "hérons" stem alike once accents fold).
    assert [hit.title for hit in search.search("type:post -heron", None).hits] == ["Weather"]
    # "the" is an English stop word but an ordinary word to the French analyzer: the French query still runs.
    blog.save_post(author, title="Le thé", language="fr", body="Le the vert du bureau.", publish=True)
    assert [hit.title for hit in search.search("the", None).hits] == ["Le thé"]

