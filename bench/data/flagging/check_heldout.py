"""Checks the held-out flagging evaluation set (`heldout.jsonl`, `heldout_colleagues.json`) and prints its counts
table. Standard library only; the categories and their expected labels come from `check.py`, so both sets follow
one rule book. Run from the repository root:

    .venv/bin/python bench/data/flagging/check_heldout.py

Exits non-zero and says what is wrong when a line is not valid JSON, a field is missing, out of order or unknown,
an id is malformed or repeated, a label does not match its category, a text is repeated (within the set, or
taken from `labelled.jsonl`), a targeted sentence names no colleague, the colleague list lost one of the colleagues
of `colleagues.json`, or a category or language falls below its minimum.
"""
import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from check import EXPECTED, FIELDS, LANGUAGES, _plain  # noqa: E402  (shared rule book)

HELDOUT = HERE / "heldout.jsonl"
HELDOUT_COLLEAGUES = HERE / "heldout_colleagues.json"
COLLEAGUES = HERE / "colleagues.json"
LABELLED = HERE / "labelled.jsonl"

#: the least each language must keep of each category (en, fr), about half of the labelled set's figures
MINIMUM = {
    "targeted_insult": (30, 15), "evasion": (20, 10), "group_derogatory": (18, 9),
    "untargeted_profanity": (15, 8), "criticism": (30, 15), "quotation": (15, 8), "wellbeing": (15, 8),
    "idiom": (10, 5), "innocent": (22, 10),
}
MINIMUM_TOTAL = {"en": 200, "fr": 100}
APOSTROPHES = "'\u2019"


def _key(text: str) -> str:
    """The text as compared for repeats: case, accents, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", _plain(text)))


def _name_words(colleagues) -> set[str]:
    """Every way a sentence can name a colleague: username, each part of the display name, and for names with an
    apostrophe (O'Brien) the part after it and the name written without it."""
    words = set()
    for person in colleagues:
        words.add(_plain(person["username"]))
        for part in _plain(person["display_name"]).split():
            words.add(part)
            pieces = re.split(f"[{APOSTROPHES}]", part)
            if len(pieces) > 1:
                words.add("".join(pieces))
                words.update(piece for piece in pieces if len(piece) > 2)
    return words


def _text_words(text: str) -> set[str]:
    plain = _plain(text)
    return set(re.findall(r"[@\w.]+", plain)) | set(re.findall(r"\w+", plain)) | {
        word.lstrip("@").rstrip(".") for word in re.findall(r"[@\w.]+", plain)
    }


def check_colleagues(errors: list[str]) -> list[dict]:
    colleagues = json.loads(HELDOUT_COLLEAGUES.read_text(encoding="utf-8"))
    usernames = set()
    for person in colleagues:
        if set(person) != {"username", "display_name"}:
            errors.append(f"heldout_colleagues.json: unexpected entry {person}")
            continue
        if person["username"] in usernames:
            errors.append(f"heldout_colleagues.json: {person['username']} is listed twice")
        usernames.add(person["username"])
    for person in json.loads(COLLEAGUES.read_text(encoding="utf-8")):
        if person not in colleagues:
            errors.append(f"heldout_colleagues.json: {person['username']} from colleagues.json is missing or changed")
    return colleagues


def check_heldout(errors: list[str], colleagues: list[dict]) -> list[dict]:
    names = _name_words(colleagues)
    labelled = {_key(json.loads(line)["text"]) for line in LABELLED.read_text(encoding="utf-8").splitlines()
                if line.strip()}
    rows, ids, texts = [], set(), set()
    for number, line in enumerate(HELDOUT.read_text(encoding="utf-8").splitlines(), 1):
        where = f"heldout.jsonl line {number}"
        if not line.strip():
            errors.append(f"{where}: empty line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(f"{where}: not JSON ({error})")
            continue
        if not isinstance(row, dict) or tuple(row) != FIELDS:
            errors.append(f"{where}: fields must be {', '.join(FIELDS)} in that order")
            continue
        if row["lang"] not in LANGUAGES:
            errors.append(f"{where}: lang must be en or fr")
        if not re.fullmatch(rf"ho-{re.escape(str(row['lang']))}-\d{{3,}}", str(row["id"])):
            errors.append(f"{where}: id {row['id']!r} must look like ho-{row['lang']}-001")
        if row["id"] in ids:
            errors.append(f"{where}: id {row['id']} is used twice")
        ids.add(row["id"])
        if row["category"] not in EXPECTED:
            errors.append(f"{where}: unknown category {row['category']!r}")
            continue
        if row["expected"] != EXPECTED[row["category"]]:
            errors.append(f"{where}: category {row['category']} expects {EXPECTED[row['category']]!r}")
        text = row["text"]
        if not isinstance(text, str) or len(text.split()) < 2:
            errors.append(f"{where}: the text is missing or too short")
            continue
        key = _key(text)
        if key in texts:
            errors.append(f"{where}: the same text appears twice")
        if key in labelled:
            errors.append(f"{where}: the text is also in labelled.jsonl; a held-out sentence must be new")
        texts.add(key)
        if row["category"] in ("targeted_insult", "evasion") and not _text_words(text) & names:
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
    colleagues = check_colleagues(errors)
    rows = check_heldout(errors, colleagues)
    print(table(rows))
    for error in errors:
        print("ERROR:", error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
