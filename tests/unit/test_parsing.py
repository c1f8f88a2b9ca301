"""Plain words are read without Whoosh's query parser (parsing.plain_query): the query must be the one the
parser makes, for every language's fields, stop words, accents, digits and odd letters."""
import random

import pytest
from whoosh.filedb.filestore import RamStorage

from opsspace.services.search import parsing, schema

WORDS = ["procurement", "the", "Budget", "2025", "a", "x", "télétravail", "sécurité", "and", "or", "not", "les",
         "équipe", "Été", "naïve", "foo_bar", "ÉCOLE", "l", "de", "plan", "running", "ñandú", "straße", "ǅ", "١٢٣",
         "ﬁle", "İstanbul", "to"]
SPACES = [" ", "  ", "\t", "\u00a0"]


@pytest.fixture(scope="module")
def searcher():
    with RamStorage().create_index(schema.make_schema()).searcher() as searcher:
        yield searcher


@pytest.mark.parametrize("lang", ["en", "fr", None])
def test_plain_words_make_the_query_the_parser_makes(searcher, lang):
    rng = random.Random(lang or "both")
    parser = parsing._parser(searcher.schema, lang)
    for _ in range(1500):
        text = rng.choice(SPACES).join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
        assert parsing.plain_query(searcher.schema, text, lang) == parser.parse(text), text


@pytest.mark.parametrize("text", ["budget AND plan", "budget OR plan", "NOT budget", "-budget", '"budget plan"',
                                  "budg*", "type:post budget", "budget^2", "(budget)", "budget,plan", ""])
def test_anything_else_goes_to_the_parser(searcher, text):
    assert parsing.plain_query(searcher.schema, text, "en") is None
