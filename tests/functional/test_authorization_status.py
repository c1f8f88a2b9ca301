"""Who sees content in each status, on every screen that shows content: every viewer (anonymous, an employee,
a moderator, a wellbeing responder, an admin, and the content's own author) x every status (draft, published,
held, hidden, deleted) x pages, posts and comments x the item's own page, listings, feeds, recent changes, the
profile's activity, search (with and without "include held and hidden") and the search box's suggestions.

Each item carries a word of its own in its title and text; "sees" means the screen answers and shows that word.
A GET route that shows people's content and is not walked here fails the build (see SCREENS and NO_CONTENT).
"""
import pytest

from opsspace.models.content import DELETED, DRAFT, HELD, HIDDEN, PUBLISHED
from opsspace.services import blog, comments, search, status, wiki
from tests.factories import make_user

VIEWERS = ["anonymous", "employee", "moderator", "responder", "admin", "author"]
EVERYONE = frozenset(VIEWERS)
NOBODY = frozenset()
AUTHOR = frozenset({"author"})
STAFF = frozenset({"moderator", "admin"})

#: (kind, status) -> who may see the item where it is shown on its own (DESIGN §4: draft: its author; held and
#: hidden: its author and moderators; deleted: its author, and admins who can restore it)
OWN_PAGE = {
    ("post", PUBLISHED): EVERYONE, ("post", DRAFT): AUTHOR, ("post", HELD): AUTHOR | STAFF,
    ("post", HIDDEN): AUTHOR | STAFF, ("post", DELETED): AUTHOR | {"admin"},
    ("comment", PUBLISHED): EVERYONE, ("comment", HELD): AUTHOR | STAFF, ("comment", HIDDEN): AUTHOR | STAFF,
    ("comment", DELETED): AUTHOR,  # others see "This comment was deleted." in its place
    # A wiki page's own address shows its newest published revision, or its author's newer held one; every
    # revision has its own address, where held and hidden ones are shown to their author and moderators.
    ("page", PUBLISHED): EVERYONE, ("page", HELD): AUTHOR, ("page", HIDDEN): NOBODY,
    ("revision", PUBLISHED): EVERYONE, ("revision", HELD): AUTHOR | STAFF, ("revision", HIDDEN): AUTHOR | STAFF,
}
#: the content the search index lets each person find (their own drafts, held and hidden items; never deleted
#: ones; a wiki page whose only revision is hidden has no text to find)
SEARCH = {
    PUBLISHED: EVERYONE, DRAFT: AUTHOR, HELD: AUTHOR, HIDDEN: AUTHOR, DELETED: NOBODY,
}
SEARCH_HELD = {  # with "include held and hidden", which only moderators may ask for
    PUBLISHED: EVERYONE, DRAFT: AUTHOR, HELD: AUTHOR | STAFF, HIDDEN: AUTHOR | STAFF, DELETED: NOBODY,
}
PUBLISHED_ONLY = {s: (EVERYONE if s == PUBLISHED else NOBODY) for s in (PUBLISHED, DRAFT, HELD, HIDDEN, DELETED)}

STATUSES = {
    "post": [PUBLISHED, DRAFT, HELD, HIDDEN, DELETED],
    "comment": [PUBLISHED, HELD, HIDDEN, DELETED],
    "page": [PUBLISHED, HELD, HIDDEN],
}


def word(kind: str, status_: str) -> str:
    return f"zq{kind}{status_}zq"  # one token for the search analyzers, found nowhere else


def expected(screen: str, kind: str, status_: str) -> frozenset:
    if screen == "own page":
        return OWN_PAGE[(kind, status_)]
    if screen == "revision page":  # each revision: its author and moderators (history and diffs name the page)
        return OWN_PAGE[("revision", status_)]
    if screen == "search":
        return NOBODY if (kind, status_) == ("page", HIDDEN) else SEARCH[status_]
    if screen == "search held":
        return NOBODY if (kind, status_) == ("page", HIDDEN) else SEARCH_HELD[status_]
    if screen == "suggestions":  # page titles only
        return NOBODY if (kind, status_) == ("page", HIDDEN) else SEARCH[status_]
    if screen == "author's blog":  # the author's own list of drafts, held, hidden and deleted posts
        return EVERYONE if status_ == PUBLISHED else AUTHOR
    return PUBLISHED_ONLY[status_]


#: screen -> {kind: (the endpoint walked, its address with {slug} {carrier} {path} {word} filled in)}
SCREENS = {
    "own page": {"post": ("blog.post", "/blog/amy.author/{slug}"), "comment": ("blog.post", "/blog/olga.other/{carrier}"),
                 "page": ("wiki.page", "/wiki/{path}")},
    "revision page": {"page": ("wiki.revision", "/wiki/{path}/revisions/1")},
    "history": {"page": ("wiki.history", "/wiki/{path}/history")},
    "diff": {"page": ("wiki.compare", "/wiki/{path}/diff?from=1&to=1")},
    "editor": {"page": ("wiki.edit", "/wiki/{path}/edit")},
    "page tree": {"page": ("wiki.index", "/wiki/")},
    "all blogs": {"post": ("blog.index", "/blog/")},
    "author's blog": {"post": ("blog.person", "/blog/amy.author/")},
    "recent changes": {"post": ("recent.changes", "/recent"), "page": ("recent.changes", "/recent")},
    "blogs feed": {"post": ("feeds.all_posts", "/feeds/blog.atom")},
    "author's feed": {"post": ("feeds.person", "/blog/amy.author/feed.atom")},
    "recent feed": {"post": ("feeds.recent_changes", "/feeds/recent.atom"),
                    "page": ("feeds.recent_changes", "/feeds/recent.atom")},
    # (a comment is listed there by what it is on, not by its words: its post's screens cover it)
    "profile activity": {kind: ("people.profile", "/people/amy.author") for kind in ("post", "page")},
    "search": {kind: ("search.results", "/search?q={word}") for kind in STATUSES},
    "search held": {kind: ("search.results", "/search?q={word}&held=1") for kind in STATUSES},
    "suggestions": {"page": ("search.suggest", "/search/suggest?q={word}")},
}
#: GET routes that show no one's posts, comments or pages (or only the viewer's own, or only to admins)
NO_CONTENT = {
    "main.set_language", "main.policy", "auth.login", "auth.logout", "settings.profile", "settings.password",
    "main.home",  # a welcome and a search box
    "people.index", "people.avatar", "admin.home", "admin.user_list", "admin.user_detail", "admin.policy_texts",
    "admin.audit_log", "theme_static", "wiki.new", "blog.new", "notifications.index",
    # the author's own editing screens: walked for every role in test_authorization.py (owner only)
    "blog.edit", "blog.versions", "comments.edit", "comments.versions",
    # these show a page's title and links, never its text: a page exists or not whatever its status
    "wiki.backlinks", "wiki.move", "wiki.translation",
}
#: GET routes of the bundled plugins for moderators, responders or admins only (walked by role in
#: test_authorization.py; the moderation queue shows held and hidden content to moderators by design)
STAFF_ONLY = {"moderation.queue", "moderation.item", "moderation.clauses", "flagging.terms", "flagging.term",
              "wellbeing.index", "wellbeing.alert", "wellbeing.contacts", "stats.dashboard", "stats.export"}
#: GET routes of the plugins that show a person only their own reports, decisions and appeals, or help pages
OWN_ONLY = {"moderation.mine", "moderation.appeal", "wellbeing.support"}


@pytest.fixture
def app_settings():
    # Every bundled plugin, so their routes are accounted for; the holder holds any text with HOLDME.
    return {"EXTRA_PLUGINS": ["plugins.moderation", "plugins.flagging", "plugins.stats", "tests.plugins.holder"]}


def build(users) -> dict:
    """Content in every status, by amy.author; returns the values the addresses need."""
    author, other, moderator = make_user("amy.author"), make_user("olga.other"), users["moderator"]
    hide = dict(clause="1", reason="A test of hidden content.", action="hide")
    values = {}
    for status_ in STATUSES["post"]:
        text = f"Text {word('post', status_)}" + (" HOLDME" if status_ == HELD else "")
        post = blog.save_post(author, title=f"Post {word('post', status_)}", body=text,
                              publish=status_ != DRAFT).post
        if status_ == HIDDEN:
            status.change(post, HIDDEN, moderator, **hide)
        elif status_ == DELETED:
            blog.delete_post(post, author)
        assert post.status == status_
        values[("post", status_)] = {"slug": post.slug}
    for status_ in STATUSES["comment"]:
        carrier = blog.save_post(other, title=f"Carrier {status_}", body="Comments below.", publish=True).post
        comment = comments.add("post", carrier.id, author, f"A comment {word('comment', status_)}"
                               + (" HOLDME" if status_ == HELD else ""))
        if status_ == HIDDEN:
            status.change(comment, HIDDEN, moderator, **hide)
        elif status_ == DELETED:
            comments.delete(comment, author)
        assert comment.status == status_
        values[("comment", status_)] = {"carrier": carrier.slug}
    for status_ in STATUSES["page"]:
        path = f"Page_{status_}"
        result = wiki.save_page(path, title=f"Page {word('page', status_)}", author=author,
                                body=f"Text {word('page', status_)}" + (" HOLDME" if status_ == HELD else ""))
        if status_ == HIDDEN:
            status.change(result.revision, HIDDEN, moderator, **hide)
        assert result.revision.status == status_
        values[("page", status_)] = {"path": path}
    while search.pending():
        search.process_outbox()
    return values


def clients(app, users) -> dict:
    result = {"anonymous": app.test_client()}
    for viewer, username in [("employee", "emma.employee"), ("moderator", "mo.moderator"),
                             ("responder", "rae.responder"), ("admin", "ada.admin"), ("author", "amy.author")]:
        client = app.test_client()
        assert client.login(username).status_code == 302
        result[viewer] = client
    return result


def test_every_content_route_is_walked_or_shows_no_content(app):
    walked = {endpoint for addresses in SCREENS.values() for endpoint, _url in addresses.values()}
    gets = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    missing = gets - walked - NO_CONTENT - STAFF_ONLY - OWN_ONLY
    assert not missing, f"GET routes with no expectation for content in each status: {sorted(missing)}"
    assert not (walked | NO_CONTENT | STAFF_ONLY | OWN_ONLY) - gets, "names routes that no longer exist"


def test_who_sees_each_status_on_every_screen(app, users):
    values = build(users)
    viewers = clients(app, users)
    wrong, checks = [], 0
    for screen, addresses in SCREENS.items():
        for kind, (_endpoint, template) in addresses.items():
            for status_ in STATUSES[kind]:
                url = template.format(word=word(kind, status_), **values[(kind, status_)])
                allowed = expected(screen, kind, status_)
                for viewer in VIEWERS:
                    if screen == "editor" and viewer == "anonymous":
                        continue  # the editor needs an account (test_authorization.py)
                    response = viewers[viewer].get(url)
                    text = response.get_data(as_text=True)
                    checks += 1
                    if response.status_code >= 500:
                        wrong.append(f"{screen} {url} as {viewer}: {response.status_code}")
                        continue
                    if screen.startswith("search"):  # the query itself is shown back: look at the results only
                        text = text.partition('class="result-list"')[2].partition("</ol>")[0]
                    shown = response.status_code == 200 and word(kind, status_) in text
                    if shown != (viewer in allowed):
                        wrong.append(f"{screen}: {kind} {status_} {'shown' if shown else 'not shown'} to {viewer} "
                                     f"({url}: {response.status_code})")
                    if not shown and screen == "own page" and kind == "post" and response.status_code != 404:
                        wrong.append(f"{url} as {viewer}: {response.status_code}, not 404 (no hint that it exists)")
    print(f"\n{checks} checks: {len(SCREENS)} screens x statuses x {len(VIEWERS)} viewers")
    assert not wrong, f"{len(wrong)} of {checks} checks wrong:\n" + "\n".join(wrong)
