"""Search as a served process runs it: saves hand the index update to the worker's indexing thread; a long
page's snippet still shows the words found deep inside it; results, totals and facets stay exact."""
import time

from opsspace.extensions import db
from opsspace.services import blog, search, wiki


def _findable(word: str, within: float = 10.0) -> float | None:
    """Seconds until `word` is found by a reader, or None."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        db.session.rollback()
        if search.search(word, None).total:
            return time.monotonic() - started
        time.sleep(0.02)
    return None


def test_a_served_save_is_indexed_by_the_indexing_thread_and_found(app, users):
    author = users["employee"]
    search.start_background_drain(app)
    try:
        wiki.save_page("Served", body="The kestrelwing project starts today.", author=author)
        assert _findable("kestrelwing") is not None
    finally:
        search.stop_background_drain(app)
    # Without the thread (the command line, tests), a save updates the index before it returns.
    wiki.save_page("Inline", body="The harrierwing project starts tomorrow.", author=author)
    assert search.search("harrierwing", None).total == 1
    db.session.rollback()
    assert search.pending() == 0


def test_the_snippet_of_a_long_page_shows_the_word_found_near_its_end(app, users):
    filler = " ".join(["The team reviews the onboarding checklist every quarter."] * 700)  # ~5,600 words
    wiki.save_page("Long_page", body=f"{filler}\n\nFinally the ospreyfield budget was approved.",
                   author=users["employee"])
    hit = search.search("ospreyfield", None).hits[0]
    assert "<mark>ospreyfield</mark>" in str(hit.snippet)
    french = " ".join(["L'équipe examine la liste chaque trimestre."] * 700)
    wiki.save_page("Longue_page", language="fr", author=users["employee"],
                   body=f"{french}\n\nEnfin, le télétravail à Gatineau est approuvé.")
    hit = search.search("teletravail", None).hits[0]
    assert "<mark>télétravail</mark>" in str(hit.snippet)


def test_totals_and_facets_are_exact_and_follow_new_content(app, users):
    author = users["employee"]
    for n in range(3):
        wiki.save_page(f"Heron_{n}", body=f"Heronlake notes number {n}.", author=author)
    blog.save_post(author, title="Heronlake news", body="Heronlake is open.", publish=True)
    blog.save_post(author, title="Heronlake draft", body="Heronlake draft text.", publish=False)
    found = search.search("heronlake", None)
    assert found.total == 4 and found.facets["type"] == {"page": 3, "post": 1} and found.facets["lang"] == {"en": 4}
    assert search.search("heronlake", None, doc_type="post").total == 1
    assert search.search("heronlake", author).total == 5  # the author also finds their own draft
    wiki.save_page("Heron_3", body="More heronlake notes.", author=author)  # the cached sets follow the index
    assert search.search("heronlake", None).facets["type"]["page"] == 4
    assert search.search('"heronlake notes"', None).total == 4


def test_a_large_rebuild_reads_in_other_processes_and_matches_the_database(app, users, monkeypatch):
    import os

    from opsspace.services import comments, search_docs

    monkeypatch.setattr(search.index, "PARALLEL_READ_MIN", 1)  # as on a large site...
    monkeypatch.setattr(os, "cpu_count", lambda: 3)  # ...on a machine with cores to spare: two readers
    author = users["employee"]
    for n in range(30):
        wiki.save_page(f"Egret_{n}", body=f"Egretmoor page {n}.", author=author)
    post = blog.save_post(author, title="Egretmoor news", body="Egretmoor is open.", publish=True).post
    comments.add("post", post.id, users["moderator"], "Egretmoor, at last!")
    read = []
    assert search.rebuild(progress=read.append) == search_docs.count()
    assert sum(read) == search_docs.count()
    assert search.verify().ok
    found = search.search("egretmoor", None)
    assert found.total == 32 and found.facets["type"] == {"page": 30, "post": 1, "comment": 1}


def _whooshs_own(hit, name: str, text: str) -> str:
    """Whoosh's highlighter on `text`: the field's own analyzer over every word, the query's expanded terms."""
    from tests.unit.test_snippets import whooshs_own

    field = hit.searcher.schema[name]
    terms = frozenset(field.from_bytes(t) for _f, t in hit.results.query_terms(expand=True, fieldname=name))
    return whooshs_own(field.analyzer, text, terms)


def test_snippets_mark_what_whooshs_highlighter_marks_and_choose_the_same_lines_every_time(app, users):
    from opsspace.services.search import snippets

    author = users["employee"]
    english = ("The Budgets of the branch: budgeting is hard. It's the budget's year; its budgets grew. "
               "Nothing here for a while. " * 12 + "Budget reviews at the end.")
    french = ("Les employés du réseau: l'employé télétravaille. Été comme hiver, le télétravail reste. "
              "Rien ici pour un moment. " * 12 + "Enfin, les employées en télétravail.")
    wiki.save_page("Snippet_en", body=english, author=author)
    wiki.save_page("Snippet_fr", body=french, author=author, language="fr")
    searcher, compared = search.index_state().searcher(), 0
    for words in ("budget", "budgets year", "bud*", "its budget", "employe", "teletravail", "télé*", "ete reseau"):
        for lang in ("en", "fr"):
            q = search.parsing.in_language(search.parsing.parse(searcher, words, lang)[0], lang)
            name = f"body_{lang}"
            for hit in searcher.search(q, limit=None):
                window = snippets._window(hit[name], snippets.query_terms(q).get(name, []))
                assert snippets._marked(hit, name, window, {}) == _whooshs_own(hit, name, window), words
                compared += 1
    assert compared >= 8
    # Equal fragments (one match each) are chosen by place, not by where Python put them in memory.
    page = search.search("budget", None).hits[0]
    assert [str(search.search("budget", None).hits[0].snippet) for _ in range(5)] == [str(page.snippet)] * 5


def test_a_long_pages_snippet_starts_at_the_first_match_with_or_without_accents(app, users):
    from opsspace.services.search import snippets

    filler = "Rien à signaler cette semaine. " * 40
    text = filler + "La Sécurité des réseaux. " + filler + "La securite encore."
    window = snippets._window(text, ["securit"])
    assert "La Sécurité des réseaux" in window and "securite encore" not in window
    assert snippets._window(text, ["absent"]) == text[:snippets.SNIPPET_WINDOW]


def test_the_visibility_rule_as_a_query_and_as_document_sets_agree(app, users):
    """Typeahead filters by the rule as a Whoosh query (_allowed), the results page by the same rule as sets of
    document numbers (_allowed_docs): every viewer, with and without "include held and hidden", gets the same
    documents from both, and nobody ever gets deleted ones."""
    people = {"employee": users["employee"].id, "moderator": users["moderator"].id, "nobody": 99_999}
    state = search.index_state()
    writer = state.ix().writer()
    for owner_name, owner in people.items():
        for status in ("published", "draft", "held", "hidden", "deleted"):
            writer.add_document(key=f"page:{owner}-{status}", type="page", status=status, owner=owner, lang="en",
                                body_en=f"visibilityrule {status}", label=f"{owner_name} {status}")
    writer.commit()
    state.reset()
    searcher = state.searcher()
    key_of = {docnum: fields["key"] for docnum, fields in searcher.iter_docs()}
    viewers = [None, users["employee"], users["moderator"], users["admin"]]
    for viewer in viewers:
        for include_hidden in (False, True):
            as_query = {key_of[n] for n in searcher.docs_for_query(search._allowed(viewer, include_hidden))}
            as_sets = {key_of[n] for n in search._allowed_docs(state, searcher, viewer, include_hidden)}
            assert as_query == as_sets, (viewer, include_hidden)
            assert not any(key.endswith("-deleted") for key in as_sets)
    # And the rule itself, for the moderator who asks for held and hidden items: everyone's, and their own draft.
    moderator = {key_of[n] for n in search._allowed_docs(state, searcher, users["moderator"], True)}
    mine = people["moderator"]
    assert {k for k in moderator if k.startswith("page:") and "-" in k} == \
        {f"page:{o}-{s}" for o in people.values() for s in ("published", "held", "hidden")} | {f"page:{mine}-draft"}
