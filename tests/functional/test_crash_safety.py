"""A loop of writes killed with SIGKILL at random moments, again and again: afterwards the database passes its
integrity check, every write is whole (each revision, post and comment has the audit event of its transaction),
`opsspace search update` then `opsspace search verify` find the index and the database in agreement, and the
statistics count every recorded page view exactly once, even when `opsspace stats rollup` is killed too."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support.server import cli, server_env

pytestmark = pytest.mark.slow

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def kill_cycles(env: dict, cycles: int, seed: int) -> dict:
    """Start the writer, let it write for a random while, SIGKILL it; `cycles` times. Returns figures."""
    rng = random.Random(seed)
    writes = []
    for cycle in range(cycles):
        process = subprocess.Popen([sys.executable, "-m", "tests.support.crash_writer", str(seed * 1000 + cycle)],
                                   cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        try:
            assert process.stdout.readline().strip() == "ready", process.stderr.read()
            lines: list[str] = []
            reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
            reader.start()
            deadline = time.monotonic() + rng.uniform(0.3, 2.5)
            while time.monotonic() < deadline:
                assert process.poll() is None, f"the writer stopped by itself:\n{process.stderr.read()}"
                time.sleep(0.02)
            os.kill(process.pid, signal.SIGKILL)  # no clean-up of any kind: as a power cut or the OOM killer
            process.wait(timeout=10)
            reader.join(timeout=10)
            writes.append(sum(1 for line in lines if line.startswith("wrote")))
        finally:
            if process.poll() is None:
                process.kill()
            process.stdout.close()
            process.stderr.close()
    return {"cycles": cycles, "writes": sum(writes)}


def check_whole(database: Path) -> dict:
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        one = lambda sql: connection.execute(sql).fetchone()[0]  # noqa: E731
        figures = {
            "revisions": one("select count(*) from wiki_revisions"),
            "posts": one("select count(*) from blog_posts"),
            "comments": one("select count(*) from comments"),
        }
        # Each write committed its audit event in the same transaction: no half-written save.
        assert one("select count(*) from audit_events where action = 'wiki.revision_saved'") == figures["revisions"]
        assert one("select count(*) from audit_events where action = 'post.created'") == figures["posts"]
        assert one("select count(*) from audit_events where action = 'comment.created'") == figures["comments"]
        # Revision numbers run 1..n on every page, and each page shows its newest published revision.
        for page_id, count, highest in connection.execute(
                "select page_id, count(*), max(number) from wiki_revisions group by page_id"):
            assert count == highest, f"page {page_id} has gaps in its revision numbers"
        assert one("select count(*) from wiki_pages p where p.current_revision_id is not null and "
                   "p.current_revision_id != (select max(r.id) from wiki_revisions r where r.page_id = p.id "
                   "and r.status = 'published')") == 0
    return figures


def stats_rows(database: Path) -> tuple[int, list]:
    with sqlite3.connect(database) as connection:
        events = connection.execute("select count(*) from stats_events").fetchone()[0]
        rows = connection.execute("select day, page_views, member_views, reader_views, crawler_views, visitors, "
                                  "visits, bounces, edits, comments from stats_daily order by day").fetchall()
    return events, rows


def check_stats(env: dict, database: Path, rng: random.Random) -> dict:
    """Roll up, killing some rollups half-way; then every stored page view is counted once, and again the same."""
    opsspace = str(Path(sys.executable).with_name("opsspace"))
    for _ in range(3):
        process = subprocess.Popen([opsspace, "stats", "rollup"], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.5))
        process.kill()
        process.wait(timeout=10)
    cli(env, "stats", "rollup")
    events, first = stats_rows(database)
    assert events > 0, "no page view was recorded: is the statistics plugin loaded?"
    counted = sum(row[2] + row[3] + row[4] for row in first)  # members', readers' and crawlers' views
    assert counted == events, f"{events} page views stored, {counted} counted by the rollup"
    cli(env, "stats", "rollup")
    assert stats_rows(database) == (events, first), "a second rollup changed the figures"
    return {"page_views": events}


def run(tmp_path: Path, cycles: int) -> None:
    database = tmp_path / "crash.db"
    env = server_env(f"sqlite:///{database}", tmp_path / "instance", SEARCH_DRAIN_INTERVAL=0,
                     EXTRA_PLUGINS="plugins.stats", ANALYTICS_FLUSH_INTERVAL=0.2)
    cli(env, "db", "upgrade")
    cli(env, "create-user", "kim.killed", "--password-stdin", input="correct horse battery staple\n")
    started = time.monotonic()
    figures = kill_cycles(env, cycles, seed=cycles)
    figures.update(check_whole(database))
    cli(env, "search", "update")
    verified = subprocess.run([str(Path(sys.executable).with_name("opsspace")), "search", "verify"], env=env,
                              capture_output=True, text=True, timeout=300)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    figures.update(check_stats(env, database, random.Random(cycles)))
    print(f"\n{figures['cycles']} SIGKILL cycles survived, {figures['writes']} writes seen before the kills; "
          f"{figures['revisions']} revisions, {figures['posts']} posts, {figures['comments']} comments whole; "
          f"integrity ok; search verify ok; {figures['page_views']} page views each counted once "
          f"({time.monotonic() - started:.0f} s)")


def test_writes_killed_at_random_leave_everything_whole(tmp_path):
    run(tmp_path, cycles=6)


@pytest.mark.full
def test_many_kill_cycles(tmp_path):
    run(tmp_path, cycles=40)
