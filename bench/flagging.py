"""Flagging: the time to check 200- and 2,000-word texts with the default policy terms and a large people
directory, against two baselines measured in the same run (a plain whole-word regex over the same terms, with
none of the evasion handling; and Markdown rendering of the same text, the save's own main cost), then
precision and recall on the labelled set (bench/data/flagging/labelled.jsonl) per category and language."""
import json
import random
import re
from pathlib import Path

import markdown

from plugins.flagging.engine import Detector, Term
from plugins.flagging.evaluation import evaluate, load
from plugins.flagging.service import default_terms

from . import harness

NAME = "flagging"
TITLE = "Flagging: cost of a check, and precision/recall on the labelled set"
DATA = Path(__file__).resolve().parent / "data" / "flagging"
FIRST = ["Marie", "Jean", "Priya", "David", "Sophie", "Mohamed", "Karen", "Luc", "Aisha", "Tom", "Isabelle", "Mike",
         "Nathalie", "Ahmed", "Emily", "François", "Chloé", "Raj", "Olivia", "Samuel", "Geneviève", "Wei", "Omar"]
LAST = ["Tremblay", "Gagnon", "Patel", "Chen", "Roy", "Haddad", "Smith", "Bouchard", "Okafor", "Wilson", "Côté",
        "Johnson", "Lavoie", "Nguyen", "Martin", "Singh", "Brown", "Pelletier", "Leblanc", "Kowalski", "Ouellet"]


def directory(size: int, rng: random.Random) -> list[tuple[str, str]]:
    """A people directory of `size` colleagues (the labelled set's colleagues among them)."""
    people = [(p["username"], p["display_name"]) for p in json.loads((DATA / "colleagues.json").read_text())]
    while len(people) < size:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        people.append((f"{first.lower()}.{last.lower()}{len(people)}", f"{first} {last}"))
    return people


def text_of(words: int, rows: list[dict], rng: random.Random) -> str:
    """Ordinary workplace prose of about `words` words, with a few flagged sentences mixed in."""
    ordinary = [r["text"] for r in rows if r["expected"] == "none"]
    flagged = [r["text"] for r in rows if r["expected"] in ("flag", "hold")]
    parts, count = [], 0
    while count < words:
        sentence = rng.choice(flagged if rng.random() < 0.05 else ordinary)
        parts.append(sentence)
        count += len(sentence.split())
        if rng.random() < 0.15:
            parts.append("\n\n")
    return " ".join(parts)


def naive(terms: list[Term]):
    """The baseline: one whole-word regex of the terms, case-insensitive; no evasion handling, no targeting."""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t.text) for t in sorted(terms, key=lambda t: -len(t.text)))
                         + r")\b", re.IGNORECASE)
    return lambda text: pattern.findall(text)


def run(ctx: harness.Context) -> None:
    rng = random.Random(ctx.seed)
    rows = load(DATA / "labelled.jsonl")
    terms = default_terms()
    people = directory(ctx.pick(200, 10_000, 30_000), rng)
    detector = Detector(terms, people)
    ctx.record("terms", len(terms))
    ctx.record("directory", len(people))
    repeat = ctx.pick(5, 200, 500)
    sizes = {}
    for words in (200, 2000):
        text = text_of(words, rows, rng)
        render = markdown.Markdown(extensions=["tables", "fenced_code", "toc", "sane_lists"])
        figures = {
            "detector": harness.summarize(harness.time_calls(lambda: detector.check(text), repeat)),
            "naive_regex": harness.summarize(harness.time_calls(lambda: naive(terms)(text), repeat)),
            "markdown": harness.summarize(harness.time_calls(lambda: render.reset().convert(text), repeat)),
            "words": len(text.split()),
        }
        sizes[words] = figures
    ctx.record("timing", sizes)
    ctx.table(f"Checking a text ({len(terms)} policy terms, {len(people):,} people), ms",
              ["text", "check p50", "check p95", "naive regex p50", "Markdown p50"],
              [[f"{w} words", f["detector"]["p50_ms"], f["detector"]["p95_ms"], f["naive_regex"]["p50_ms"],
                f["markdown"]["p50_ms"]] for w, f in sizes.items()])
    long = sizes[2000]
    ctx.ratio("2,000 words: check p50 vs naive whole-word regex p50", long["detector"]["p50_ms"],
              long["naive_regex"]["p50_ms"], " ms", higher_is_better=False)
    ctx.ratio("2,000 words: check p50 vs Markdown rendering p50", long["detector"]["p50_ms"],
              long["markdown"]["p50_ms"], " ms", higher_is_better=False)
    ctx.target("flagging ≤ 20 ms for 2,000 words (p95)", long["detector"]["p95_ms"] <= 20,
               f"{long['detector']['p95_ms']:.1f} ms")

    report = evaluate(Detector(terms, directory(200, random.Random(ctx.seed))), rows)
    ctx.record("evaluation", report)
    heldout = DATA / "heldout.jsonl"
    if heldout.exists():
        people = [(p["username"], p["display_name"])
                  for p in json.loads((DATA / "heldout_colleagues.json").read_text())]
        held = evaluate(Detector(terms, people), load(heldout))
        ctx.record("evaluation_heldout", held)
    ctx.table("Labelled set: share caught per category and language (for none: share left untouched)",
              ["category", "expected", "sentences", "caught", "rate"],
              [[name, c["expected"], c["n"], c["caught"], c["rate"]] for name, c in report["categories"].items()])
    ctx.table("Labelled set: precision and recall per language and action ('flag' = flag or hold)",
              ["language/action", "precision", "recall", "predicted", "actual"],
              [[name, a["precision"], a["recall"], a["predicted"], a["actual"]] for name, a in report["actions"].items()])
    if heldout.exists():
        ctx.table("Held-out set (never used for tuning): share caught per category and language",
                  ["category", "expected", "sentences", "caught", "rate"],
                  [[name, c["expected"], c["n"], c["caught"], c["rate"]] for name, c in held["categories"].items()])
        ctx.table("Held-out set: precision and recall per language and action",
                  ["language/action", "precision", "recall", "predicted", "actual"],
                  [[name, a["precision"], a["recall"], a["predicted"], a["actual"]]
                   for name, a in held["actions"].items()])
    _with_classifier(ctx, terms, rows, long)


def _with_classifier(ctx: harness.Context, terms, rows, long: dict) -> None:
    """The optional `ml` extra: what alt-profanity-check adds, in time and in figures."""
    try:
        from profanity_check import predict_prob
    except ImportError:
        ctx.note("the ml extra (alt-profanity-check) is not installed: no classifier figures")
        return
    detector = Detector(terms, directory(200, random.Random(ctx.seed)), classifier=lambda t: predict_prob([t])[0])
    text = text_of(2000, rows, random.Random(ctx.seed + 1))
    timing = harness.summarize(harness.time_calls(lambda: detector.check(text), ctx.pick(3, 50, 100)))
    report = evaluate(detector, rows)
    ctx.record("with_classifier", {"timing_2000_words": timing, "evaluation": report})
    ctx.table("With the ml extra (alt-profanity-check, weight 0.2, only beside a counted word)",
              ["language/action", "precision", "recall"],
              [[name, a["precision"], a["recall"]] for name, a in report["actions"].items()])
    ctx.ratio("2,000 words: check p50 with the classifier vs without", timing["p50_ms"],
              long["detector"]["p50_ms"], " ms", higher_is_better=False)


if __name__ == "__main__":
    harness.main(run, NAME, TITLE, needs_corpus=False)
