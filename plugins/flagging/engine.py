"""The detectors and how their scores combine. Pure Python, no database: a :class:`Detector` is built from the
policy terms and the people directory (the service caches one per process) and checks a text in one pass.

Detectors:
1. policy terms, matched on whole words after normalization against evasion (see normalize);
2. aimed at a person: a term near an @mention, a colleague's name or a word addressing someone scores much
   higher than the same word aimed at nobody; reported or quoted words ("he called me an idiot") much lower;
3. an optional classifier (the ``ml`` extra, alt-profanity-check) adds a low-weight score.
A separate detector finds statements of self-harm or suicidal intent: those never penalize anyone.
"""
import bisect
import re
from dataclasses import dataclass, field

from . import lexicon
from .normalize import Token, fold, letter_runs, mask_pattern, plain, readings, same_word, squeeze, tokens

CATEGORIES = ("insult", "slur", "profanity", "threat")
#: What a listed word weighs on its own, aimed at nobody.
BASE_SCORE = {"insult": 0.45, "slur": 0.6, "profanity": 0.35, "threat": 0.9, "group": 0.4}
#: How much more it weighs when aimed at someone: a named colleague, someone addressed, someone spoken of.
AIMED = {"person": 2.2, "addressed": 2.0, "spoken_of": 1.5}
#: Tokens between the word and the person it may be aimed at.
WINDOW = {"person": 12, "addressed": 5, "spoken_of": 6}
#: Reported or quoted words ("he called me an idiot", "someone wrote 'moron'") are evidence of abuse, not abuse.
REPORTED = 0.15
CLASSIFIER_WEIGHT = 0.2
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9][A-Za-z0-9._-]{1,39})")


@dataclass(frozen=True)
class Term:
    text: str
    language: str  # en, fr
    category: str  # insult, slur, profanity, threat
    action: str  # flag, hold
    clause: str = "1"
    id: int | None = None


@dataclass
class Hit:
    term: Term
    start: int
    end: int
    evidence: str
    score: float
    aimed_at: str | None = None  # the name, mention or word it is aimed at
    reported: bool = False
    group: str | None = None  # a derogatory generalization: the group it is about


@dataclass
class Verdict:
    action: str | None  # None, "flag" or "hold"
    score: float
    hits: list[Hit] = field(default_factory=list)
    wellbeing: list[str] = field(default_factory=list)  # the statements, as written
    classifier: float | None = None

    def signals(self) -> list[dict]:
        """The verdict as content_submitted signals (DESIGN §6)."""
        out = []
        if self.action:
            counted = [h for h in self.hits if not h.reported]
            strongest = max(counted, key=lambda h: h.score) if counted else None
            clause = strongest.term.clause if strongest else "1"
            words = [h for h in counted if h.group is None]
            if words:
                out.append({"kind": "policy_terms", "score": round(self.score, 2), "action": self.action,
                            "evidence": _unique(h.evidence for h in words), "policy_clause": clause})
            groups = [h for h in counted if h.group is not None]
            if groups:
                out.append({"kind": "group_remark", "score": round(max(h.score for h in groups), 2),
                            "action": "flag" if words else self.action, "policy_clause": clause,
                            "evidence": _unique([*(h.group for h in groups), *(h.evidence for h in groups)])})
            aimed = [h for h in counted if h.aimed_at]
            if aimed:
                # Supporting signals say "flag": the policy_terms signal carries the decision.
                out.append({"kind": "aimed_at_person", "score": round(max(h.score for h in aimed), 2),
                            "action": "flag", "policy_clause": clause,
                            "evidence": _unique(h.aimed_at for h in aimed)})
            if self.classifier is not None:
                out.append({"kind": "classifier", "score": round(self.classifier, 2), "action": "flag",
                            "evidence": [], "policy_clause": clause})
        if self.wellbeing:
            out.append({"kind": "wellbeing", "score": 1.0, "action": "wellbeing", "evidence": self.wellbeing,
                        "policy_clause": None})
        return out


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


class Detector:
    def __init__(self, terms, people=(), flag_at: float = 0.3, hold_at: float = 0.8, classifier=None):
        """`terms`: :class:`Term` objects; `people`: ``(username, display name)`` pairs of the directory;
        `classifier`: a callable text → probability of being offensive, or None."""
        self.flag_at, self.hold_at, self.classifier = flag_at, hold_at, classifier
        self.words: dict[str, list[tuple[str, Term]]] = {}  # squeezed skeleton → (skeleton, term)
        self.phrases: dict[str, list[tuple[list[str], Term]]] = {}  # first word squeezed → (words, term)
        self.by_length: dict[int, list[tuple[str, Term]]] = {}  # for masked words ("st*pid")
        for term in terms:
            keys = [t.key for t in tokens(term.text)]
            if not keys:
                continue
            if len(keys) == 1:
                self.words.setdefault(squeeze(keys[0]), []).append((keys[0], term))
                self.by_length.setdefault(len(keys[0]), []).append((keys[0], term))
            else:
                self.phrases.setdefault(squeeze(keys[0]), []).append((keys, term))
        self._memo: dict = {}  # (word, languages) → term: words repeat a lot
        self.usernames = {u.lower() for u, _ in people}
        self.full_names: dict[tuple[str, str], str] = {}
        self.name_words: dict[str, str] = {}
        common = lexicon.FUNCTION_WORDS["en"] | lexicon.FUNCTION_WORDS["fr"]
        for _, display in people:
            parts = [t.key for t in tokens(display or "")]
            if len(parts) >= 2:
                self.full_names[(parts[0], parts[-1])] = display
            for part in parts:
                if len(part) > 2 and part not in common:
                    self.name_words.setdefault(part, display)

    # -- the detectors ---------------------------------------------------------------------------------
    def check(self, text: str, language: str | None = None) -> Verdict:
        words = tokens(text)
        languages = self._languages(words, language)
        hits = self._term_hits(text, words, languages)
        if hits:
            targets = self._targets(text, words)
            starts = [w.start for w in words]
            for hit in hits:
                self._aim(hit, text, starts, targets)
        folded = plain(text)
        if len(folded) != len(text):
            folded = None  # folding changed lengths (ligatures, ß): fold sentence by sentence instead
        hits += self._group_remarks(text, hits, folded)
        wellbeing = self._wellbeing(text, folded)
        score = 0.0
        counted = sorted((h.score for h in hits), reverse=True)
        if counted:
            score = counted[0] + 0.2 * sum(counted[1:])
        probability = None
        if self.classifier is not None and any(not h.reported for h in hits):
            # Only alongside a word that counts: alone it could never reach a flag, and it cannot tell a
            # quotation ("he called me an idiot") from the insult itself.
            probability = float(self.classifier(text))
            score += CLASSIFIER_WEIGHT * probability
        action = None
        if any(h.term.action == "hold" and not h.reported for h in hits) or score >= self.hold_at:
            action = "hold"
        elif score >= self.flag_at:
            action = "flag"
        return Verdict(action, score, hits, wellbeing, probability)

    @staticmethod
    def _languages(words: list[Token], declared: str | None) -> set[str]:
        """The languages whose terms apply: the declared one and what the text looks like; both when unsure."""
        counts = {lang: sum(1 for w in words if w.key in vocab) for lang, vocab in lexicon.FUNCTION_WORDS.items()}
        found = {declared} if declared in counts else set()
        en, fr = counts["en"], counts["fr"]
        if max(en, fr) < 2 or min(en, fr) * 3 >= max(en, fr):
            return frozenset({"en", "fr"} if not found else found)
        found.add("en" if en > fr else "fr")
        return frozenset(found)

    def _match(self, key: str, languages) -> Term | None:
        memo_key = (key, languages)
        if memo_key in self._memo:
            return self._memo[memo_key]
        if len(self._memo) > 200_000:
            self._memo.clear()
        self._memo[memo_key] = found = self._lookup(key, languages)
        return found

    def _lookup(self, key: str, languages) -> Term | None:
        for reading in readings(key):
            for term_key, term in self.words.get(squeeze(reading), ()):
                if term.language in languages and same_word(term_key, reading):
                    return term
        return None

    def _term_hits(self, text: str, words: list[Token], languages) -> list[Hit]:
        hits: list[Hit] = []
        covered: set[int] = set()
        for index, word in enumerate(words):
            key = word.key
            for keys, term in self.phrases.get(squeeze(key), ()):
                end = index + len(keys)
                if term.language in languages and end <= len(words) and all(
                        same_word(k, w.key) for k, w in zip(keys, words[index:end])):
                    hits.append(self._hit(term, text, word.start, words[end - 1].end))
                    covered.update(range(index, end))
            if index in covered:
                continue
            term = self._match(key, languages)
            if term is None and len(key) >= 5 and key[-1] in "sx":  # plurals: "idiots", "imbéciles"
                term = self._match(key[:-1], languages)
            if term is None and word.masked:
                pattern = mask_pattern(key)
                term = next((t for k, t in self.by_length.get(len(key), ()) if t.language in languages
                             and pattern.fullmatch(k)), None)
            if term is not None and term.category in ("insult", "profanity") and self._proper_name(text, words, index):
                continue  # "Dick Martin", "Conne River": a name, not a word about someone
            if term is not None:
                hits.append(self._hit(term, text, word.start, word.end))
                covered.add(index)
        for first, last, joined in letter_runs(text, words):
            # Spelled out: try every stretch of three or more letters of the run.
            for a in range(first, last - 1):
                for b in range(last, a + 1, -1):
                    key = "".join(w.key for w in words[a:b + 1]) if (a, b) != (first, last) else joined
                    term = self._match(key, languages)
                    if term is not None and not covered.intersection(range(a, b + 1)):
                        hits.append(self._hit(term, text, words[a].start, words[b].end))
                        covered.update(range(a, b + 1))
        return hits

    @staticmethod
    def _proper_name(text: str, words: list[Token], index: int) -> bool:
        """A capitalized word next to another capitalized word, not opening a sentence: part of a name."""
        word = words[index]
        if not text[word.start:word.end].istitle():
            return False  # "MoRoN", "IDIOT": shouting or disguise, not a name
        starts_sentence = index == 0 or re.search(r"[.!?:\n]\s*$", text[words[index - 1].end:word.start])
        following = words[index + 1] if index + 1 < len(words) else None
        next_capital = following is not None and text[following.start].isupper() and \
            text[word.end:following.start].strip() == ""
        previous = words[index - 1] if index else None
        previous_capital = previous is not None and not starts_sentence and text[previous.start].isupper() and \
            text[previous.end:word.start].strip() == ""
        return bool(next_capital or previous_capital)

    @staticmethod
    def _hit(term: Term, text: str, start: int, end: int) -> Hit:
        return Hit(term, start, end, text[start:end], BASE_SCORE.get(term.category, 0.4))

    def _targets(self, text: str, words: list[Token]) -> list[tuple[int, str, str]]:
        """(token index, strength, what) for every person the text names, mentions or addresses."""
        starts = [w.start for w in words]
        found = []
        for match in MENTION.finditer(text):
            index = min(bisect.bisect_left(starts, match.start()), len(words) - 1)
            found.append((index, "person", match.group()))
        for index, word in enumerate(words):
            key = word.key
            if index + 1 < len(words) and (key, words[index + 1].key) in self.full_names:
                found.append((index, "person", self.full_names[(key, words[index + 1].key)]))
            elif key in self.name_words and text[word.start].isupper():
                found.append((index, "person", text[word.start:word.end]))
            elif key in lexicon.SECOND_PERSON and (key != "t" or (
                    index + 1 < len(words) and words[index + 1].key in lexicon.FRENCH_YOU_ARE)):
                found.append((index, "addressed", text[word.start:word.end]))
            elif key in lexicon.THIRD_PERSON:
                found.append((index, "spoken_of", text[word.start:word.end]))
        return found

    def _aim(self, hit: Hit, text: str, starts: list[int], targets) -> None:
        position = bisect.bisect_left(starts, hit.start)
        best = 1.0
        for index, strength, what in targets:
            if abs(index - position) <= WINDOW[strength] and AIMED[strength] > best:
                best, hit.aimed_at = AIMED[strength], what
        if hit.aimed_at is None or best < AIMED["person"]:
            # "Karen Smith ... the man is a cretin", "… Quelle conne.": a pronoun pointing back at a person named
            # earlier in the text aims the word at that person.
            spoken = [i for i, strength, _ in targets if strength == "spoken_of" and abs(i - position) <= WINDOW[strength]]
            named = [(i, what) for i, strength, what in targets if strength == "person" and i < position <= i + 80]
            if spoken and named:
                best, hit.aimed_at = AIMED["addressed"], named[-1][1]
        hit.score *= best
        if self._reported(text, hit):
            hit.reported = True
            hit.score *= REPORTED

    @staticmethod
    def _reported(text: str, hit: Hit) -> bool:
        """Quoted ("someone wrote 'moron'"), reported ("he called me an idiot"), or, for a threat, not a threat
        at all ("it won't kill you to ask": nobody says they will do it)."""
        before = text[max(0, hit.start - 120):hit.start]
        for quote in lexicon.QUOTED.finditer(text, max(0, hit.start - 120), min(len(text), hit.end + 120)):
            if quote.start() < hit.start and hit.end <= quote.end():
                return True
        sentence = re.split(r"[.!?\n]\s", before)[-1]
        folded = plain(sentence)
        if hit.term.category == "threat" and lexicon.NEEDS_SUBJECT.match(plain(hit.term.text)) \
                and not lexicon.THREAT_SUBJECT.search(folded[-40:]):
            return True
        return bool(lexicon.REPORTING.search(folded))

    def _group_remarks(self, text: str, hits: list[Hit], folded: str | None) -> list[Hit]:
        """Derogatory generalizations about a group: a group named, and a demeaning trait pinned on it (or, for
        a protected group, unfair treatment prescribed). Never escalated to hold on their own."""
        found = []
        if folded is not None and not lexicon.GROUP.search(folded):
            return found
        hit_starts = sorted(h.start for h in hits)
        for match in re.finditer(r"[^.!?\n]+", text):
            at = bisect.bisect_left(hit_starts, match.start())
            if at < len(hit_starts) and hit_starts[at] < match.end():
                continue  # the words already count
            sentence = folded[match.start():match.end()] if folded is not None else plain(match.group())
            group = lexicon.GROUP.search(sentence)
            if group is None:
                continue
            trait = lexicon.DEMEANING.search(sentence, group.end())
            if trait is None and lexicon.PROTECTED_GROUP.search(sentence):
                trait = lexicon.DISCRIMINATORY.search(sentence)
            if trait is None:
                continue
            evidence = _original(match.group(), sentence, trait.start(), trait.end())
            hit = Hit(GROUP_REMARK, match.start(), match.end(), evidence, BASE_SCORE["group"],
                      group=_original(match.group(), sentence, group.start(), group.end()))
            if lexicon.REPORTING.search(sentence[:trait.start()]):
                hit.reported, hit.score = True, hit.score * REPORTED
            found.append(hit)
        return found

    @staticmethod
    def _wellbeing(text: str, folded_text: str | None) -> list[str]:
        found = []
        if folded_text is not None and not lexicon.WELLBEING.search(folded_text):
            return found
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            folded = plain(sentence)
            if lexicon.WELLBEING.search(folded) and lexicon.SELF_MARKERS.search(folded) \
                    and not lexicon.WELLBEING_NOT_SELF.search(folded):
                found.append(sentence.strip())
        return found


GROUP_REMARK = Term("", "", "group", "flag")


def _original(original: str, folded: str, start: int, end: int) -> str:
    """The words as typed for a span of their plain() form (the same length unless folding changed it)."""
    if len(original) == len(folded):
        return original[start:end].strip()
    return folded[start:end].strip()


def load_terms(lines) -> list[Term]:
    """Terms from the tab-separated default list (term, language, category, action); '#' starts a comment."""
    terms = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#") or line.startswith("term\t"):
            continue
        text, language, category, action = (part.strip() for part in line.split("\t")[:4])
        terms.append(Term(text, language, category, action))
    return terms


def folded(text: str) -> str:
    return " ".join(t.key for t in tokens(text)) or fold(text)
