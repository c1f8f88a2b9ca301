"""The benchmark harness cannot rot: a tiny seeded corpus is generated and loaded through the services, then
every benchmark runs in its tiny mode against it and writes results with the expected shape. No timing is
asserted here (the machine may be busy); `make bench` is where figures are read."""
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpus

ROOT = Path(__file__).resolve().parents[2]
#: The hash of `generate(pages=12, seed=3)`. It changes only when the generator is changed on purpose;
#: then publish the new value here with the reason (old results no longer describe the same corpus).
TINY_CORPUS_HASH = "b6dbb43c1fce7faa2a866ca3dce1b69828820d4f7972a59c6b2820d902018eaf"


def test_the_same_seed_gives_the_same_corpus_in_any_process():
    assert corpus.fingerprint(12, 3) == TINY_CORPUS_HASH
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-m", "bench.corpus", "--pages", "12", "--seed", "3", "--fingerprint"],
                           cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert other == TINY_CORPUS_HASH
    assert corpus.fingerprint(12, 4) != TINY_CORPUS_HASH


def test_the_corpus_is_bilingual_with_realistic_shapes():
    items = list(corpus.generate(300, 1))
    pages = [item for kind, item in items if kind == "page"]
    assert {kind for kind, _ in items} == {"person", "page", "post", "comment"}
    french = sum(page["lang"] == "fr" for page in pages) / len(pages)
    assert 0.25 < french < 0.45
    words = sorted(len(page["revisions"][-1]["body"].split()) for page in pages)
    assert 400 < words[len(words) // 2] < 900 and words[-1] > 3000
    assert sum(len(page["revisions"]) for page in pages) / len(pages) > 2
    bodies = "\n".join(page["revisions"][-1]["body"] for page in pages)
    assert "[[" in bodies and "\n## " in bodies and "\n- " in bodies and " @" in bodies


@pytest.mark.slow
def test_every_benchmark_runs_on_a_tiny_corpus(tmp_path):
    site, results = tmp_path / "site", tmp_path / "results"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPSSPACE_")}
    run = subprocess.run([sys.executable, "-m", "bench", "--tiny", "--site", str(site), "--results", str(results)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]

    manifest = corpus.read_manifest(site)
    assert manifest["fingerprint"] == corpus.fingerprint(manifest["pages"], manifest["seed"])
    assert manifest["counts"]["documents"] == sum(corpus.counts_for(40).values()) and manifest["outbox_after_load"] > 0
    connection = sqlite3.connect(site / "opsspace.db")
    assert connection.execute("SELECT count(*) FROM search_outbox").fetchone()[0] == 0  # the rebuild took it all
    assert connection.execute("SELECT count(*) FROM wiki_pages").fetchone()[0] == 40
    connection.close()

    expected = {"pages", "search", "indexing", "saves", "recording"}
    if (ROOT / "bench" / "flagging.py").exists():
        expected.add("flagging")
    written = {path.stem for path in results.glob("*.json")} - {"summary"}
    assert expected <= written
    for name in written:
        data = json.loads((results / f"{name}.json").read_text())
        assert data["name"] == name and data["mode"] == "tiny"
        assert data["machine"]["cores"] >= 1 and data["machine"]["python"]
        assert "password" not in json.dumps(data)
        if data["skipped"]:
            continue
        assert data["targets"], f"{name} states no target"
        for ratio in data["ratios"]:
            assert ratio["value"] > 0 and ratio["baseline"] > 0, ratio

    pages = json.loads((results / "pages.json").read_text())["figures"]["results"]
    for by_page in pages.values():
        for label, by_role in by_page.items():
            assert set(by_role) == {"reader", "employee", "baseline", "baseline (employee's size)"}
            for figures in by_role.values():
                assert figures["rps"] > 0 and figures["non_2xx"] == 0, (label, figures)
    search = json.loads((results / "search.json").read_text())["figures"]["sizes"]
    for size in search.values():
        for kind in ("one word", "two words", "phrase", "prefix", "filtered", "misspelled"):
            assert {"page", "page_http", "raw_whoosh", "fts5"} <= set(size[kind])
            assert size[kind]["page"]["p50_ms"] > 0
    indexing = json.loads((results / "indexing.json").read_text())["figures"]
    assert indexing["documents"] == manifest["counts"]["documents"]
    assert indexing["rebuild"]["procs_1"]["rebuild"]["documents"] == manifest["counts"]["documents"]
    assert indexing["rebuild"]["procs_1"]["rebuild"]["peak_rss_mb"] > 0
    saves = json.loads((results / "saves.json").read_text())["figures"]
    assert saves["words"] > 1500 and saves["saves"]["served"]["n"] > 0
    summary = json.loads((results / "summary.json").read_text())
    assert not [name for name, result in summary["benchmarks"].items() if "error" in result]
