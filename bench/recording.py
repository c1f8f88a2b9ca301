"""Benchmark 6, recording: page-view throughput of a wiki page with the stats plugin recording, against the
same site with the plugin switched off (DISABLED_PLUGINS=stats), measured in the same run, alternating
on and off so the machine's other load falls on both. Runs on a copy of the site (recording writes)."""
import shutil
import tempfile
from importlib import metadata
from pathlib import Path

from . import harness, load
from .pages import urls

NAME = "recording"
TITLE = "Recording page views (stats plugin on vs off)"
PLUGIN_DIR = harness.BENCH_DIR.parent / "plugins" / "stats"


def _stats_settings() -> dict | None:
    """Settings that turn the stats plugin on, or None when it is not there."""
    if not (PLUGIN_DIR / "__init__.py").exists():
        return None
    names = {entry.name for entry in metadata.entry_points(group="opsspace.plugins")}
    return {} if "stats" in names else {"EXTRA_PLUGINS": "plugins.stats"}


def run(ctx: harness.Context) -> None:
    on_settings = _stats_settings()
    if on_settings is None:
        ctx.skip("the stats plugin (plugins/stats) is not installed: nothing records page views")
        return
    seconds = ctx.pick(1, 5, 10)
    rounds = ctx.pick(1, 2, 3)
    tool = "wrk" if load.wrk_available() else "python"
    account = ctx.manifest["accounts"]["employee"]
    path = urls(ctx.manifest)["wiki page"]
    results = {("on", "reader"): [], ("on", "employee"): [], ("off", "reader"): [], ("off", "employee"): []}
    recorded = None
    with tempfile.TemporaryDirectory(dir=harness.scratch_parent(), prefix=".scratch-") as tmp:
        scratch = Path(tmp) / "site"
        shutil.copytree(ctx.site, scratch)
        before = _recorded(scratch) or 0
        for _ in range(rounds):
            for state, settings in (("on", on_settings), ("off", {"DISABLED_PLUGINS": "stats"})):
                with load.opsspace_server(scratch, workers=2, threads=1, **settings) as server:
                    cookie = load.sign_in(server.url, account["username"], account["password"])
                    for role, header in (("reader", None), ("employee", cookie)):
                        if not ctx.tiny:
                            load.measure(server.url + path, 1, 4, header, tool)  # warm-up
                        results[(state, role)].append(load.measure(server.url + path, seconds, 4, header, tool))
        after = _recorded(scratch)
        recorded = None if after is None else after - before
    rows, figures = [], {}
    for (state, role), runs in results.items():
        rps = [r["rps"] for r in runs]
        best = max(rps)
        figures[f"{state}_{role}"] = {"runs": runs, "best_rps": best}
        rows.append([f"stats {state}", role, len(runs), round(best, 1), round(sum(rps) / len(rps), 1),
                     max(r["p99_ms"] for r in runs)])
    ctx.record("results", figures)
    ctx.record("page_views_recorded", recorded)
    ctx.record("load_generator", tool)
    ctx.table(f"Wiki page views with and without recording (2 sync workers, {tool}, {seconds} s runs, best of {rounds})",
              ["plugin", "as", "runs", "best req/s", "mean req/s", "worst p99 ms"], rows)
    costs = []
    for role in ("reader", "employee"):
        on, off = figures[f"on_{role}"]["best_rps"], figures[f"off_{role}"]["best_rps"]
        ctx.ratio(f"{role}: stats on vs off", on, off, " req/s")
        costs.append(1 - on / off)
    if not recorded:
        ctx.note("the stats plugin recorded no page view during the run: check that it is recording")
    worst = max(costs)
    ctx.target("stats recording costs ≤ 5% of page-view throughput", worst <= 0.05, f"worst cost {worst:.1%}")


def _recorded(site: Path) -> int | None:
    """How many page views the plugin wrote during the run (its own table), if it can be read."""
    import sqlite3

    try:
        connection = sqlite3.connect(site / "opsspace.db")
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                                       "AND name LIKE 'stats_%'")]
        count = None
        if "stats_events" in tables:
            count = connection.execute("SELECT count(*) FROM stats_events").fetchone()[0]
        connection.close()
        return count
    except sqlite3.Error:
        return None


if __name__ == "__main__":
    harness.main(run, NAME, TITLE)
