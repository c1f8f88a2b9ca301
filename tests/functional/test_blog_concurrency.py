"""Several processes edit the same blog post at once (one author's tabs and devices): every attempt is either saved
as a new version or shown as a conflict, and the counts match exactly — no edit silently overwritten, no crash."""
import pytest

from tests.support.processes import run_in_processes

pytestmark = [pytest.mark.dbs, pytest.mark.slow]

WORKERS, SAVES = 4, 25


def _editor(database_url: str, instance: str, worker: int, post_id: int) -> dict:
    from sqlalchemy.exc import IntegrityError

    from opsspace import create_app
    from opsspace.extensions import db
    from opsspace.models import BlogPost
    from opsspace.services import blog, users

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x", "INSTANCE_PATH": instance,
                      "PLUGIN_ENTRY_POINTS": False, "SEARCH_DRAIN_INTERVAL": 0})
    counts = {"saved": 0, "conflict": 0, "unchanged": 0, "error": 0, "mine": []}
    with app.app_context():
        author = users.get("bea.blogger")
        for n in range(SAVES):
            db.session.rollback()  # see what the others committed
            post = db.session.get(BlogPost, post_id)
            base = post.version if n % 3 else max(1, post.version - 1)  # every third save from a stale editor
            body = f"worker {worker} edit {n}"
            try:
                result = blog.save_post(author, title=post.title, body=body, tags="", language="en", post=post,
                                        base_version=base)
            except IntegrityError:
                db.session.rollback()
                counts["error"] += 1
                continue
            counts[result.outcome] += 1
            if result.outcome == "saved":
                counts["mine"].append(body)
    return counts


def test_concurrent_edits_of_one_post_lose_nothing(app, database_url, tmp_path):
    from sqlalchemy import func, select

    from opsspace.extensions import db
    from opsspace.models import BlogPost, PostVersion
    from opsspace.services import blog
    from tests.factories import make_user

    author = make_user("bea.blogger")
    post = blog.save_post(author, title="Busy post", body="The first text.", publish=True).post
    args = [(database_url, str(tmp_path / "instance"), w, post.id) for w in range(WORKERS)]
    results = run_in_processes(_editor, args)
    totals = {key: sum(r[key] for r in results) for key in ("saved", "conflict", "unchanged", "error")}
    print(f"\n{WORKERS} processes x {SAVES} edits of one post: {totals}")
    assert totals["error"] == 0, totals
    assert totals["saved"] + totals["conflict"] + totals["unchanged"] == WORKERS * SAVES
    assert totals["conflict"] > 0, totals  # stale editors really were stopped
    db.session.rollback()
    post = db.session.get(BlogPost, post.id)
    kept = db.session.scalars(select(PostVersion.body).where(PostVersion.post_id == post.id)
                              .order_by(PostVersion.number)).all()
    # Every saved edit became the post's text in its turn: the earlier ones are kept as versions, in order.
    assert post.version == 1 + totals["saved"], (post.version, totals)
    assert len(kept) == totals["saved"]
    numbers = db.session.scalars(select(PostVersion.number).where(PostVersion.post_id == post.id)
                                 .order_by(PostVersion.number)).all()
    assert numbers == list(range(1, totals["saved"] + 1))
    texts = kept[1:] + [post.body]  # each version after the first text, then the current one
    saved = sorted(body for r in results for body in r["mine"])
    assert sorted(texts) == saved, "an edit reported as saved is not in the post's history"
    assert db.session.scalar(select(func.count()).select_from(PostVersion)) == totals["saved"]
