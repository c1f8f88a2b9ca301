"""Soak test: the real site under gunicorn with the demo corpus, driven by many simulated people for a while.

It creates a site in a temporary folder (`opsspace db upgrade`, `opsspace demo`), starts `opsspace serve` with
several workers on a free port of 127.0.0.1, and has simulated people (one thread each, every one signed in as
a demo account) read pages, posts, profiles, feeds and recent changes, search and use the suggestions, edit wiki
pages (with the real editor form: merges and conflicts included), comment and report content. Every request
goes to 127.0.0.1 only; the run ends by itself after --seconds.

It reports the requests by kind, the answers by status, transport errors, the 50th and 99th percentile latency,
and each gunicorn worker's memory (RSS from /proc) over time with its growth per minute after the warm-up.
Exit status 1 when any answer was a 5xx or a request failed, or when --max-growth-mb is exceeded.

    python scripts/soak.py [--seconds 600] [--users 16] [--workers 2] [--json report.json]
"""
import argparse
import html
import http.cookiejar
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
PASSWORD = "soak-test-password-42"
TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
WORDS = ["policy", "leave", "onboarding", "données", "security", "congé", "budget", "employé", "telework", "wiki",
         "procurement", "accessibility", "nouveau", "meeting", "travel", "report"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Person:
    """One simulated person: their own cookies, their own thread."""

    def __init__(self, base: str, username: str, stats: "Stats", rng: random.Random):
        self.base, self.username, self.stats, self.rng = base, username, stats, rng
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)

    def request(self, kind: str, path: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, body, Location); records it."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        path = urllib.parse.quote(path, safe="/?&=%:+,;@")  # page names may have accents
        started = time.perf_counter()
        status, text, location = 0, "", ""
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=60) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            with error:
                status, text = error.code, error.read().decode("utf-8", "replace")
                location = error.headers.get("Location", "")
        except (OSError, urllib.error.URLError) as error:
            self.stats.record(kind, path, None, time.perf_counter() - started, repr(error))
            return 0, "", ""
        self.stats.record(kind, path, status, time.perf_counter() - started)
        return status, text, location

    def post_form(self, kind: str, path: str, page: str, fields: dict) -> tuple[int, str, str]:
        token = TOKEN_RE.search(page)
        return self.request(kind, path, {**fields, "csrf_token": token.group(1) if token else ""})

    def sign_in(self) -> None:
        _status, page, _ = self.request("sign-in", "/login")
        status, _, location = self.post_form("sign-in", "/login", page,
                                             {"username": self.username, "password": PASSWORD})
        if status != 302:
            raise RuntimeError(f"{self.username} could not sign in ({status})")
        _status, policy_page, _ = self.request("sign-in", "/policy")
        version = re.search(r'name="version" value="(\d+)"', policy_page)
        if version:  # the demo accounts may not have accepted the current policy yet
            self.post_form("sign-in", "/policy", policy_page, {"version": version.group(1)})

    # --- what people do -----------------------------------------------------------------------

    def read(self, site: "Site") -> None:
        path = self.rng.choice(["/", "/wiki/", "/blog/", "/recent", "/people/", "/feeds/blog.atom",
                                "/feeds/recent.atom", *site.sample_paths(self.rng, 4)])
        self.request("read", path)

    def search(self, site: "Site") -> None:
        word = self.rng.choice(WORDS)
        self.request("search", "/search?" + urllib.parse.urlencode({"q": word}))
        self.request("search", "/search/suggest?" + urllib.parse.urlencode({"q": word[:3]}))

    def edit(self, site: "Site") -> None:
        path = self.rng.choice(site.pages)
        status, page, _ = self.request("edit", f"/wiki/{path}/edit")
        body = re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', page, re.S)
        if status != 200 or not body:
            return
        text = html.unescape(body.group(1)).lstrip("\n")
        fields = {name: value for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
        fields.pop("csrf_token", None)
        title = re.search(r'id="f-title"[^>]*value="([^"]*)"', page)
        fields.update({"title": html.unescape(title.group(1)) if title else path, "action": "save",
                       "body": text + f"\n\nA note from the soak test, {self.username} {time.time():.3f}.",
                       "summary": "soak test", "language": fields.get("language", "en")})
        self.post_form("edit", f"/wiki/{path}/edit", page, fields)  # 302 saved or merged, 409 a shown conflict

    def comment(self, site: "Site") -> None:
        username, slug = self.rng.choice(site.posts)
        status, page, _ = self.request("comment", f"/blog/{username}/{slug}")
        target = re.search(r'name="target_id" value="(\d+)"', page)
        if status == 200 and target:
            self.post_form("comment", "/comments/", page, {"target_type": "post", "target_id": target.group(1),
                                                           "body": f"A soak-test comment, {time.time():.3f}."})

    def report(self, site: "Site") -> None:
        username, slug = self.rng.choice(site.posts)
        status, page, _ = self.request("report", f"/blog/{username}/{slug}")
        form = re.search(r'action="/report".*?name="content_type" value="(\w+)".*?name="content_id" value="(\d+)"'
                         r'.*?name="clause" value="([^"]+)"', page, re.S)
        if status == 200 and form:  # absent on one's own post
            self.post_form("report", "/report", page, {"content_type": form.group(1), "content_id": form.group(2),
                                                       "clause": form.group(3), "details": "soak test"})

    def run(self, site: "Site", until: float, mix: dict[str, float]) -> None:
        choices = [getattr(self, name) for name in mix]
        weights = list(mix.values())
        try:
            self.sign_in()
        except RuntimeError as error:
            self.stats.record("sign-in", "/login", None, 0.0, str(error))
            return
        while time.monotonic() < until:
            action = self.rng.choices(choices, weights)[0]
            try:
                action(site)
            except Exception as error:  # a bug of this driver, not of the site: counted, and the person goes on
                self.stats.record(action.__name__, "(driver)", None, 0.0, f"driver error: {error!r}")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.by_kind: dict[str, int] = {}
        self.by_status: dict[str, int] = {}
        self.errors: list[str] = []
        self.server_errors: list[str] = []

    def record(self, kind, path, status, seconds, error=None):
        with self.lock:
            self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
            if status is None:
                self.errors.append(f"{kind} {path}: {error}")
                return
            self.latencies.append(seconds)
            self.by_status[str(status)] = self.by_status.get(str(status), 0) + 1
            if status >= 500:
                self.server_errors.append(f"{status} {kind} {path}")


class Site:
    """What the demo corpus holds (read from its database once)."""

    def __init__(self, database: Path):
        import sqlite3

        with sqlite3.connect(database) as connection:
            self.pages = [row[0] for row in connection.execute(
                "select path from wiki_pages where current_revision_id is not null")]
            self.posts = [tuple(row) for row in connection.execute(
                "select u.username, p.slug from blog_posts p join users u on u.id = p.author_id "
                "where p.status = 'published'")]
            self.people = [row[0] for row in connection.execute(
                "select username from users where active and role = 'employee'")]

    def sample_paths(self, rng, count):
        paths = [f"/wiki/{rng.choice(self.pages)}" for _ in range(count // 2)]
        paths += ["/blog/{}/{}".format(*rng.choice(self.posts)), f"/people/{rng.choice(self.people)}"]
        return paths


# --- the server and its memory ----------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers: the children of the master process."""
    try:
        return [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(int(p.name)) == master]


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def slope_per_minute(samples: list[tuple[float, float]]) -> float:
    """Least-squares growth of (seconds, MB) samples, in MB per minute."""
    if len(samples) < 2:
        return 0.0
    xs, ys = [s[0] for s in samples], [s[1] for s in samples]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return 0.0 if not spread else 60 * sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread


def run(args) -> dict:
    root = Path(tempfile.mkdtemp(prefix="opsspace-soak-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPSSPACE_")}
    env.update({"OPSSPACE_INSTANCE_PATH": str(root / "instance"), "OPSSPACE_PLAIN_HTTP": "true",
                "OPSSPACE_SECRET_KEY": "soak-test-key", "OPSSPACE_SEARCH_DRAIN_INTERVAL": "5",
                # Reports are part of the load, but three would hide each post from the readers of the run.
                "OPSSPACE_MODERATION_AUTO_HIDE_REPORTS": "1000000"})
    opsspace = str(BIN / "opsspace")
    server = None
    try:
        for command in (["db", "upgrade"], ["demo", "--password", PASSWORD]):
            subprocess.run([opsspace, *command], env=env, check=True, capture_output=True, timeout=900)
        site = Site(root / "instance" / "opsspace.db")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(args.server_log, "w") if args.server_log else subprocess.DEVNULL
        server = subprocess.Popen([opsspace, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
                                   "--plain-http"], env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/login", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start")
                time.sleep(0.3)
        stats = Stats()
        started = time.monotonic()
        until = started + args.seconds
        accounts = site.people or ["ada.admin"]
        people = [Person(base, accounts[i % len(accounts)], stats, random.Random(args.seed + i))
                  for i in range(args.users)]
        threads = [threading.Thread(target=p.run, args=(site, until, args.mix), daemon=True) for p in people]
        for thread in threads:
            thread.start()
        memory: dict[int, list[tuple[float, float]]] = {}
        while any(thread.is_alive() for thread in threads):
            now = time.monotonic() - started
            for pid in worker_pids(server.pid):
                value = rss_mb(pid)
                if value is not None:
                    memory.setdefault(pid, []).append((now, value))
            time.sleep(args.sample_every)
        for thread in threads:
            thread.join(timeout=120)
        elapsed = time.monotonic() - started
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(root, ignore_errors=True)
    warmup = min(args.warmup, args.seconds / 3)
    workers = {}
    for pid, samples in memory.items():
        after = [s for s in samples if s[0] >= warmup]
        workers[str(pid)] = {"first_mb": round(samples[0][1], 1), "last_mb": round(samples[-1][1], 1),
                             "after_warmup_mb": round(after[0][1], 1) if after else None,
                             "growth_after_warmup_mb": round(after[-1][1] - after[0][1], 1) if after else None,
                             "slope_mb_per_min": round(slope_per_minute(after), 2),
                             "samples": [[round(t, 1), round(mb, 1)] for t, mb in samples]}
    latencies = sorted(stats.latencies)
    quantile = lambda q: round(1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1) if latencies else None  # noqa: E731
    return {
        "seconds": round(elapsed, 1), "users": args.users, "workers": args.workers, "warmup_seconds": warmup,
        "requests": len(latencies) + len(stats.errors), "per_second": round(len(latencies) / elapsed, 1),
        "by_kind": stats.by_kind, "by_status": stats.by_status, "server_errors": len(stats.server_errors),
        "server_error_examples": stats.server_errors[:10], "request_errors": len(stats.errors),
        "request_error_examples": stats.errors[:10], "p50_ms": quantile(0.50), "p99_ms": quantile(0.99),
        "memory": workers,
    }


DEFAULT_MIX = "read=50,search=20,edit=12,comment=10,report=8"


def parse_mix(text: str) -> dict[str, float]:
    mix = {}
    for part in text.split(","):
        name, _, weight = part.partition("=")
        if name.strip() not in ("read", "search", "edit", "comment", "report"):
            raise argparse.ArgumentTypeError(f"unknown action {name!r}: read, search, edit, comment, report")
        mix[name.strip()] = float(weight or 1)
    return mix


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("SOAK_SECONDS", 600)))
    parser.add_argument("--users", type=int, default=16, help="simulated people, one thread each")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--warmup", type=float, default=60, help="seconds before memory growth is measured")
    parser.add_argument("--sample-every", type=float, default=2.0, help="seconds between memory samples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mix", type=parse_mix, default=parse_mix(DEFAULT_MIX),
                        help=f"what people do, with weights (default {DEFAULT_MIX})")
    parser.add_argument("--max-growth-mb", type=float, default=None,
                        help="fail when a worker's memory grew more than this after the warm-up")
    parser.add_argument("--json", help="also write the report to this file")
    parser.add_argument("--server-log", help="write the server's access and error log to this file")
    args = parser.parse_args(argv)
    report = run(args)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    print(f"{report['requests']} requests in {report['seconds']} s ({report['per_second']}/s) by {args.users} "
          f"simulated people on {args.workers} workers")
    print("  by kind:   " + ", ".join(f"{k} {v}" for k, v in sorted(report["by_kind"].items())))
    print("  by status: " + ", ".join(f"{k} {v}" for k, v in sorted(report["by_status"].items())))
    print(f"  5xx: {report['server_errors']}   failed requests: {report['request_errors']}   "
          f"p50 {report['p50_ms']} ms   p99 {report['p99_ms']} ms")
    for pid, figures in report["memory"].items():
        print(f"  worker {pid}: {figures['first_mb']} MB at start, {figures['after_warmup_mb']} MB after the "
              f"warm-up, {figures['last_mb']} MB at the end; slope after warm-up {figures['slope_mb_per_min']} MB/min")
    problems = report["server_error_examples"] + report["request_error_examples"]
    if problems:
        print("  first problems:\n    " + "\n    ".join(problems))
    too_much = [pid for pid, f in report["memory"].items() if args.max_growth_mb is not None
                and (f["growth_after_warmup_mb"] or 0) > args.max_growth_mb]
    if too_much:
        print(f"  memory grew more than {args.max_growth_mb} MB after the warm-up in workers {too_much}")
    return 1 if report["server_errors"] or report["request_errors"] or too_much else 0


if __name__ == "__main__":
    sys.exit(main())
