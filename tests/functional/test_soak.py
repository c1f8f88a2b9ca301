"""The soak test's short version: scripts/soak.py (what `make soak` runs for 10 minutes) for 60 seconds — gunicorn
with the demo corpus and simulated people reading, searching, editing, commenting and reporting. No answer may
be a 5xx, no request may fail, and no worker's memory may keep growing after the warm-up (a generous bound: a
leak of a page's worth per request would pass it within seconds)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "soak.py"
SECONDS, WARMUP, MAX_GROWTH_MB = 60, 30, 120


def test_a_minute_of_mixed_load_gives_no_server_error(tmp_path):
    report_path = tmp_path / "soak.json"
    result = subprocess.run([sys.executable, str(SCRIPT), "--seconds", str(SECONDS), "--warmup", str(WARMUP),
                             "--users", "12", "--workers", "2", "--json", str(report_path),
                             "--server-log", str(tmp_path / "server.log")],
                            capture_output=True, text=True, timeout=SECONDS + 900)
    print(result.stdout)
    report = json.loads(report_path.read_text())
    log = (tmp_path / "server.log").read_text()
    assert report["server_errors"] == 0, f"{report['server_error_examples']}\n{log[-5000:]}"
    assert report["request_errors"] == 0, report["request_error_examples"]
    assert "Traceback" not in log, log[log.index("Traceback") - 200:][:5000]
    for kind in ("read", "search", "edit", "comment", "report"):
        assert report["by_kind"].get(kind, 0) > 0, f"no {kind} was tried: {report['by_kind']}"
    assert len(report["memory"]) >= 2, "the gunicorn workers' memory was not sampled"
    for pid, memory in report["memory"].items():
        assert memory["growth_after_warmup_mb"] is not None
        assert memory["growth_after_warmup_mb"] < MAX_GROWTH_MB, f"worker {pid}: {memory}"
    assert result.returncode == 0, result.stdout + result.stderr
