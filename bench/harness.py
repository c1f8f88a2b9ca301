"""What every benchmark shares: modes, the corpus site, timing and percentiles, tables, ratio lines against a
baseline measured in the same run, targets, and `bench/results/<name>.json` with the machine's description.

A benchmark is a module ``bench/<name>.py`` with ``NAME``, ``TITLE`` and ``run(ctx) -> None``; it ends with
``if __name__ == "__main__": harness.main(run, NAME, TITLE)``. ``python -m bench`` runs every such module.
"""
import argparse
import contextlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import corpus

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results"
#: Corpus size (wiki pages; 3 search documents per page) for each mode.
MODE_PAGES = {"tiny": 40, "quick": 667, "full": 33_334}
MODES = tuple(MODE_PAGES)


def scratch_parent() -> Path:
    """Where scratch copies of a corpus site go (next to the sites; the folder is not in git)."""
    path = BENCH_DIR / "sites"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- numbers ----------------------------------------------------------------------------------

def percentile(values, p: float) -> float:
    """The p-th percentile (0-100) with linear interpolation; NaN for no values."""
    data = sorted(values)
    if not data:
        return float("nan")
    k = (len(data) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summarize(seconds) -> dict:
    """Latency figures in milliseconds from samples in seconds."""
    data = list(seconds)
    ms = [s * 1000 for s in data]
    return {"n": len(ms), "mean_ms": round(statistics.fmean(ms), 3) if ms else None,
            "p50_ms": round(percentile(ms, 50), 3), "p95_ms": round(percentile(ms, 95), 3),
            "p99_ms": round(percentile(ms, 99), 3), "max_ms": round(max(ms), 3) if ms else None}


def time_calls(function, repeat: int, warmup: int = 2) -> list[float]:
    """Call `function()` `warmup` times untimed, then `repeat` times; the durations in seconds."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


@contextlib.contextmanager
def site_app(site: Path, served: bool = False, **settings):
    """The app on a corpus site. `served`: with the indexing thread `opsspace serve` runs in each worker
    (a save wakes it and returns before the index commit); else each save updates the index itself."""
    app = corpus.make_app(site, **settings)
    from opsspace.services import search

    if served:
        search.start_background_drain(app)
    try:
        yield app
    finally:
        search.stop_background_drain(app)


def wait_for(condition, what: str, seconds: float = 60) -> None:
    """Look every 5 ms until `condition()` is true, each time in a fresh database snapshot (the indexing
    thread commits in its own session); RuntimeError naming `what` after `seconds`."""
    from opsspace.extensions import db

    deadline = time.perf_counter() + seconds
    while True:
        db.session.rollback()
        if condition():
            return
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{what}: not done {seconds:g} s later")
        time.sleep(0.005)


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident memory of this program (or of its finished children), in MB.

    For this program, the high-water mark of its own address space (VmHWM) where Linux gives it: ru_maxrss
    of a process started by `subprocess` also counts the memory of the process it was started from (Linux
    keeps the mark across exec), which made a rebuild measured from the bench process, itself holding
    100,000 documents, look like 2.4 GB instead of 0.3."""
    if not children:
        try:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return round(int(line.split()[1]) / 1024, 1)
        except OSError:
            pass
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return round(usage.ru_maxrss / 1024, 1)


# --- the machine ------------------------------------------------------------------------------

def machine() -> dict:
    """What the figures were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in ("Flask", "Werkzeug", "Jinja2", "SQLAlchemy", "Whoosh", "gunicorn", "Markdown", "nh3"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    try:
        wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0].strip()
    except OSError:
        wrk = None
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BENCH_DIR, capture_output=True,
                                text=True).stdout.strip() or None
    except OSError:
        commit = None
    memory = None
    try:
        memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gb": memory, "python": platform.python_version(),
            "platform": platform.platform(), "load_average": [round(x, 2) for x in os.getloadavg()],
            "packages": versions, "wrk": wrk, "commit": commit}


# --- the context a benchmark runs in ------------------------------------------------------------

@dataclass
class Context:
    """Everything a benchmark needs: its mode, the corpus site and its manifest, and what it reports."""

    name: str
    title: str
    mode: str
    site: Path | None
    seed: int
    manifest: dict = field(default_factory=dict)
    results_dir: Path = RESULTS
    figures: dict = field(default_factory=dict)
    tables: list = field(default_factory=list)
    ratios: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    started: float = field(default_factory=time.time)
    skipped: str | None = None

    def pick(self, tiny, quick, full):
        """The value for this run's mode."""
        return {"tiny": tiny, "quick": quick, "full": full}[self.mode]

    @property
    def tiny(self) -> bool:
        return self.mode == "tiny"

    def app(self, **settings):
        """The real app on the corpus site (plugins as configured for the site)."""
        return corpus.make_app(self.site, **settings)

    def record(self, key: str, value) -> None:
        """Keep a figure (any JSON value) under `key` in the results."""
        self.figures[key] = value

    def table(self, title: str, columns: list[str], rows: list[list]) -> None:
        """Print a table and keep it in the results."""
        self.tables.append({"title": title, "columns": columns, "rows": rows})
        cells = [[_cell(value) for value in row] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        print(f"\n{title}")
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(columns, widths))))
        print("  ".join("-" * w for w in widths))
        for row in cells:
            print("  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(row, widths))))

    def ratio(self, label: str, value: float, baseline: float, unit: str = "", higher_is_better: bool = True) -> float:
        """Print and keep "label: value vs baseline = ratio"; returns value / baseline."""
        result = value / baseline if baseline else float("nan")
        self.ratios.append({"label": label, "value": value, "baseline": baseline, "ratio": round(result, 3),
                            "unit": unit, "higher_is_better": higher_is_better})
        print(f"ratio  {label}: {_cell(value)}{unit} vs baseline {_cell(baseline)}{unit} = {result:.2f}×")
        return result

    def target(self, label: str, met: bool, measured: str) -> bool:
        """Print and keep whether a target of the issue is met, with the figure that decides it."""
        self.targets.append({"target": label, "met": bool(met), "measured": measured})
        print(f"target {'MET   ' if met else 'MISSED'} {label}  ({measured})")
        return met

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"note   {text}")

    def skip(self, reason: str) -> None:
        """Say clearly that this benchmark did not run, and why (the JSON says so too)."""
        self.skipped = reason
        print(f"SKIPPED {self.name}: {reason}")

    def save(self) -> Path:
        self.results_dir.mkdir(parents=True, exist_ok=True)
        manifest = {k: v for k, v in self.manifest.items() if k != "accounts"}
        data = {"name": self.name, "title": self.title, "mode": self.mode, "seed": self.seed,
                "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(self.started)),
                "duration_s": round(time.time() - self.started, 1), "machine": machine(),
                "corpus": {"site": str(self.site) if self.site else None, **manifest},
                "skipped": self.skipped, "figures": self.figures, "ratios": self.ratios, "targets": self.targets,
                "tables": self.tables, "notes": self.notes,
                "command": _command()}
        path = self.results_dir / f"{self.name}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        print(f"\nwrote {path}")
        return path


def _command() -> str:
    """The command that reproduces this run."""
    script = Path(sys.argv[0])
    module = "bench" if script.name == "__main__.py" else f"bench.{script.stem}"
    return " ".join([".venv/bin/python", "-m", module, *sys.argv[1:]])


def _cell(value) -> str:
    if isinstance(value, float):
        if value != value:
            return "—"
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "—" if value is None else str(value)


# --- command line -----------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--mode", choices=MODES, default="quick")
    group.add_argument("--tiny", dest="mode", action="store_const", const="tiny", help="seconds: for the smoke test")
    group.add_argument("--quick", dest="mode", action="store_const", const="quick", help="minutes (default)")
    group.add_argument("--full", dest="mode", action="store_const", const="full", help="100,000 documents")
    parser.add_argument("--site", type=Path, help="corpus site to use (default: the mode's, created when missing)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--results", type=Path, default=RESULTS, help="where <name>.json is written")


def ensure_site(mode: str, seed: int, site: Path | None = None, procs: int = 1) -> tuple[Path, dict]:
    """The corpus site for a mode: loaded once, then reused by every benchmark (and later runs)."""
    pages = MODE_PAGES[mode]
    site = site or corpus.default_site(pages, seed)
    if not (site / corpus.MANIFEST).exists():
        if site.exists() and any(site.iterdir()):
            raise SystemExit(f"{site} holds an unfinished corpus (no {corpus.MANIFEST}): remove it and run again.")
        print(f"Loading a {sum(corpus.counts_for(pages).values()):,}-document corpus into {site} (seed {seed})")
        manifest = corpus.load(site, pages, seed, procs=procs, quiet=mode == "tiny")
        print(f"loaded in {manifest['load_seconds']} s, indexed in {manifest['rebuild_seconds']} s")
    else:  # the migrations written since the corpus was loaded, and the tables of plugins without one
        from sqlalchemy.exc import OperationalError

        try:
            corpus.prepare_database(corpus.make_app(site))
        except OperationalError as error:
            raise SystemExit(f"{site}: its database could not be brought up to date ({error.orig}). A corpus whose "
                             "newer tables were made without their migration can be marked as migrated with "
                             f"`OPSSPACE_INSTANCE_PATH={site} .venv/bin/opsspace db stamp head`, "
                             "or removed and loaded again.") from error
    return site, corpus.read_manifest(site)


def run_benchmark(run, name: str, title: str, mode: str, seed: int, site: Path | None, results: Path,
                  needs_corpus: bool = True) -> Context:
    manifest = {}
    if needs_corpus:
        site, manifest = ensure_site(mode, seed, site)
    ctx = Context(name=name, title=title, mode=mode, site=site, seed=seed, manifest=manifest, results_dir=results)
    print(f"\n=== {title} ({name}, {mode}) ===")
    run(ctx)
    ctx.save()
    return ctx


def main(run, name: str, title: str, needs_corpus: bool = True, argv=None) -> Context:
    """Command line of one benchmark: ``python -m bench.<name> [--tiny|--quick|--full] [--site DIR]``."""
    parser = argparse.ArgumentParser(prog=f"python -m bench.{name}", description=title)
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run_benchmark(run, name, title, args.mode, args.seed, args.site, args.results, needs_corpus)
