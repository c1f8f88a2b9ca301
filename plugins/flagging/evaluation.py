"""How well the detectors do on a labelled set: each sentence has a language, a category and the action a good
moderator would want (none, flag, hold, wellbeing). Used by the benchmark (which prints the figures) and by a
test that guards against regressions.

Scoring: a "hold" sentence counts as caught only when held; a "flag" sentence when flagged or held (either
puts it in front of a moderator); a "wellbeing" sentence when a wellbeing statement is found; a "none" sentence
when nothing at all is raised. Per category and language the report gives the share caught (recall for the
categories that should be caught, the share passed untouched for the others); per language and action it gives
precision and recall.
"""
import json
from collections import defaultdict
from pathlib import Path

from .engine import Detector

ACTIONS = ("hold", "flag", "wellbeing")


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def predicted(detector: Detector, text: str) -> str:
    """One label for a sentence: hold or flag when the policy detectors ask for it, else wellbeing, else none."""
    verdict = detector.check(text)
    if verdict.action:
        return verdict.action
    return "wellbeing" if verdict.wellbeing else "none"


def caught(expected: str, got: str) -> bool:
    if expected == "flag":
        return got in ("flag", "hold")
    return got == expected


def evaluate(detector: Detector, rows: list[dict]) -> dict:
    by_category: dict = defaultdict(lambda: {"n": 0, "caught": 0, "misses": []})
    pairs: dict = defaultdict(list)  # language → [(expected, got)]
    for row in rows:
        got = predicted(detector, row["text"])
        cell = by_category[(row["lang"], row["category"])]
        cell["n"] += 1
        cell["expected"] = row["expected"]
        if caught(row["expected"], got):
            cell["caught"] += 1
        else:
            cell["misses"].append({"id": row["id"], "got": got, "text": row["text"]})
        pairs[row["lang"]].append((row["expected"], got))
    categories = {f"{lang}/{category}": {**cell, "rate": round(cell["caught"] / cell["n"], 3)}
                  for (lang, category), cell in sorted(by_category.items())}
    actions = {}
    for lang, seen in sorted(pairs.items()):
        for action in ACTIONS:
            # "flag" as an action class means "put in front of a moderator" (flag or hold).
            def positive(label):
                return label in ("flag", "hold") if action == "flag" else label == action

            true_pos = sum(1 for e, g in seen if positive(e) and positive(g))
            predicted_pos = sum(1 for _e, g in seen if positive(g))
            actual_pos = sum(1 for e, _g in seen if positive(e))
            actions[f"{lang}/{action}"] = {
                "precision": round(true_pos / predicted_pos, 3) if predicted_pos else None,
                "recall": round(true_pos / actual_pos, 3) if actual_pos else None,
                "predicted": predicted_pos, "actual": actual_pos}
    return {"sentences": len(rows), "categories": categories, "actions": actions}
