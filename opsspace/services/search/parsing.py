"""What people type, read as a Whoosh query: -word, French field names and type aliases, prefix* words
bound to their most frequent expansions, and one query per language."""
import re

from whoosh import qparser, query

from .schema import fold

PREFIX_LIMIT = 64  # most terms a prefix* query expands to (the most frequent ones)
TYPE_ALIASES = {"page": "page", "pages": "page", "post": "post", "posts": "post", "billet": "post",
                "comment": "comment", "comments": "comment", "commentaire": "comment", "person": "person",
                "people": "person", "personne": "person"}

_MINUS_RE = re.compile(r"(^|\s)-(?=[\w\"])")
_TYPE_RE = re.compile(r"\btype:(\w+)", re.IGNORECASE)
_FIELD_RE = re.compile(r"\b(auteur|langue):", re.IGNORECASE)


def _prepare(text: str) -> str:
    """What people type, in Whoosh's syntax: -word excludes, French field names, type aliases."""
    parts = text.split('"')
    for i in range(0, len(parts), 2):  # outside quotes only
        parts[i] = _MINUS_RE.sub(r"\1NOT ", parts[i])
        parts[i] = _TYPE_RE.sub(lambda m: "type:" + TYPE_ALIASES.get(m.group(1).lower(), m.group(1).lower()), parts[i])
        parts[i] = _FIELD_RE.sub(lambda m: {"auteur": "author", "langue": "lang"}[m.group(1).lower()] + ":", parts[i])
        parts[i] = re.sub(r"\btag:", "tags:", parts[i])
    return '"'.join(parts)


def text_fields(lang: str | None) -> list[str]:
    languages = [lang] if lang in ("en", "fr") else ["en", "fr"]
    return [f"{kind}_{code}" for code in languages for kind in ("title", "body")]


def _parser(schema, lang: str | None):
    parser = qparser.MultifieldParser(text_fields(lang), schema, group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.BoostPlugin)  # "^" in ordinary text is not a boost
    return parser


def as_typed(searcher, text: str) -> tuple[query.Query, str]:
    """The user's query over whole words as typed (lower case, accents folded: the "words" field), not stems,
    and the text its positions refer to: what spelling corrections start from."""
    prepared = _prepare(text)
    parser = qparser.QueryParser("words", searcher.schema, group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.BoostPlugin)
    try:
        return parser.parse(prepared), prepared
    except Exception:  # as in parse(): odd input is read as its plain words
        words = _plain_words(text)
        return (parser.parse(words) if words else query.NullQuery), words


class _Expansion(query.DisjunctionMax):
    """The words one prefix* or wildcard stands for, in one field (made by _bound_prefixes)."""


def prefix_clauses(q: query.Query) -> list[tuple[str, list[str]]] | None:
    """When `q` is a lone prefix* or wildcard word (over one field or several): (field, words) per field;
    otherwise None."""
    clauses = []
    for child in q.subqueries if type(q) is query.Or else [q]:
        if child is query.NullQuery:
            continue
        if not isinstance(child, _Expansion):
            return None
        clauses.append((child.subqueries[0].fieldname, [term.text for term in child.subqueries]))
    return clauses or None


def _bound_prefixes(q: query.Query, reader) -> query.Query:
    """Replace each prefix* / wildcard by its most frequent matching terms (at most PREFIX_LIMIT)."""
    if isinstance(q, (query.Prefix, query.Wildcard)):
        text = fold(q.text.lower())
        stem = text.split("*")[0].split("?")[0]
        if len(stem) < 2:
            return query.NullQuery
        terms = [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.expand_prefix(q.fieldname, stem)]
        if isinstance(q, query.Wildcard):
            pattern = re.compile(re.escape(text).replace(r"\*", ".*").replace(r"\?", ".") + "$")
            terms = [t for t in terms if pattern.match(t)]
        terms = sorted(terms, key=lambda t: -reader.doc_frequency(q.fieldname, t))[:PREFIX_LIMIT]
        return _Expansion([query.Term(q.fieldname, t) for t in terms]) if terms else query.NullQuery
    return q.apply(lambda child: _bound_prefixes(child, reader))


def _plain_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


_PLAIN_RE = re.compile(r"\w+(?:\s+\w+)*")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


def plain_query(schema, text: str, lang: str | None) -> query.Query | None:
    """The query Whoosh's parser makes of plain words (no quotes, operators, fields, wildcards or -word),
    built directly: each word, through each field's analyzer, is an OR over the fields, and the words are
    ANDed. Most searches are a few plain words, and the parser took 0.3 ms a language for them; a test
    checks that both give the same query. None when `text` is not plain words."""
    text = text.strip()
    if not _PLAIN_RE.fullmatch(text):
        return None
    words = text.split()
    if _OPERATORS.intersection(words):
        return None
    names = text_fields(lang)
    clauses = []
    for word in words:
        terms = [query.Term(name, token.text) for name in names
                 for token in schema[name].analyzer(word, mode="query")]
        if terms:
            clauses.append(query.Or(terms))
    return query.And(clauses).normalize()


def parse(searcher, text: str, lang: str | None) -> tuple[query.Query, str | None]:
    """The user's query; when it cannot be read, its plain words, with a notice saying so."""
    from flask_babel import gettext as _

    plain = plain_query(searcher.schema, text, lang)
    if plain is not None:
        return plain, None
    parser = _parser(searcher.schema, lang)
    try:
        return _bound_prefixes(parser.parse(_prepare(text)), searcher.reader()), None
    except Exception:  # Whoosh raises many kinds on odd input: fall back, never fail the page
        words = _plain_words(text)
        notice = _("Your search could not be read as written, so it looked for its words instead.")
        return _bound_prefixes(parser.parse(words), searcher.reader()) if words else query.NullQuery, notice


def _needs_text(q: query.Query, fields_: set) -> bool:
    """True when every document `q` matches has a word in one of `fields_`."""
    if isinstance(q, query.Not):
        return False
    if isinstance(q, query.And):
        return any(_needs_text(child, fields_) for child in q.subqueries)
    if isinstance(q, (query.Or, query.DisjunctionMax)):
        return bool(q.subqueries) and all(_needs_text(child, fields_) for child in q.subqueries)
    if isinstance(q, (query.AndNot, query.AndMaybe, query.Require)):
        return _needs_text(q.a, fields_) or (isinstance(q, query.Require) and _needs_text(q.b, fields_))
    return getattr(q, "fieldname", None) in fields_


def in_language(q: query.Query, code: str) -> query.Query:
    """`q` (parsed over one language's fields) for the documents of that language only. A document's text is
    in the fields of its own language, so a query that needs a word there can only match that language's
    documents; otherwise (only fields like author:, or only -words) the language is added as a condition."""
    if _needs_text(q, {f"title_{code}", f"body_{code}"}):
        return q
    return query.And([q, query.Term("lang", code)])
