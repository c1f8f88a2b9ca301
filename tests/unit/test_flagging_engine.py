"""The flagging detectors on their own: normalization against evasion, whole-word matching, aiming, quotes,
threat idioms, the optional classifier's weight, and a guard on the figures for the labelled set."""
import json
from pathlib import Path

import pytest

from plugins.flagging.engine import Detector, Term
from plugins.flagging.evaluation import evaluate, load
from plugins.flagging.normalize import fold, same_word, tokens
from plugins.flagging.service import default_terms

DATA = Path(__file__).resolve().parents[2] / "bench" / "data" / "flagging"
PEOPLE = [(p["username"], p["display_name"]) for p in json.loads((DATA / "colleagues.json").read_text())]


@pytest.fixture(scope="module")
def detector():
    return Detector(default_terms(), PEOPLE)


@pytest.mark.parametrize("typed", ["idiot", "IDIOT", "IdIoT", "1d10t", "idi0t", "idiooooot", "i d i o t",
                                   "i.d.i.o.t", "i-d-i-o-t", "id\u200biot", "idi\u043et", "ｉｄｉｏｔ", "ìdìòt"])
def test_evasions_fold_back_to_the_word(detector, typed):
    verdict = detector.check(f"Karen Smith is an {typed}")
    assert verdict.action == "hold", typed
    assert verdict.hits[0].evidence == typed  # the evidence is what was typed


@pytest.mark.parametrize("text", [
    "Please assess the Dickens collection.", "The class passed its assessment.", "Our therapist is in Scunthorpe.",
    "Analyse the cocktail of risks in Sussex.", "The new dress code is looser than the old one.",
    "Please list the pros and cons of each option.", "Désolée du retard, la réunion commence à 10 h 15.",
    "Le calcul du bassin est particulier.", "Elle habite à côté du concours.", "Our guest, Dick Martin, retired.",
    "Ce cas particulier doit être traité par l'équipe.", "The hostile takeover was chilled by regulators.",
])
def test_innocent_words_never_match(detector, text):
    assert detector.check(text).action is None, detector.check(text).hits


def test_a_doubled_letter_is_spelling_but_a_stretched_one_is_emphasis():
    assert not same_word("loser", "looser") and same_word("loser", "loooser") and same_word("ass", "asss")
    assert not same_word("ass", "as")


def test_tokens_keep_where_each_word_is_in_the_original_text():
    text = "Un vrai i\u200bmbécile!"
    words = tokens(text)
    assert [text[w.start:w.end] for w in words] == ["Un", "vrai", "i\u200bmbécile"]
    assert words[-1].key == fold("imbecile") == "imbecile"


def test_aiming_weighs_more_than_the_word_alone(detector):
    alone, named, addressed = (detector.check(t) for t in (
        "What an idiot.", "Karen Smith is an idiot.", "Honestly, you idiot."))
    assert alone.action == "flag" and named.action == "hold" and addressed.action == "hold"
    assert named.hits[0].aimed_at == "Karen Smith"
    spoken = detector.check("I met Jean Gagnon today. Frankly the man is a cretin.")
    assert spoken.action == "hold" and spoken.hits[0].aimed_at == "Jean Gagnon"


@pytest.mark.parametrize("text", ["He called me an idiot in front of the team.",
                                  "Someone wrote 'moron' on my desk.",
                                  "Il m'a traité d'imbécile devant tout le monde.",
                                  "Le guide donne des exemples comme « abruti » ou « débile ».",
                                  "It won't kill you to update the wiki, Tom.",
                                  "Ce rythme-là va finir par te tuer, prends des vacances."])
def test_quoted_reported_and_idiomatic_words_are_not_abuse(detector, text):
    assert detector.check(text).action is None


def test_threats_with_a_subject_are_held(detector):
    assert detector.check("I will kill you, Tom.").action == "hold"
    assert detector.check("Je vais te tuer.").action == "hold"
    assert detector.check("kys").action == "hold"


def test_group_remarks_are_flagged_never_held(detector):
    verdict = detector.check("The boomers in our branch are dinosaurs who refuse to learn.")
    assert verdict.action == "flag"
    assert [s["kind"] for s in verdict.signals()] == ["group_remark"]
    assert detector.check("The managers were slow to answer the audit.").action is None


def test_the_optional_classifier_adds_a_low_weight_score():
    terms = [Term("idiot", "en", "insult", "flag")]
    quiet, sure = Detector(terms), Detector(terms, classifier=lambda text: 1.0)
    assert quiet.check("what an idiot").score == pytest.approx(0.45)
    assert sure.check("what an idiot").score == pytest.approx(0.65)
    assert sure.check("you are wonderful").action is None  # never enough on its own
    assert sure.check("he called me an idiot").score == quiet.check("he called me an idiot").score
    assert [s["kind"] for s in sure.check("what an idiot").signals()] == ["policy_terms", "classifier"]


def test_wellbeing_statements_are_found_and_idioms_are_not(detector):
    assert detector.check("I don't want to live anymore.").wellbeing
    assert detector.check("Je pense à me suicider.").wellbeing
    for text in ("This deadline is killing me", "I'm dying to see the results", "Je suis mort de rire",
                 "Join the suicide prevention training"):
        assert not detector.check(text).wellbeing, text
    signals = detector.check("I want to kill myself").signals()
    assert signals == [{"kind": "wellbeing", "score": 1.0, "action": "wellbeing",
                        "evidence": ["I want to kill myself"], "policy_clause": None}]


def test_the_labelled_set_does_not_regress(detector):
    """Floors a little under the figures measured when the detectors were last tuned (see bench/flagging.py).
    The set was used while tuning, so these guard against regressions; they are not a held-out measure."""
    report = evaluate(detector, load(DATA / "labelled.jsonl"))
    floors = {"hold": 0.9, "flag": 0.9, "wellbeing": 0.95}
    for name, figures in report["actions"].items():
        action = name.split("/")[1]
        assert figures["recall"] >= floors[action], (name, figures)
        assert figures["precision"] >= 0.95, (name, figures)
    for name, cell in report["categories"].items():
        if cell["expected"] == "none":  # what must pass untouched
            assert cell["rate"] >= 0.9, (name, cell["misses"])
