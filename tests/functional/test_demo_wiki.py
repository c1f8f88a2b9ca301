"""The demo wiki (`opsspace.demo_wiki`): a realistic bilingual tree of pages with several revisions each,
built through the wiki service, readable on the site, and safe to build twice."""
import time

import pytest
from sqlalchemy import func, select

from opsspace.demo import PEOPLE
from opsspace.demo_wiki import PAGES, apply_edits, create_wiki
from opsspace.extensions import db
from opsspace.models import Revision, User, WikiPage
from opsspace.services import rendering, wiki
from tests.factories import make_user

FRENCH_SPEAKERS = {username for username, _name, _role, _title, _dept, language, _r in PEOPLE if language == "fr"}


@pytest.fixture
def people(app):
    """The nine demo people; the last three have not accepted the policy yet (create_wiki accepts for them)."""
    return {
        username: make_user(username, role=role, display_name=name, title=title, department=department,
                            preferred_language=language, accepted_policy=index < 6)
        for index, (username, name, role, title, department, language, _responder) in enumerate(PEOPLE)
    }


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def revisions_by_page() -> dict[str, list[Revision]]:
    result: dict[str, list[Revision]] = {}
    rows = db.session.execute(select(WikiPage.path, Revision).join(Revision, Revision.page_id == WikiPage.id)
                              .order_by(WikiPage.path, Revision.number))
    for path, rev in rows:
        result.setdefault(path, []).append(rev)
    return result


def test_the_data_is_consistent():
    """Every edit applies to the text before it, and every translation names a page of the other language."""
    by_path = {spec["path"]: spec for spec in PAGES}
    assert len(by_path) == len(PAGES)
    for spec in PAGES:
        text = ""
        for _author, summary, change in spec["revisions"]:
            assert summary
            new = change if isinstance(change, str) else apply_edits(text, change, spec["path"])
            assert new != text, f"{spec['path']}: {summary!r} changes nothing"
            text = new
        if spec.get("translation_of"):
            assert by_path[spec["translation_of"]]["language"] != spec["language"]


def test_create_wiki_builds_a_bilingual_tree_with_histories(app, people):
    steps = []
    started = time.perf_counter()
    created = create_wiki(people, progress=steps.append)
    elapsed = time.perf_counter() - started
    print(f"create_wiki: {created} revisions in {elapsed:.2f} s")

    assert sum(steps) == len(steps) == len(PAGES)
    assert created == count(Revision)
    assert all(user.accepted_policy_version is not None for user in people.values())

    pages = list(db.session.scalars(select(WikiPage)))
    assert len(pages) >= 36
    french = [page for page in pages if page.language == "fr"]
    assert 3 * len(french) >= len(pages)
    assert max(page.path.count("/") for page in pages) == 2  # three levels deep

    # Pairs point at each other, one language on each side.
    paired = [page for page in pages if page.translation is not None]
    assert all(page.translation.translation is page and page.translation.language != page.language
               for page in paired)
    assert len(paired) // 2 >= 8

    histories = revisions_by_page()
    assert sum(len(revs) < 2 for revs in histories.values()) <= 3
    authors = {user.id: user.username for user in people.values()}
    for path, revs in histories.items():
        # Each revision is an ordinary save on top of the previous one, with an edit summary.
        assert [rev.number for rev in revs] == list(range(1, len(revs) + 1))
        assert all(rev.parent_id == prev.id for prev, rev in zip(revs, revs[1:]))
        assert all(rev.summary for rev in revs)
        assert wiki.find(path)[0].current_revision_id == revs[-1].id
    assert sum(len({rev.author_id for rev in revs}) >= 2 for revs in histories.values()) >= len(pages) * 3 // 4
    french_revisions = [rev for page in french for rev in histories[page.path]]
    by_french_speakers = [rev for rev in french_revisions if authors[rev.author_id] in FRENCH_SPEAKERS]
    assert len(by_french_speakers) >= 0.75 * len(french_revisions)

    # Realistic lengths: most pages have 150 to 600 words (a few are longer).
    words = [len(page.current_revision.body.split()) for page in pages]
    assert sum(150 <= n <= 600 for n in words) >= 0.8 * len(pages)
    assert any(n > 600 for n in words)


def test_the_pages_render_with_their_links(app, client, people):
    create_wiki(people)
    assert client.get("/wiki/").status_code == 200
    tree = client.get("/wiki/").get_data(as_text=True)
    assert "Human resources" in tree and "Ressources humaines" in tree

    pages = list(db.session.scalars(select(WikiPage).order_by(WikiPage.path)))
    linking = [page for page in pages if "[[" in page.current_revision.body]
    assert len(linking) >= len(pages) // 2
    missing_links = 0
    for page in linking:
        response = client.get(rendering.wiki_url(page.path))
        assert response.status_code == 200, page.path
        html = response.get_data(as_text=True)
        assert 'class="wikilink' in html, page.path
        assert "[[" not in html.split("<main", 1)[-1].split("</main>", 1)[0], f"{page.path}: a link was not rendered"
        missing_links += html.count('class="wikilink new"')
    assert 1 <= missing_links <= 10  # a few links lead to pages still to be written

    remote = client.get("/wiki/IT_service_desk/Remote_access").get_data(as_text=True)
    assert 'class="highlight"' in remote and "<table>" in client.get("/wiki/IT_service_desk").get_data(as_text=True)
    french = client.get(rendering.wiki_url("Ressources_humaines/Intégration")).get_data(as_text=True)
    assert "Intégration des nouveaux employés" in french
    assert rendering.wiki_url("Human_resources/Onboarding") in french  # the language toggle leads to the pair
    assert client.get("/wiki/Human_resources/Onboarding/history").status_code == 200


def test_running_it_twice_adds_nothing(app, people):
    first = create_wiki(people)
    before = (count(WikiPage), count(Revision))
    assert first == before[1]
    assert create_wiki(people) == 0
    assert (count(WikiPage), count(Revision)) == before


def test_existing_pages_are_left_alone(app, people):
    own = wiki.save_page("Human_resources", body="Our own HR page.", author=people["sarah.obrien"],
                         summary="Written before the demo")
    created = create_wiki(people)
    page = wiki.find("Human_resources")[0]
    assert page.current_revision_id == own.revision.id and page.current_revision.body == "Our own HR page."
    assert created == count(Revision) - 1
    # Its French version is still paired with it.
    assert page.translation is not None and page.translation.path == "Ressources_humaines"


def test_an_author_missing_from_people_is_replaced(app):
    only = {"marie.tremblay": make_user("marie.tremblay", role="admin", preferred_language="fr")}
    assert create_wiki(only) == count(Revision) > 0
    assert set(db.session.scalars(select(User.username).join(Revision, Revision.author_id == User.id))) \
        == {"marie.tremblay"}
