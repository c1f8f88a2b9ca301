"""Pages shared by members: one copy per audience, each member's own parts filled in at every request.

A member's wiki page, post, profile or home page differs from another member's in a few places: their name
and notifications in the header, whether they watch the page or follow its author, the controls on what they
wrote, a moderator's tools. Nearly all the bytes, and nearly all the cost, are the same for every member with
the same role reading in the same language. So a view marked :func:`shared` is rendered once per *audience*
(page, language, role, wellbeing responder or not) for a **stand-in**: a member of that role who is nobody in
particular. The result is kept with the readers' pages (same generation, age and size limits, see
``page_cache``) and each member gets it with their own parts filled in.

What keeps a member from seeing what is not theirs, or missing what is theirs:

* **Personal parts are holes.** A template asks for one with ``personal("partial.html", **values)``: in a page
  rendered for one person it is that partial, rendered at once; in a page rendered for an audience it is a
  mark, and the partial is rendered for each member who gets the page, with the values kept (plain values
  only). The CSRF token is filled in the same way.
* **The stand-in has the member's role and language, nothing else of theirs.** Its id is a number no account
  has. When code compares it with a user id (``viewer.id == comment.author_id``) the other id is noted: that
  person is *involved* in the page (wrote it, a comment on it, a held revision of it) and always gets a page
  rendered for them, never the shared one.
* **Anything else personal makes the page unshared**: reading another attribute of the member (their name,
  their e-mail), hashing their id (a dict or set lookup), a query carrying their id (what they watch, follow,
  have unread), their id in the page. The member then gets a page rendered for them, as without this module.
  A theme or plugin that does not know about holes is therefore slower, never wrong.
* **A member's pending message** (a flash) is theirs: such a request is rendered for them.
* **A member's own change shows at once, in any process**: a request that changed content notes the time in
  the member's session, and for a few seconds after it their pages check the generation in the database
  rather than the process's reading of it (at most a second old).

``PAGE_CACHE_SECONDS = 0`` turns this off with the readers' pages; ``PAGE_CACHE_MEMBERS = False`` alone.
"""
import functools
import re
import time
from typing import NamedTuple

from flask import current_app, g, has_request_context, request, session
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import event
from sqlalchemy.engine import Engine

from . import page_cache

STAND_IN_ID = -2_000_000_011  # no account has it: ids are positive
STAND_IN_BYTES = str(STAND_IN_ID).encode()  # in a page, the stand-in's id was written out: not shareable
HOLE = re.compile(rb"\x00hole(\d+)\x00")
CSRF_HOLE = -1
WROTE_AT = "_wrote"  # session key: when this member last changed content (time.time())
FRESH_AFTER_WRITE = 5.0  # seconds during which a member who changed content reads the generation afresh
PLAIN = (str, int, float, bool, type(None))


class Shared(NamedTuple):
    """A page as rendered for an audience: bytes and holes in turn, and who must not be given it."""
    status: int
    headers: list
    parts: tuple  # bytes, or the index of a hole (CSRF_HOLE for the token)
    holes: tuple  # (template, values) per hole
    involved: frozenset  # ids of members who get a page rendered for them

    @property
    def size(self) -> int:
        return sum(len(part) for part in self.parts if part.__class__ is bytes) + 64 * len(self.holes)


class _Render:
    """What one rendering for a stand-in noticed."""
    __slots__ = ("holes", "involved", "personal")

    def __init__(self):
        self.holes: list = []
        self.involved: set = set()
        self.personal: str | None = None  # why the page is not shareable, if it is not


def _render() -> "_Render | None":
    return g.get("_shared_render") if has_request_context() else None


def _personal(why: str) -> None:
    render = _render()
    if render is not None and render.personal is None:
        render.personal = why


def _note(other) -> None:
    """The stand-in's id compared with `other`: a user id whose owner is involved in the page."""
    render = _render()
    if render is None or other is None or isinstance(other, StandInId):
        return
    if isinstance(other, int) and not isinstance(other, bool):
        render.involved.add(int(other))
    else:
        _personal("id compared with a non-id")


class StandInId(int):
    """The stand-in's id: compares as itself, noting what it was compared with."""

    def __eq__(self, other):
        _note(other)
        return isinstance(other, StandInId)

    def __ne__(self, other):
        _note(other)
        return not isinstance(other, StandInId)

    def __hash__(self):
        _personal("id hashed")
        return int.__hash__(self)

    def __str__(self):
        _personal("id written")
        return int.__repr__(self)

    __repr__ = __str__

    def __format__(self, spec):
        _personal("id written")
        return format(int(self), spec)


class StandIn:
    """A member of the same role and language as the real one, and nobody in particular."""
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def __init__(self, user):
        self._user = user
        self.id = StandInId(STAND_IN_ID)
        self.role = user.role
        self.is_wellbeing_responder = bool(user.is_wellbeing_responder)
        self.preferred_language = user.preferred_language

    def has_role(self, role: str) -> bool:
        return self._user.has_role(role)

    @property
    def is_moderator(self) -> bool:
        return self._user.is_moderator

    @property
    def is_admin(self) -> bool:
        return self._user.is_admin

    def __getattr__(self, name):  # anything else is the member's own
        _personal(f"member's {name} read")
        return getattr(self._user, name)

    def __eq__(self, other):
        _note(getattr(other, "id", other))
        return other is self

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        _personal("member hashed")
        return id(self)


def audience(user) -> tuple:
    return ("member", user.role, bool(user.is_wellbeing_responder))


# --- holes -------------------------------------------------------------------------------------

def personal(template: str, **values) -> Markup:
    """Jinja global: the partial `template` rendered for the member reading the page, with `values` (plain
    values: they are kept with a shared page)."""
    from flask import render_template

    for name, value in values.items():
        if not isinstance(value, PLAIN):
            raise TypeError(f"personal({template!r}): {name} must be a plain value, not {type(value).__name__}")
    render = _render()
    if render is None:
        return Markup(render_template(template, **values))
    render.holes.append((template, values))
    return Markup(f"\x00hole{len(render.holes) - 1}\x00")


def _split(body: bytes, token: str | None) -> tuple:
    """The body as bytes and hole numbers in turn."""
    chunks = [body]
    if token:
        chunks = []
        for i, piece in enumerate(body.split(token.encode())):
            if i:
                chunks.append(CSRF_HOLE)
            chunks.append(piece)
    parts = []
    for chunk in chunks:
        if isinstance(chunk, int):
            parts.append(chunk)
            continue
        pieces = HOLE.split(chunk)  # text, number, text, number, ...
        for i, piece in enumerate(pieces):
            parts.append(int(piece) if i % 2 else piece)
    return tuple(part for part in parts if part != b"")


def _token() -> bytes:
    """This request's CSRF token, as Flask-WTF's csrf_token() gives it (and will, later in the request)."""
    token = g.get("csrf_token")
    if token is None:
        token = g.csrf_token = page_cache.csrf_token(current_app, session)
    return token.encode()


def _fill(parts: tuple, holes: tuple, cache, language: str) -> bytes:
    """The page for the member reading it: their parts rendered, or taken from what this process kept of them.

    A member's part is kept until either generation moves (what readers see, or what one member sees: their
    notifications, their watched pages) or the age limit.
    """
    from flask import render_template

    stamp = cache.stamp()
    keep = stamp[1] is not None  # a database without the personal generation: render them every time
    mine = (current_user.id, language, request.full_path)  # a part may lead back to the page (next=...)
    out = []
    token = None
    for part in parts:
        if part.__class__ is bytes:
            out.append(part)
            continue
        if part == CSRF_HOLE:
            out.append(token or (token := _token()))
            continue
        template, values = holes[part]
        key = (mine, template, tuple(values.items()))
        kept = cache.part(key, stamp) if keep else None
        if kept is None:
            html = render_template(template, **values).encode()
            kept = _split(html, g.get("csrf_token"))
            if keep:
                cache.keep_part(key, stamp, kept)
        for piece in kept:
            out.append(piece if piece.__class__ is bytes else (token or (token := _token())))
    return b"".join(out)


# --- the views ---------------------------------------------------------------------------------

def _eligible():
    """The cache, when this request's page may be shared: a member's GET with no message pending."""
    if request.method != "GET" or not current_user.is_authenticated or "_flashes" in session:
        return None
    return page_cache.for_members()


def shared(view):
    """Mark a view whose page may be shared by members of one audience (see the module's notes). Its GET
    must change nothing but statistics."""

    @functools.wraps(view)
    def answer(*args, **kwargs):
        cache = _eligible()
        if cache is None:
            return view(*args, **kwargs)
        from .i18n import choose

        user = current_user._get_current_object()
        language, source = choose()
        key = (*page_cache._key(request.environ, language, source), *audience(user))
        fresh = time.time() - session.get(WROTE_AT, 0) < FRESH_AFTER_WRITE
        generation = cache.current_generation(force=fresh)
        found = cache.get(key, generation)
        if found is not None:
            kept = found[2]
            if user.id in kept.involved:
                return view(*args, **kwargs)  # their own page, or one they wrote on: rendered for them
            return current_app.response_class(_fill(kept.parts, kept.holes, cache, language),
                                              status=kept.status, headers=kept.headers)
        render, response, body = _Render(), None, None
        g._login_user, g._shared_render = StandIn(user), render
        try:
            response = current_app.make_response(view(*args, **kwargs))
            token = g.get("csrf_token")
            body = None if response.is_streamed or response.direct_passthrough else response.get_data()
        except Exception:
            if user.id not in render.involved and not render.personal:
                raise
            response = None  # theirs may differ: a post only its author may see, say
        finally:
            g._login_user = user
            g.pop("_shared_render", None)
        if response is None or render.personal or body is None or STAND_IN_BYTES in body:
            return view(*args, **kwargs)  # rendered for them
        parts = _split(body, token)
        holes = tuple(render.holes)
        if _shareable(response):
            headers = [(name, value) for name, value in response.headers.items()
                       if name.lower() not in page_cache.NOT_KEPT_HEADERS]
            cache.put(key, generation, Shared(response.status_code, headers, parts, holes, frozenset(render.involved)))
        if user.id in render.involved:
            return view(*args, **kwargs)
        response.set_data(_fill(parts, holes, cache, language))
        return response

    return answer


def _shareable(response) -> bool:
    if response.status_code != 200 or response.mimetype != "text/html" or "Set-Cookie" in response.headers:
        return False
    cache_control = response.headers.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


# --- noticing what depends on the member ---------------------------------------------------------

def _carries_stand_in(parameters) -> bool:
    if isinstance(parameters, dict):
        values = parameters.values()
    elif parameters and isinstance(parameters[0], (list, tuple, dict)):
        return any(_carries_stand_in(row) for row in parameters)
    else:
        values = parameters or ()
    return any(isinstance(value, StandInId) or (type(value) is int and value == STAND_IN_ID) for value in values)


def _before_cursor_execute(_conn, _cursor, _statement, parameters, _context, _executemany) -> None:
    if has_request_context() and g.get("_shared_render") is not None and _carries_stand_in(parameters):
        _personal("a query carries the member's id")


def note_write() -> None:
    """Called when a request's transaction changed content: the member's next pages read the generation afresh."""
    if has_request_context() and "_user_id" in session:  # (not the user: their row expired with the commit)
        session[WROTE_AT] = round(time.time(), 1)


_listening = False


def init_app(app) -> None:
    global _listening
    app.jinja_env.globals["personal"] = personal
    if not _listening:
        event.listen(Engine, "before_cursor_execute", _before_cursor_execute)
        _listening = True
