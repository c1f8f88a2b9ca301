"""Run the real site in separate server processes (gunicorn through `opsspace serve`), for multi-process tests."""
import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .postgres import free_port

OPSSPACE = str(Path(sys.executable).with_name("opsspace"))


def server_env(database_url: str, instance: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPSSPACE_")}
    env.update({
        "OPSSPACE_SQLALCHEMY_DATABASE_URI": database_url,
        "OPSSPACE_INSTANCE_PATH": str(instance),
        "OPSSPACE_SECRET_KEY": "multi-process-test-key",
        "OPSSPACE_PLAIN_HTTP": "true",
        "OPSSPACE_PLUGIN_ENTRY_POINTS": "false",
        "OPSSPACE_PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    })
    env.update({f"OPSSPACE_{k}": str(v) for k, v in extra.items()})
    return env


def cli(env: dict, *args: str, input: str | None = None) -> str:
    result = subprocess.run([OPSSPACE, *args], env=env, input=input, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class Server:
    """`opsspace serve` on a free port; stop() ends it."""

    def __init__(self, env: dict, workers: int = 1, log=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([OPSSPACE, "serve", "--bind", f"127.0.0.1:{self.port}",
                                         "--workers", str(workers), "--plain-http"],
                                        env=env, stdout=log or subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/login", timeout=2).close()
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode())
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not start in 30 s")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process.stderr.close()


class Browser:
    """A minimal cookie-keeping HTTP client that sends form CSRF tokens, for talking to real servers."""

    TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def get(self, url: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, data: dict, token_from: str) -> tuple[int, str]:
        _status, page = self.get(token_from)
        data = {**data, "csrf_token": self.TOKEN.search(page).group(1)}
        return self._open(urllib.request.Request(url, data=urllib.parse.urlencode(data).encode()))

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
