"""Checks the flagging evaluation sets (the labelled set and the held-out set) and the plugin's default policy
terms, and prints the counts tables of the README. Standard library only. Run from the repository root:

    .venv/bin/python bench/data/flagging/check.py

Exits non-zero and says what is wrong when a line is not valid JSON, a field is missing, out of order or unknown,
an id is malformed or repeated, a label does not match its category, a text is repeated (within a set, or a
held-out text taken from the labelled set), a targeted sentence names no colleague, the held-out colleagues lost
one of `colleagues.json`, a category or language falls below its minimum, or a policy term is malformed.
Both sets follow one rule book: the categories, labels and fields below.
"""
import collections
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
TERMS = HERE.parents[2] / "plugins" / "flagging" / "data" / "default_terms.tsv"

#: category → the action a good moderator wants
EXPECTED = {
    "targeted_insult": "hold", "evasion": "hold", "group_derogatory": "flag", "untargeted_profanity": "flag",
    "criticism": "none", "quotation": "none", "wellbeing": "wellbeing", "idiom": "none", "innocent": "none",
}
LANGUAGES = ("en", "fr")
FIELDS = ("id", "lang", "category", "expected", "text")
TERM_CATEGORIES = ("insult", "slur", "profanity", "threat")
TERM_ACTIONS = ("flag", "hold")
APOSTROPHES = "'\u2019"


class EvaluationSet:
    """One set: its sentences, the colleagues they name, how its ids look, and the least it must keep of each
    category (en, fr) and of each language."""

    def __init__(self, sentences: str, colleagues: str, id_prefix: str, minimum: dict, minimum_total: dict):
        self.sentences, self.colleagues = HERE / sentences, HERE / colleagues
        self.id_prefix, self.minimum, self.minimum_total = id_prefix, minimum, minimum_total


LABELLED = EvaluationSet("labelled.jsonl", "colleagues.json", "", minimum={
    "targeted_insult": (60, 30), "evasion": (40, 20), "group_derogatory": (35, 18),
    "untargeted_profanity": (30, 15), "criticism": (60, 30), "quotation": (30, 15), "wellbeing": (30, 15),
    "idiom": (20, 10), "innocent": (45, 20),
}, minimum_total={"en": 330, "fr": 170})
#: never used for tuning (see the README); about half of the labelled set's minimums
HELDOUT = EvaluationSet("heldout.jsonl", "heldout_colleagues.json", "ho-", minimum={
    "targeted_insult": (30, 15), "evasion": (20, 10), "group_derogatory": (18, 9),
    "untargeted_profanity": (15, 8), "criticism": (30, 15), "quotation": (15, 8), "wellbeing": (15, 8),
    "idiom": (10, 5), "innocent": (22, 10),
}, minimum_total={"en": 200, "fr": 100})


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


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


def check_colleagues(errors: list[str], evaluation: EvaluationSet, must_keep: list[dict] = ()) -> list[dict]:
    """The colleagues a set names; `must_keep`: colleagues another set names, which this one must list as they are."""
    name = evaluation.colleagues.name
    colleagues = json.loads(evaluation.colleagues.read_text(encoding="utf-8"))
    usernames = set()
    for person in colleagues:
        if set(person) != {"username", "display_name"}:
            errors.append(f"{name}: unexpected entry {person}")
            continue
        if person["username"] in usernames:
            errors.append(f"{name}: {person['username']} is listed twice")
        usernames.add(person["username"])
    for person in must_keep:
        if person not in colleagues:
            errors.append(f"{name}: {person['username']} is missing or changed")
    return colleagues


def check_sentences(errors: list[str], evaluation: EvaluationSet, colleagues: list[dict],
                    not_from: set[str] = frozenset()) -> list[dict]:
    """The set's rows, each checked; `not_from`: texts (as compared for repeats) the set must not contain."""
    names, prefix = _name_words(colleagues), evaluation.id_prefix
    rows, ids, texts = [], set(), set()
    for number, line in enumerate(evaluation.sentences.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{evaluation.sentences.name} line {number}"
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
        if not re.fullmatch(rf"{prefix}{re.escape(str(row['lang']))}-\d{{3,}}", str(row["id"])):
            errors.append(f"{where}: id {row['id']!r} must look like {prefix}{row['lang']}-001")
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
        if key in not_from:
            errors.append(f"{where}: the text is also in {LABELLED.sentences.name}; a held-out sentence must be new")
        texts.add(key)
        if row["category"] in ("targeted_insult", "evasion") and not _text_words(text) & names:
            errors.append(f"{where}: category {row['category']} must name a colleague")
        rows.append(row)
    counts = collections.Counter((row["lang"], row["category"]) for row in rows)
    for category, minimums in evaluation.minimum.items():
        for lang, least in zip(LANGUAGES, minimums):
            if counts[(lang, category)] < least:
                errors.append(f"{evaluation.sentences.name}, {category} ({lang}): {counts[(lang, category)]} "
                              f"sentences, at least {least} wanted")
    for lang, least in evaluation.minimum_total.items():
        total = sum(n for (language, _), n in counts.items() if language == lang)
        if total < least:
            errors.append(f"{evaluation.sentences.name}, {lang}: {total} sentences, at least {least} wanted")
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
    colleagues = check_colleagues(errors, LABELLED)
    labelled = check_sentences(errors, LABELLED, colleagues)
    heldout = check_sentences(errors, HELDOUT, check_colleagues(errors, HELDOUT, must_keep=colleagues),
                              not_from={_key(row["text"]) for row in labelled})
    terms = check_terms(errors)
    print(f"{LABELLED.sentences.name}:\n{table(labelled)}\n")
    by_language = collections.Counter()
    for (language, category, action), n in sorted(terms.items()):
        by_language[language] += n
        print(f"terms {language} {category:9} {action}: {n}")
    print(f"terms: {by_language['en']} en, {by_language['fr']} fr, {sum(by_language.values())} in all\n")
    print(f"{HELDOUT.sentences.name}:\n{table(heldout)}")
    for error in errors:
        print("ERROR:", error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
