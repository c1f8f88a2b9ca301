"""Checks the flagging evaluation set and the plugin's default policy terms, and prints the counts table of
the README. Standard library only. Run from the repository root:

    .venv/bin/python bench/data/flagging/check.py

Exits non-zero and says what is wrong when a line is not valid JSON, a field is missing or unknown, an id is
repeated, a label does not match its category, a targeted sentence names no colleague, or a category falls
below its minimum.
"""
import collections
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELLED = HERE / "labelled.jsonl"
COLLEAGUES = HERE / "colleagues.json"
TERMS = HERE.parents[2] / "plugins" / "flagging" / "data" / "default_terms.tsv"

#: category → the action a good moderator wants
EXPECTED = {
    "targeted_insult": "hold", "evasion": "hold", "group_derogatory": "flag", "untargeted_profanity": "flag",
    "criticism": "none", "quotation": "none", "wellbeing": "wellbeing", "idiom": "none", "innocent": "none",
}
#: the least each language must keep of each category (en, fr)
MINIMUM = {
    "targeted_insult": (60, 30), "evasion": (40, 20), "group_derogatory": (35, 18),
    "untargeted_profanity": (30, 15), "criticism": (60, 30), "quotation": (30, 15), "wellbeing": (30, 15),
    "idiom": (20, 10), "innocent": (45, 20),
}
MINIMUM_TOTAL = {"en": 330, "fr": 170}
LANGUAGES = ("en", "fr")
FIELDS = ("id", "lang", "category", "expected", "text")
TERM_CATEGORIES = ("insult", "slur", "profanity", "threat")
TERM_ACTIONS = ("flag", "hold")


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _name_words(colleagues) -> set[str]:
    words = set()
    for person in colleagues:
        words.add(_plain(person["username"]))
        words.update(_plain(part) for part in person["display_name"].split())
    return words


def check_labelled(errors: list[str]) -> list[dict]:
    colleagues = json.loads(COLLEAGUES.read_text(encoding="utf-8"))
    for person in colleagues:
        if set(person) != {"username", "display_name"}:
            errors.append(f"colleagues.json: unexpected entry {person}")
    names = _name_words(colleagues)
    rows, ids, texts = [], set(), set()
    for number, line in enumerate(LABELLED.read_text(encoding="utf-8").splitlines(), 1):
        where = f"labelled.jsonl line {number}"
        if not line.strip():
            errors.append(f"{where}: empty line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(f"{where}: not JSON ({error})")
            continue
        if tuple(row) != FIELDS:
            errors.append(f"{where}: fields must be {', '.join(FIELDS)} in that order, not {', '.join(row)}")
            continue
        if row["lang"] not in LANGUAGES:
            errors.append(f"{where}: lang must be en or fr")
        if not re.fullmatch(rf"{re.escape(str(row['lang']))}-\d{{3,}}", str(row["id"])):
            errors.append(f"{where}: id {row['id']!r} must look like {row['lang']}-001")
        if row["id"] in ids:
            errors.append(f"{where}: id {row['id']} is used twice")
        ids.add(row["id"])
        if row["category"] not in EXPECTED:
            errors.append(f"{where}: unknown category {row['category']!r}")
        elif row["expected"] != EXPECTED[row["category"]]:
            errors.append(f"{where}: category {row['category']} expects {EXPECTED[row['category']]!r}")
        text = row["text"]
        if not isinstance(text, str) or len(text.split()) < 2:
            errors.append(f"{where}: the text is missing or too short")
            continue
        if text in texts:
            errors.append(f"{where}: the same text appears twice")
        texts.add(text)
        if row["category"] in ("targeted_insult", "evasion"):
            words = set(re.findall(r"[@\w.]+", _plain(text))) | set(re.findall(r"\w+", _plain(text)))
            if not words & names:
                errors.append(f"{where}: category {row['category']} must name a colleague")
        rows.append(row)
    counts = collections.Counter((row["lang"], row["category"]) for row in rows)
    for category, minimums in MINIMUM.items():
        for lang, least in zip(LANGUAGES, minimums):
            if counts[(lang, category)] < least:
                errors.append(f"{category} ({lang}): {counts[(lang, category)]} sentences, at least {least} wanted")
    for lang, least in MINIMUM_TOTAL.items():
        total = sum(n for (language, _), n in counts.items() if language == lang)
        if total < least:
            errors.append(f"{lang}: {total} sentences, at least {least} wanted")
    return rows


def check_terms(errors: list[str]) -> collections.Counter:
    counts, seen, header = collections.Counter(), set(), False
    for number, line in enumerate(TERMS.read_text(encoding="utf-8").splitlines(), 1):
        where = f"default_terms.tsv line {number}"
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if not header:
            header = True
            if parts != ["term", "language", "category", "action"]:
                errors.append(f"{where}: the header must be term, language, category, action")
            continue
        if len(parts) != 4:
            errors.append(f"{where}: four tab-separated columns wanted, found {len(parts)}")
            continue
        term, language, category, action = parts
        if not term.strip() or term != term.strip():
            errors.append(f"{where}: empty term or stray spaces")
        if language not in LANGUAGES or category not in TERM_CATEGORIES or action not in TERM_ACTIONS:
            errors.append(f"{where}: bad language, category or action: {parts[1:]}")
        key = (_plain(term), language)
        if key in seen:
            errors.append(f"{where}: {term!r} ({language}) is listed twice")
        seen.add(key)
        counts[(language, category, action)] += 1
    return counts


def table(rows: list[dict]) -> str:
    counts = collections.Counter((row["lang"], row["category"]) for row in rows)
    lines = ["| category | expected | en | fr | total |", "|---|---|---:|---:|---:|"]
    for category, expected in EXPECTED.items():
        en, fr = counts[("en", category)], counts[("fr", category)]
        lines.append(f"| {category} | {expected} | {en} | {fr} | {en + fr} |")
    en = sum(n for (lang, _), n in counts.items() if lang == "en")
    fr = sum(n for (lang, _), n in counts.items() if lang == "fr")
    lines.append(f"| **all** | | **{en}** | **{fr}** | **{en + fr}** |")
    return "\n".join(lines)


def main() -> int:
    errors: list[str] = []
    rows = check_labelled(errors)
    terms = check_terms(errors)
    print(table(rows))
    print()
    by_language = collections.Counter()
    for (language, category, action), n in sorted(terms.items()):
        by_language[language] += n
        print(f"terms {language} {category:9} {action}: {n}")
    print(f"terms: {by_language['en']} en, {by_language['fr']} fr, {sum(by_language.values())} in all")
    for error in errors:
        print("ERROR:", error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
