"""Paging through many search results shows every result exactly once (found by the XSS corpus run: re-ranking
by recency over a window that grew with the page number made later pages skip some results and repeat others)."""
from opsspace.services import search, wiki


def test_every_result_shows_once_when_paging_through_many(app, users, monkeypatch):
    monkeypatch.setattr(search, "after_commit", lambda: None)  # one index commit at the end, not one per page
    count = 330  # more than the first fetch of any page: later pages must continue the same order
    for n in range(count):
        wiki.save_page(f"Paging_{n}", body=f"pagingword number {n}", author=users["employee"])
    while search.pending():
        search.process_outbox()
    seen, page = [], 1
    while True:
        found = search.search("pagingword", users["employee"], page=page, per_page=20)
        if not found.hits:
            break
        seen += [hit.ref for hit in found.hits]
        page += 1
    assert found.total == count
    assert len(seen) == count and len(set(seen)) == count, (
        f"{count - len(set(seen))} results never shown, {len(seen) - len(set(seen))} shown twice")
