"""Servers and load for the HTTP benchmarks: the real site under gunicorn (`opsspace serve`), the minimal Flask
baseline under the same gunicorn settings, sign-in through the real form, and a load generator on 127.0.0.1
(wrk when installed, else a Python one). Every request goes to 127.0.0.1 only, for a bounded time.
"""
import http.client
import http.cookiejar
import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .harness import percentile

BIN = Path(sys.executable).parent
# The access log exactly as `opsspace serve` writes it, so both servers pay the same for logging.
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
USER_AGENT = "opsspace-bench/1.0"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(site: Path, **settings) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPSSPACE_")}
    env["OPSSPACE_INSTANCE_PATH"] = str(site)
    env["OPSSPACE_PLAIN_HTTP"] = "true"
    env.update({f"OPSSPACE_{key}": str(value) for key, value in settings.items()})
    return env


class Server:
    """A server process on a free 127.0.0.1 port, ready when `probe` answers; a context manager."""

    def __init__(self, command: list[str], env: dict, port: int, probe: str = "/"):
        self.port, self.url = port, f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        cwd=str(Path(__file__).resolve().parent.parent))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + probe, timeout=5).close()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if self.process.poll() is not None:
                    raise RuntimeError(f"server exited: {self.process.stderr.read().decode()[-3000:]}")
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not answer within 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stderr.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def opsspace_server(site: Path, workers: int = 2, threads: int = 1, **settings) -> Server:
    """The real site, started the way operators start it: `opsspace serve` (gunicorn)."""
    port = free_port()
    command = [str(BIN / "opsspace"), "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--threads", str(threads), "--plain-http"]
    return Server(command, site_env(site, **settings), port, probe="/login")


def baseline_server(workers: int = 2, threads: int = 1) -> Server:
    """bench/baseline_app.py under gunicorn with the settings `opsspace serve` uses."""
    port = free_port()
    command = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--threads", str(threads), "--worker-class", "gthread" if threads > 1 else "sync",
               "--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT, "--timeout", "60",
               "bench.baseline_app:app"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPSSPACE_")}
    return Server(command, env, port, probe="/page/1000")


# --- a browser's sign-in ----------------------------------------------------------------------

def sign_in(base_url: str, username: str, password: str) -> str:
    """Sign in through the real form (CSRF token and all); returns the Cookie header a browser would send."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    page = opener.open(base_url + "/login", timeout=30).read().decode()
    token = TOKEN_RE.search(page).group(1)
    data = urllib.parse.urlencode({"username": username, "password": password, "csrf_token": token}).encode()
    opener.open(urllib.request.Request(base_url + "/login", data=data), timeout=30).read()
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "opsspace_session" not in cookies:
        raise RuntimeError("signing in did not give a session cookie")
    return cookies


def fetch(url: str, cookie: str | None = None) -> tuple[int, bytes]:
    headers = {"User-Agent": USER_AGENT}
    if cookie:
        headers["Cookie"] = cookie
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# --- load ---------------------------------------------------------------------------------------

def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def measure(url: str, seconds: float, connections: int, cookie: str | None = None, tool: str | None = None,
            close: bool = False) -> dict:
    """Throughput and latency of GET `url` with `connections` concurrent clients for `seconds`. With `close`,
    every request asks for its connection to be closed and the next one opens a new connection."""
    tool = tool or ("wrk" if wrk_available() else "python")
    headers = {"User-Agent": USER_AGENT, **({"Cookie": cookie} if cookie else {}),
               **({"Connection": "close"} if close else {})}
    if tool == "wrk":
        return _wrk(url, seconds, connections, headers)
    return _python_load(url, seconds, connections, headers)


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip())
    return float(match.group(1)) * _UNITS[match.group(2)]


def _wrk(url: str, seconds: float, connections: int, headers: dict) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 60).stdout
    try:
        latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)$", output, re.MULTILINE)}
        requests = int(re.search(r"(\d+) requests in", output).group(1))
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    except (AttributeError, ValueError) as error:
        raise RuntimeError(f"could not read wrk's output:\n{output}") from error
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {"tool": "wrk", "rps": rps, "requests": requests, "p50_ms": latency.get("50"), "p99_ms": latency.get("99"),
            "non_2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0, "connections": connections}


def _client(url: str, deadline: float, headers: dict, out: list, counts: list) -> None:
    parts = urllib.parse.urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = None
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        try:
            if connection is None:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            connection.request("GET", target, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status >= 400:
                counts[1] += 1
            if response.getheader("Connection", "").lower() == "close" or response.will_close:
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException):
            counts[2] += 1
            connection = None
            continue
        out.append(time.perf_counter() - start)
        counts[0] += 1


def _python_process(url, seconds, threads, headers, queue) -> None:
    deadline = time.perf_counter() + seconds
    samples: list = []
    counts = [0, 0, 0]
    workers = [threading.Thread(target=_client, args=(url, deadline, headers, samples, counts)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    queue.put((samples, counts))


def _python_load(url: str, seconds: float, connections: int, headers: dict) -> dict:
    """A load generator for machines without wrk: 2 processes of threads, one connection each."""
    processes = min(2, connections)
    queue = multiprocessing.get_context("fork").Queue()
    per = [connections // processes + (1 if i < connections % processes else 0) for i in range(processes)]
    started = time.perf_counter()
    children = [multiprocessing.get_context("fork").Process(target=_python_process, args=(url, seconds, n, headers, queue))
                for n in per]
    for child in children:
        child.start()
    results = [queue.get(timeout=seconds + 60) for _ in children]
    for child in children:
        child.join()
    elapsed = time.perf_counter() - started
    samples = [s for part, _ in results for s in part]
    requests = sum(c[0] for _, c in results)
    return {"tool": "python", "rps": requests / elapsed, "requests": requests,
            "p50_ms": percentile(samples, 50) * 1000, "p99_ms": percentile(samples, 99) * 1000,
            "non_2xx": sum(c[1] for _, c in results), "socket_errors": sum(c[2] for _, c in results),
            "connections": connections}


def sequential_latencies(url: str, count: int, cookie: str | None = None) -> list[float]:
    """`count` requests one after another on one client (a person searching), in seconds each."""
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        status, _body = fetch(url, cookie)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
        samples.append(time.perf_counter() - start)
    return samples
