"""The index's schema: which fields a document has, and how each language's words are analysed."""
import re
import unicodedata
from datetime import datetime

from whoosh import fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, NgramWordAnalyzer, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

from .. import search_docs


WORD = r"\w+"  # what a word is, to the index and to snippets


def fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


# Each plain letter with its accented forms ("e" with é, è, ê, ë): the index folds accents, texts keep them.
_ACCENTED: dict[str, set] = {}
for _code in range(0xC0, 0x250):
    if len(_folded := fold(chr(_code)).lower()) == 1 and _folded.isalpha() and len(chr(_code).lower()) == 1:
        _ACCENTED.setdefault(_folded, {_folded}).add(chr(_code).lower())
_LETTER = {letter: "[" + "".join(sorted(forms)) + "]" for letter, forms in _ACCENTED.items()}


def unfolded(word: str) -> str:
    """A regular expression (to use with re.IGNORECASE) for a folded word as texts write it, with or
    without accents: "teletravail" matches "télétravail"."""
    return "".join(_LETTER.get(c, re.escape(c)) for c in word)


def _analyzer(language: str):
    """Words, lower case, accents folded (so "employe" finds "employés"), stop words, stemmed."""
    stops = frozenset(fold(word) for word in stopwords_for_language(language))
    return (RegexTokenizer(WORD) | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(stoplist=stops, minsize=2) | StemFilter(lang=language))


def _plain_analyzer():
    """Whole words, lower case and folded: for spelling suggestions."""
    return RegexTokenizer(WORD) | LowercaseFilter() | CharsetFilter(accent_map)


def make_schema() -> fields.Schema:
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),  # "page:12"
        type=fields.ID(stored=True),  # page, post, comment, person
        doc_id=fields.NUMERIC(stored=True),
        # Each text goes in the fields of its own language; a query searches both unless lang: narrows it.
        title_en=fields.TEXT(analyzer=_analyzer("en"), stored=True, field_boost=4.0),
        title_fr=fields.TEXT(analyzer=_analyzer("fr"), stored=True, field_boost=4.0),
        body_en=fields.TEXT(analyzer=_analyzer("en"), stored=True),
        body_fr=fields.TEXT(analyzer=_analyzer("fr"), stored=True),
        words=fields.TEXT(analyzer=_plain_analyzer(), spelling=True),  # did-you-mean source
        suggest=fields.TEXT(analyzer=NgramWordAnalyzer(minsize=2, maxsize=12, at="start")),  # typeahead
        author=fields.ID(stored=True),
        author_name=fields.STORED(),
        tags=fields.KEYWORD(stored=True, commas=True, lowercase=True),
        lang=fields.ID(stored=True),
        status=fields.ID(stored=True),
        owner=fields.NUMERIC(stored=True),
        ref=fields.STORED(),
        label=fields.STORED(),  # the title shown for the result (for a comment: what it is on; not searched)
        created=fields.DATETIME(stored=True, sortable=True),
        updated=fields.DATETIME(stored=True, sortable=True),
        stamp=fields.STORED(),
    )


def fields_of(doc: search_docs.Doc) -> dict:
    lang = "fr" if doc.lang == "fr" else "en"
    # A comment is found by its own words, not by the title of the post it is on.
    title = "" if doc.type == "comment" else doc.title
    return {
        "key": doc.key, "type": doc.type, "doc_id": doc.id, f"title_{lang}": title, f"body_{lang}": doc.text,
        "label": doc.title, "words": f"{title} {doc.text}",
        "suggest": doc.title if doc.type in ("page", "person") else "",
        "author": doc.author, "author_name": doc.author_name, "tags": ",".join(doc.tags), "lang": lang,
        "status": doc.status, "owner": doc.owner, "ref": doc.ref, "created": doc.created or datetime(2000, 1, 1),
        "updated": doc.updated or datetime(2000, 1, 1), "stamp": doc.stamp,
    }
