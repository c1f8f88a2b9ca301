"""Benchmark 4, saves: p50/p95 of saving a 2,000-word page edit through the real service (permission and
policy checks, three-way-merge guard, rendering, the content_submitted hooks with flagging, links, mentions,
audit, outbox, commit, then the index update), on a copy of the corpus site. Baseline, measured in the same
run: the least any save must do, rendering the same Markdown and committing the text to a bare SQLite table."""
import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from . import corpus, harness, prose

NAME = "saves"
TITLE = "Page saves"
WORDS = 2000


def _texts(count: int, seed: int) -> list[str]:
    """A 2,000-word page and `count` successive edits of it (one paragraph rewritten each time)."""
    rng = random.Random(seed)
    vocab = prose.Vocabulary(rng)
    writer = prose.Writer(rng, vocab, "en")
    topic = prose.TOPICS[0]
    body = writer.document(topic, WORDS, links=["Human_resources/Guides"])
    while len(body.split()) < WORDS:  # lists and tables count fewer words than planned: top up to 2,000
        body += "\n" + writer.paragraph(topic, 80) + "\n"
    texts = [body]
    for _ in range(count):
        blocks = body.rstrip("\n").split("\n\n")
        i = rng.randrange(1, len(blocks))
        blocks[i] = writer.paragraph(topic, 60)
        body = "\n\n".join(blocks) + "\n"
        while len(body.split()) < WORDS:
            body += "\n" + writer.paragraph(topic, 40) + "\n"
        texts.append(body)
    return texts


def _baseline(texts: list[str], directory: Path) -> list[float]:
    """Render the Markdown with the site's renderer and commit it to a bare table: the floor of a save."""
    from opsspace.services import rendering

    connection = sqlite3.connect(directory / "floor.db", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("CREATE TABLE revisions (id INTEGER PRIMARY KEY, body TEXT, html TEXT)")
    samples = []
    for text in texts:
        started = time.perf_counter()
        html = str(rendering.render(text).html)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO revisions (body, html) VALUES (?, ?)", (text, html))
        connection.execute("COMMIT")
        samples.append(time.perf_counter() - started)
    connection.close()
    return samples


def _saves(site: Path, texts: list[str], path: str, served: bool = False, **settings) -> list[float]:
    """Save each text as an edit of the page at `path`; the durations of the saves after the first.
    `served`: as in `opsspace serve`, with the process's indexing thread running (saves wake it and return)."""
    with harness.site_app(site, served, **settings) as app:
        return _timed_saves(app, texts, path, served)


def _timed_saves(app, texts: list[str], path: str, served: bool) -> list[float]:
    from opsspace.services import search, users, wiki

    samples = []
    with app.app_context():
        author = users.get(corpus.BENCH_USER)
        base = None
        for i, text in enumerate(texts):
            started = time.perf_counter()
            result = wiki.save_page(path, body=text, author=author, summary="Edit", base_revision_id=base)
            elapsed = time.perf_counter() - started
            if result.outcome != "saved":
                raise RuntimeError(f"save {i} of {path}: {result.outcome}")
            base = result.revision.id
            if served:  # one editor's saves are seconds apart: let the indexing thread finish, untimed
                harness.wait_for(lambda: not search.pending(), f"indexing save {i} of {path}")
            if i:  # the first save creates the page and warms the writer: not counted
                samples.append(elapsed)
    return samples


def run(ctx: harness.Context) -> None:
    count = ctx.pick(4, 40, 80)
    texts = _texts(count, ctx.seed)
    words = len(texts[-1].split())
    with tempfile.TemporaryDirectory(dir=harness.scratch_parent(), prefix=".scratch-") as tmp:
        tmp = Path(tmp)
        scratch = tmp / "site"
        shutil.copytree(ctx.site, scratch)
        app = ctx.app()
        with app.app_context():
            floor = _baseline(texts[1:], tmp)
        served = _saves(scratch, texts, "Bench/Saves/Served", served=True)
        full = _saves(scratch, texts, "Bench/Saves/Full_pipeline")
        deferred = _saves(scratch, texts, "Bench/Saves/Index_deferred", SEARCH_DEFER_INDEXING=True)
        unflagged = _saves(scratch, texts, "Bench/Saves/Without_flagging", SEARCH_DEFER_INDEXING=True,
                           DISABLED_PLUGINS=["flagging"])
    rows = []
    figures = {}
    for label, key, samples in (
            ("save as served (the worker's indexing thread updates the index)", "served", served),
            ("save without an indexing thread (index updated before it returns)", "full", full),
            ("save, index update left in the outbox", "index_deferred", deferred),
            ("save, index deferred, flagging plugin off", "index_deferred_no_flagging", unflagged),
            ("baseline: render + commit to a bare table", "baseline", floor)):
        summary = harness.summarize(samples)
        figures[key] = summary
        rows.append([label, summary["n"], summary["p50_ms"], summary["p95_ms"], summary["max_ms"]])
    ctx.record("words", words)
    ctx.record("saves", figures)
    ctx.table(f"Saving an edit of a {words:,}-word page (in-process, through wiki.save_page)",
              ["what", "n", "p50 ms", "p95 ms", "max ms"], rows)
    ctx.ratio("served save p50 vs baseline p50", figures["served"]["p50_ms"], figures["baseline"]["p50_ms"], " ms",
              higher_is_better=False)
    ctx.ratio("served save p95 vs baseline p95", figures["served"]["p95_ms"], figures["baseline"]["p95_ms"], " ms",
              higher_is_better=False)
    ctx.ratio("save with the index update inline, p95 vs baseline p95", figures["full"]["p95_ms"],
              figures["baseline"]["p95_ms"], " ms", higher_is_better=False)
    ctx.note(f"index update ≈ {figures['full']['p50_ms'] - figures['index_deferred']['p50_ms']:.1f} ms, flagging ≈ "
             f"{figures['index_deferred']['p50_ms'] - figures['index_deferred_no_flagging']['p50_ms']:.1f} ms "
             "of the p50 (differences of medians)")
    ctx.target(f"page save p95 ≤ 100 ms for {WORDS:,} words (as served)", figures["served"]["p95_ms"] <= 100,
               f"{figures['served']['p95_ms']:.1f} ms; with the index update inline {figures['full']['p95_ms']:.1f} ms")


if __name__ == "__main__":
    harness.main(run, NAME, TITLE)
