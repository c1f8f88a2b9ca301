"""Many writers in several processes save the same page: every attempt is a revision or a shown conflict."""
import pytest

from tests.support.processes import run_in_processes

pytestmark = [pytest.mark.dbs, pytest.mark.slow]

WORKERS, SAVES = 4, 25
PATH = "Busy_page"


def _editor(database_url: str, instance: str, worker: int) -> dict:
    from opsspace import create_app
    from opsspace.extensions import db
    from opsspace.services import users, wiki

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x", "INSTANCE_PATH": instance,
                      "PLUGIN_ENTRY_POINTS": False})
    counts = {"saved": 0, "merged": 0, "conflict": 0, "unchanged": 0}
    with app.app_context():
        author = users.get(f"writer{worker}")
        for n in range(SAVES):
            db.session.rollback()  # see what the others committed
            page, _ = wiki.find(PATH)
            head = page.current_revision
            base_id = head.id if n % 3 else (head.parent_id or head.id)  # every third save starts from a stale base
            base = db.session.get(type(head), base_id)
            lines = base.body.split("\n")
            lines[3 * worker] = f"worker {worker} edit {n}"
            result = wiki.save_page(PATH, body="\n".join(lines), author=author, base_revision_id=base_id)
            counts[result.outcome] += 1
    return counts


def test_concurrent_saves_lose_nothing(app, database_url, tmp_path):
    from sqlalchemy import func, select

    from opsspace.extensions import db
    from opsspace.models import Revision
    from opsspace.services import wiki
    from tests.factories import make_user

    writers = [make_user(f"writer{w}") for w in range(WORKERS)]
    body = "\n".join(f"line {i}" for i in range(3 * WORKERS))
    wiki.save_page(PATH, body=body, author=writers[0])
    totals = {"saved": 0, "merged": 0, "conflict": 0, "unchanged": 0}
    for counts in run_in_processes(_editor, [(database_url, str(tmp_path / "instance"), w) for w in range(WORKERS)]):
        for key, value in counts.items():
            totals[key] += value
    print(f"\n{WORKERS} processes x {SAVES} saves: {totals}")
    assert sum(totals.values()) == WORKERS * SAVES
    db.session.rollback()
    revisions = db.session.scalar(select(func.count()).select_from(Revision))
    # One revision for the page's creation, then exactly one per save reported as saved or merged.
    assert revisions == 1 + totals["saved"] + totals["merged"], totals
    assert totals["merged"] > 0, totals  # stale bases really were merged, not overwritten
    numbers = db.session.scalars(select(Revision.number).order_by(Revision.number)).all()
    assert numbers == list(range(1, revisions + 1))
    # The last save of every worker that succeeded is in the final text: nobody's edit was overwritten.
    final = wiki.find(PATH)[0].current_revision.body.split("\n")
    for worker in range(WORKERS):
        assert final[3 * worker].startswith(f"worker {worker} edit"), final
