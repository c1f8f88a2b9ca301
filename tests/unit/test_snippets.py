"""Snippets read only the words near a match and analyse each distinct word once; what they show must be what
Whoosh's highlighter shows when it reads every word through the field's analyzer."""
import random

import pytest
from whoosh import highlight

from opsspace.services.search import snippets
from opsspace.services.search.schema import _analyzer

WORDS = ["budget", "budgets", "Budgeting", "review", "reviewed", "the", "a", "of", "it's", "team", "x", "année",
         "quarterly", "plan", "supercalifragilisticexpialidocious" * 3]
BETWEEN = [" ", " ", " ", ", ", ". ", "\n\n", " --- ", " (", ") ", " " + "-" * 130 + " ", "…", " ** "]


def whooshs_own(analyzer, text: str, terms: frozenset) -> str:
    tokens = analyzer(text, positions=True, chars=True, mode="index", removestops=False)
    tokens = highlight.Highlighter._merge_matched_tokens(highlight.set_matched_filter(tokens, terms))
    return snippets.FORMATTER.format(snippets.best(snippets.FRAGMENTER.fragment_tokens(text, tokens)))


@pytest.mark.parametrize("seed", range(4))
def test_snippets_equal_whooshs_highlighter_on_odd_texts(seed):
    """Matches at either end, side by side or far apart, long runs of punctuation, words longer than a
    fragment: the same fragments, the same marks."""
    rng, analyzer = random.Random(seed), _analyzer("en")
    words, terms = snippets._Words(analyzer), frozenset(["budget", "review"])
    for _ in range(1500):
        text = "".join(rng.choice(WORDS) + rng.choice(BETWEEN) for _ in range(rng.randint(1, 120)))
        text = text[:rng.randint(10, 700)]
        ours = snippets.FORMATTER.format(snippets.best(snippets.FRAGMENTER.fragment_tokens(
            text, words.tokens(text, terms))))
        assert ours == whooshs_own(analyzer, text, terms), text
