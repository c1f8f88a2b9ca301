"""Text normalization against evasion: words are cut out of the original text (keeping where each one sits,
so evidence can point at the exact characters typed) and folded to a canonical skeleton.

Folding undoes the usual tricks: case, accents, zero-width and soft-hyphen characters, look-alike letters from
other scripts (Cyrillic, Greek, full-width), leetspeak (``1d10t``), and repeated letters (``idiooot``; the
repetition rule is applied when comparing, see :func:`squeeze`). Spelling a word out letter by letter
(``i d i o t``, ``i.d.i.o.t``) is undone by :func:`letter_runs`. Matching is always on whole words, so
innocent words that merely contain a listed word ("assess", "Dickens") never match.
"""
import re
import unicodedata
from dataclasses import dataclass

# Characters that hide inside words without showing: zero-width space/joiners, word joiner, BOM, soft hyphen.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

# Look-alike letters from other scripts (what NFKC leaves alone), folded to the Latin letter they imitate.
_CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ɡ": "g", "ո": "n", "ս": "u",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ω": "w", "μ": "u",
    # Latin oddities
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
}

# Leetspeak: digits and symbols standing for letters. "1", "|" and "!" may stand for "i" or "l": they fold to
# AMBIGUOUS, and matching tries both readings (see readings()).
AMBIGUOUS = "\x01"
_LEET = {"0": "o", "1": AMBIGUOUS, "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s",
         "!": AMBIGUOUS, "|": AMBIGUOUS, "€": "e", "+": "t"}

_FOLD = str.maketrans({**_CONFUSABLES, **_LEET, **{ch: "" for ch in INVISIBLE}})

# A word: letters and digits, with the symbols leetspeak uses and the characters that hide inside words.
# "*" and "#" stand for masked letters ("st*pid"). Apostrophes, hyphens and dots separate words.
_WORD = re.compile(r"[^\W_]+(?:[\u0300-\u036f" + INVISIBLE + r"@$!|*#+€]+[^\W_]*)*|[@$][^\W_]+[^\W_@$!|*#+€]*")
_REPEATS = re.compile(r"(.)\1+")
_LETTER = re.compile(r"[a-z\x01]")
# What may sit between the letters of a word spelled out: spaces, dots, dashes, underscores, stars, slashes.
_SPELLED_GAP = re.compile(r"[\s.\-_*/·•,]{1,3}")


@dataclass(slots=True)
class Token:
    start: int  #: where the word starts in the original text
    end: int
    key: str  #: the folded skeleton (without repeated letters squeezed)
    masked: bool = False  #: contains "*" or "#" standing for letters


def fold(word: str) -> str:
    """The canonical skeleton of one word or phrase (lower case, no accents, Latin letters, leetspeak undone)."""
    word = unicodedata.normalize("NFKC", word).casefold()
    word = "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))
    return word.translate(_FOLD)


def squeeze(key: str) -> str:
    """Repeated letters collapsed ("idiooot" → "idiot"). Only used to find candidates: a listed word must
    still match with its own doubled letters, so "as" never matches "ass" (see :func:`same_word`)."""
    for a, b in zip(key, key[1:]):
        if a == b:
            return _REPEATS.sub(r"\1", key)
    return key


def same_word(term: str, key: str) -> bool:
    """True when `key` is `term`, or `term` with some letters stretched to three or more ("idiooot" for
    "idiot", "asss" for "ass"); a doubled letter alone is ordinary spelling ("looser" is not "loser")."""
    i = j = 0
    while i < len(term):
        ch = term[i]
        run = 1
        while i + run < len(term) and term[i + run] == ch:
            run += 1
        got = 0
        while j < len(key) and key[j] == ch:
            got += 1
            j += 1
        if got < run or (got > run and got < 3):
            return False
        i += run
    return j == len(key)


_ASCII_WORD = re.compile(r"[a-z]+")


def tokens(text: str) -> list[Token]:
    """Every word of `text`, with its place in the text and its folded skeleton."""
    found = []
    for match in _WORD.finditer(text):
        raw = match.group()
        start, end = match.start(), match.end()
        # Leading/trailing "!" or "|" are punctuation, not letters ("idiot!").
        while raw and raw[-1] in "!|+*#":
            raw, end = raw[:-1], end - 1
        while raw and raw[0] in "!|+*#":
            raw, start = raw[1:], start + 1
        if not raw:
            continue
        if raw.isascii() and raw.isalpha():
            key = raw.lower()  # the common case, fast
        else:
            if not any(ch.isalpha() for ch in raw):
                continue  # numbers are not words
            key = fold(raw)
        masked = "*" in key or "#" in key
        found.append(Token(start, end, key, masked))
    return found


def letter_runs(text: str, words: list[Token], min_letters: int = 3):
    """Words spelled out one letter at a time ("i d i o t", "i.d.i.o.t", "c-r-é-t-i-n"): yields
    ``(first index, last index, joined skeleton)`` for each maximal run of one-letter words with only
    small gaps between them."""
    run_start = None
    for index, token in enumerate(words + [None]):
        single = token is not None and len(token.key) == 1 and _LETTER.match(token.key)
        if single and run_start is not None:
            gap = text[words[index - 1].end:token.start]
            if not _SPELLED_GAP.fullmatch(gap):
                if index - run_start >= min_letters:
                    yield run_start, index - 1, "".join(w.key for w in words[run_start:index])
                run_start = index
            continue
        if single:
            run_start = index
            continue
        if run_start is not None and index - run_start >= min_letters:
            yield run_start, index - 1, "".join(w.key for w in words[run_start:index])
        run_start = None


def readings(key: str) -> list[str]:
    """The ways to read a skeleton with ambiguous leetspeak ("1d10t": "idiot" or "ldlot"); at most 8."""
    count = key.count(AMBIGUOUS)
    if not count:
        return [key]
    if count > 3:
        return [key.replace(AMBIGUOUS, "i"), key.replace(AMBIGUOUS, "l")]
    out = [""]
    for ch in key:
        out = [prefix + c for prefix in out for c in ("il" if ch == AMBIGUOUS else ch)]
    return out


def mask_pattern(key: str) -> re.Pattern:
    """A masked word ("st*pid", "f##k") as a pattern where each mask stands for one letter."""
    return re.compile("".join("[a-z]" if ch in "*#" else re.escape(ch) for ch in key))


_PLAIN = str.maketrans({**_CONFUSABLES, **{ch: "" for ch in INVISIBLE}, "’": "'", "‘": "'", "`": "'"})


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def plain(text: str) -> str:
    """Running text folded for phrase patterns: lower case, no accents, look-alike letters and curly
    apostrophes folded, invisible characters removed (leetspeak left alone)."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold()
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).translate(_PLAIN)
