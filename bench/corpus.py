"""The seeded benchmark corpus: people, a wiki tree with several revisions per page, blog posts and comments,
in English and French (about a third French), loaded through the real services.

    python -m bench.corpus --pages 2000 --seed 1 [--site DIR]
    python -m bench.corpus --documents 100000 --seed 1

``generate()`` yields the corpus as plain data, deterministic for a seed (``fingerprint()`` hashes it);
``load()`` feeds it to the services as people would type it (AUP acceptance, profiles, page saves with their
base revision, posts, comments and replies), so audit, links, mentions, notifications and the search outbox
are real. Search indexing is deferred during the load (``SEARCH_DEFER_INDEXING``) and then done once by the
real ``opsspace search rebuild``; ``opsspace search verify`` must then find nothing to report.
For N pages the corpus has N/5 people, 3N/5 posts and 6N/5 comments: 3N search documents.
"""
import argparse
import hashlib
import json
import os
import random
import secrets
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

from . import prose

PEOPLE_PER_PAGE, POSTS_PER_PAGE, COMMENTS_PER_PAGE = 0.2, 0.6, 1.2
DOCUMENTS_PER_PAGE = 1 + PEOPLE_PER_PAGE + POSTS_PER_PAGE + COMMENTS_PER_PAGE
FRENCH_SHARE = 1 / 3
SITES = Path(__file__).resolve().parent / "sites"
MANIFEST = "bench-manifest.json"
BENCH_USER = "bench.employee"
SUBAREAS_EN = ["Guides", "Procedures", "Projects", "Meetings", "Reference"]
SUBAREAS_FR = ["Guides", "Procédures", "Projets", "Réunions", "Référence"]


def counts_for(pages: int) -> dict:
    return {"pages": pages, "people": max(12, round(pages * PEOPLE_PER_PAGE)),
            "posts": round(pages * POSTS_PER_PAGE), "comments": round(pages * COMMENTS_PER_PAGE)}


def _revisions(rng: random.Random) -> int:
    return rng.choices((1, 2, 3, 4, 5, 6, 8), weights=(25, 30, 20, 12, 7, 4, 2))[0]


def _edit(rng: random.Random, writer: prose.Writer, topic, body: str, people, links) -> str:
    """A later revision: one block rewritten, sometimes one added, sometimes one removed."""
    blocks = body.rstrip("\n").split("\n\n")
    i = rng.randrange(len(blocks))
    if not blocks[i].startswith(("#", "|", "-", "1.")):
        blocks[i] = writer.paragraph(topic, rng.randint(30, 110), people, links)
    if rng.random() < 0.5:
        blocks.insert(rng.randint(1, len(blocks)), writer.paragraph(topic, rng.randint(30, 110), people, links))
    if len(blocks) > 4 and rng.random() < 0.2:
        del blocks[rng.randrange(1, len(blocks))]
    return "\n\n".join(blocks) + "\n"


def generate(pages: int, seed: int):
    """Yield the corpus items in load order: ("person", {...}), ("page", {...}), ("post", {...}),
    ("comment", {...}). The same (pages, seed) always gives the same items."""
    rng = random.Random(seed)
    vocab = prose.Vocabulary(rng)
    writers = {"en": prose.Writer(rng, vocab, "en"), "fr": prose.Writer(rng, vocab, "fr")}
    n = counts_for(pages)

    def language() -> str:
        return "fr" if rng.random() < FRENCH_SHARE else "en"

    usernames: list[str] = [BENCH_USER]
    taken = {BENCH_USER}
    yield "person", {"username": BENCH_USER, "display_name": "Bench Employee", "lang": "en", "title": "Analyst",
                     "department": "Programs", "location": "Ottawa", "bio": "I read and write for the benchmarks.",
                     "expertise": "benchmarks"}
    for _ in range(n["people"] - 1):
        first, last = rng.choice(prose.FIRST_NAMES), rng.choice(prose.LAST_NAMES)
        base = unicodedata.normalize("NFKD", f"{first}.{last}".lower()).encode("ascii", "ignore").decode()
        base = "".join(ch for ch in base if ch.isalnum() or ch in ".-")
        username, k = base, 2
        while username in taken:
            username, k = f"{base}{k}", k + 1
        taken.add(username)
        usernames.append(username)
        lang = language()
        topic = rng.choice(prose.TOPICS)
        writer = writers[lang]
        yield "person", {
            "username": username, "display_name": f"{first} {last}", "lang": lang,
            "title": rng.choice(prose.TITLES_FR if lang == "fr" else prose.TITLES_EN),
            "department": writer.topic_name(topic), "location": rng.choice(prose.CITIES),
            "bio": writer.document(topic, writer.length(60, 0.6, 15, 400), headings=False)
            if rng.random() < 0.7 else "",
            "expertise": ", ".join(writer.tags(topic, rng.randint(1, 4))),
        }
    authors = usernames[1:] or usernames

    paths: list[str] = []
    path_set: set[str] = set()
    page_langs: list[str] = []
    # The tree: an area per topic and language, subareas under each, then the pages.
    frame = []
    for topic in prose.TOPICS:
        for lang in ("en", "fr"):
            writer = writers[lang]
            area = writer.topic_name(topic).replace("'", "’") + (" (FR)" if lang == "fr" and topic[1] == topic[2] else "")
            frame.append((topic, lang, area, None))
            for sub in (SUBAREAS_FR if lang == "fr" else SUBAREAS_EN):
                frame.append((topic, lang, f"{area}/{sub}", None))
    for i in range(pages):
        if i < len(frame):
            topic, lang, path, _ = frame[i]
            title = path.rsplit("/", 1)[-1]
        else:
            lang = language()
            topic = rng.choice(prose.TOPICS)
            writer = writers[lang]
            area = writer.topic_name(topic).replace("'", "’") + (" (FR)" if lang == "fr" and topic[1] == topic[2] else "")
            sub = rng.choice(SUBAREAS_FR if lang == "fr" else SUBAREAS_EN)
            title = writer.title(topic).replace("/", "-").replace("'", "’")[:90]
            path, k = f"{area}/{sub}/{title}", 2
            while path.replace(" ", "_") in path_set:
                path, k = f"{area}/{sub}/{title} {k}", k + 1
        writer = writers[lang]
        key = path.replace(" ", "_")
        links = rng.sample(paths, min(len(paths), 6)) + ([f"{path}/Draft notes"] if rng.random() < 0.1 else [])
        words = writer.length(600, 0.9, 60, 12_000)
        body = writer.document(topic, words, authors, links)
        revisions = [{"author": rng.choice(authors), "title": title, "body": body, "summary": ""}]
        for r in range(_revisions(rng) - 1):
            body = _edit(rng, writer, topic, body, authors, links)
            summary = rng.choice(["Mise à jour", "Correction", "Ajout d'une section"] if lang == "fr"
                                 else ["Update", "Fix typo", "Added a section", "Clarified the steps"])
            revisions.append({"author": rng.choice(authors), "title": title, "body": body, "summary": summary})
        paths.append(path)
        path_set.add(key)
        page_langs.append(lang)
        yield "page", {"path": path, "lang": lang, "revisions": revisions}

    post_refs: list[int] = []
    for i in range(n["posts"]):
        lang = language()
        topic = rng.choice(prose.TOPICS)
        writer = writers[lang]
        links = rng.sample(paths, min(len(paths), 3))
        body = writer.document(topic, writer.length(350, 0.8, 40, 6_000), authors, links,
                               headings=rng.random() < 0.5)
        post_refs.append(i)
        yield "post", {"author": rng.choice(authors), "title": writer.title(topic)[:190], "lang": lang, "body": body,
                       "tags": writer.tags(topic, rng.randint(1, 4))}

    comments_on: dict[tuple, list[int]] = {}
    for i in range(n["comments"]):
        if post_refs and rng.random() < 0.7:
            target = ("post", rng.choice(post_refs))
        else:
            target = ("page", rng.randrange(len(paths)))
        lang = page_langs[target[1]] if target[0] == "page" else ("fr" if rng.random() < FRENCH_SHARE else "en")
        earlier = comments_on.setdefault(target, [])
        parent = rng.choice(earlier) if earlier and rng.random() < 0.3 else None
        earlier.append(i)
        yield "comment", {"target": [target[0], paths[target[1]] if target[0] == "page" else target[1]],
                          "author": rng.choice(authors), "body": writers[lang].comment(rng.choice(prose.TOPICS), authors),
                          "parent": parent}


def fingerprint(pages: int, seed: int) -> str:
    """A hash of everything generate() yields: equal for equal (pages, seed)."""
    digest = hashlib.sha256()
    for kind, item in generate(pages, seed):
        digest.update(kind.encode())
        digest.update(json.dumps(item, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


# --- loading ----------------------------------------------------------------------------------

def make_app(site: Path, **settings):
    """The real app on a benchmark site (its own instance folder: database, index, secret key)."""
    from opsspace import create_app

    return create_app({"INSTANCE_PATH": str(Path(site).resolve()), **settings})


def prepare_database(app) -> None:
    """`opsspace db upgrade`, then any plugin table whose migration is not written yet."""
    from flask_migrate import upgrade

    from opsspace.extensions import db

    with app.app_context():
        upgrade()
        db.create_all()


class Loader:
    """Feeds generated items to the services, as people would."""

    def __init__(self, password: str):
        from opsspace.services import policy

        self.password = password
        self.people: dict = {}
        self.page_ids: dict[str, int] = {}
        self.post_ids: list[int] = []
        self.comment_ids: list[int] = []
        self.aup = policy.current("aup").number
        self.revisions = 0

    def user(self, username: str):
        """The author, looked up each time: a session holding thousands of users would make every commit
        expire them all (quadratic time)."""
        from opsspace.extensions import db
        from opsspace.models import User

        return db.session.get(User, self.people[username])

    def person(self, item: dict) -> None:
        from opsspace.services import policy, users

        bench = item["username"] == BENCH_USER
        user = users.create(item["username"], display_name=item["display_name"],
                            email=f"{item['username']}@example.org", password=self.password if bench else None,
                            title=item["title"], department=item["department"], preferred_language=item["lang"])
        policy.accept(user, self.aup)
        users.update_profile(user, display_name=item["display_name"], email=user.email,
                             preferred_language=item["lang"], title=item["title"], department=item["department"],
                             location=item["location"], bio=item["bio"], expertise=item["expertise"],
                             languages_spoken=["en", "fr"] if item["lang"] == "fr" else ["en"])
        self.people[user.username] = user.id

    def page(self, item: dict) -> None:
        from opsspace.services import wiki

        base = None
        for revision in item["revisions"]:
            result = wiki.save_page(item["path"], body=revision["body"], title=revision["title"],
                                    summary=revision["summary"], language=item["lang"],
                                    author=self.user(revision["author"]), base_revision_id=base)
            if result.outcome == "conflict":
                raise RuntimeError(f"unexpected edit conflict on {item['path']}")
            base = result.revision.id
            self.revisions += 1
        self.page_ids[item["path"]] = result.page.id

    def post(self, item: dict) -> None:
        from opsspace.services import blog

        result = blog.save_post(self.user(item["author"]), title=item["title"], body=item["body"],
                                tags=", ".join(item["tags"]), language=item["lang"], publish=True)
        self.post_ids.append(result.post.id)

    def comment(self, item: dict) -> None:
        from opsspace.models import WikiPage
        from opsspace.extensions import db
        from opsspace.services import comments
        from sqlalchemy import select

        kind, ref = item["target"]
        if kind == "post":
            target_id = self.post_ids[ref]
        else:
            target_id = self.page_ids.get(ref) or db.session.scalar(
                select(WikiPage.id).where(WikiPage.path == ref.replace(" ", "_")))
        parent = self.comment_ids[item["parent"]] if item["parent"] is not None else None
        comment = comments.add(kind, target_id, self.user(item["author"]), item["body"], parent_id=parent)
        self.comment_ids.append(comment.id)


#: Off while loading: the corpus is historical content, and checking it would double the load time
#: (benchmarks 4 and 5 measure the flagging checks). The servers and benchmarks run with every plugin.
LOAD_WITHOUT = ("flagging",)


def load(site: Path, pages: int, seed: int, procs: int = 1, quiet: bool = False,
         without: tuple = LOAD_WITHOUT) -> dict:
    """Create a fresh site in `site` and load the corpus into it; returns the manifest (also written there)."""
    import click

    from opsspace.extensions import db

    if site.exists() and any(site.iterdir()):
        raise click.ClickException(f"{site} is not empty: remove it or choose another --site.")
    site.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    prepare_database(make_app(site))  # every plugin's tables, including those of plugins off for the load
    app = make_app(site, SEARCH_DEFER_INDEXING=True, DISABLED_PLUGINS=list(without))
    n = counts_for(pages)
    total = sum(n.values())
    started = time.perf_counter()
    digest = hashlib.sha256()
    words: list[tuple[int, str, str]] = []
    commented: dict[str, int] = {}
    sample_post = None
    with app.app_context():
        loader = Loader(password)
        handlers = {"person": loader.person, "page": loader.page, "post": loader.post, "comment": loader.comment}
        with click.progressbar(length=total, label="Loading the corpus", show_pos=True, show_eta=True,
                               file=open(os.devnull, "w") if quiet else None) as bar:
            for kind, item in generate(pages, seed):
                digest.update(kind.encode())
                digest.update(json.dumps(item, sort_keys=True, ensure_ascii=False).encode())
                handlers[kind](item)
                if kind == "page":
                    words.append((len(item["revisions"][-1]["body"].split()), item["path"], item["lang"]))
                elif kind == "comment" and item["target"][0] == "page":
                    commented[item["target"][1]] = commented.get(item["target"][1], 0) + 1
                elif kind == "post" and sample_post is None and item["lang"] == "en" and 300 <= len(item["body"].split()) <= 700:
                    sample_post = len(loader.post_ids) - 1
                bar.update(1)
                if bar.pos % 2000 == 0:
                    db.session.remove()  # a fresh session now and then keeps memory flat
        load_seconds = time.perf_counter() - started
        from opsspace.models import BlogPost
        from opsspace.services import search

        post = db.session.get(BlogPost, loader.post_ids[sample_post or 0]) if loader.post_ids else None
        post_ref = f"{post.author.username}/{post.slug}" if post else None
        waiting = search.pending()
        revisions = loader.revisions
    # The sample page for page views: an English page of about the median length, with comments if any.
    words.sort()
    median_words = words[len(words) // 2][0] if words else 0
    candidates = sorted((abs(w - median_words) - (50 if commented.get(p) else 0), p) for w, p, lang in words
                        if lang == "en" and "/" in p and p.count("/") >= 2) or [(0, words[0][1])]
    sample_page = candidates[0][1].replace(" ", "_")
    started_index = time.perf_counter()
    _cli(site, "search", "rebuild", "--procs", str(procs), quiet=quiet)
    index_seconds = time.perf_counter() - started_index
    _cli(site, "search", "verify", quiet=quiet)
    manifest = {
        "seed": seed, "pages": pages, "counts": {**n, "revisions": revisions, "documents": total},
        "fingerprint": digest.hexdigest(), "load_seconds": round(load_seconds, 1),
        "load_documents_per_second": round(total / load_seconds, 1), "outbox_after_load": waiting,
        "rebuild_seconds": round(index_seconds, 1), "rebuild_procs": procs, "plugins_off_during_load": list(without),
        "median_page_words": median_words, "longest_page_words": words[-1][0] if words else 0,
        "pages_over_5000_words": sum(1 for w, *_ in words if w > 5000),
        "samples": {"page": sample_page, "post": post_ref, "person": BENCH_USER},
        "accounts": {"employee": {"username": BENCH_USER, "password": password}},
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    (site / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def _cli(site: Path, *args: str, quiet: bool = False) -> None:
    """Run an `opsspace` command on the site, as an operator would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPSSPACE_")}
    env["OPSSPACE_INSTANCE_PATH"] = str(site)
    opsspace = str(Path(sys.executable).with_name("opsspace"))
    result = subprocess.run([opsspace, *args], env=env, capture_output=quiet, text=True)
    if result.returncode != 0:
        raise SystemExit(f"`opsspace {' '.join(args)}` failed:\n{result.stdout or ''}{result.stderr or ''}")


def read_manifest(site: Path) -> dict:
    return json.loads((site / MANIFEST).read_text())


def default_site(pages: int, seed: int) -> Path:
    return SITES / f"corpus-{pages}-s{seed}"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--pages", type=int, help="wiki pages (the other kinds follow in proportion)")
    size.add_argument("--documents", type=int, help=f"search documents in all ({DOCUMENTS_PER_PAGE:g} per page)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--site", type=Path, help="instance folder to create (default: bench/sites/corpus-N-sS)")
    parser.add_argument("--procs", type=int, default=1, help="indexing processes for the rebuild")
    parser.add_argument("--with-all-plugins", action="store_true",
                        help=f"keep {', '.join(LOAD_WITHOUT)} on while loading (slower)")
    parser.add_argument("--fingerprint", action="store_true", help="only print the corpus hash (nothing loaded)")
    args = parser.parse_args(argv)
    pages = args.pages or (round(args.documents / DOCUMENTS_PER_PAGE) if args.documents else 200)
    if args.fingerprint:
        print(fingerprint(pages, args.seed))
        return
    site = args.site or default_site(pages, args.seed)
    manifest = load(site, pages, args.seed, procs=args.procs, without=() if args.with_all_plugins else LOAD_WITHOUT)
    c = manifest["counts"]
    print(f"{c['documents']:,} documents ({c['people']:,} people, {c['pages']:,} pages with {c['revisions']:,} "
          f"revisions, {c['posts']:,} posts, {c['comments']:,} comments) loaded in {manifest['load_seconds']} s "
          f"({manifest['load_documents_per_second']} documents/s); index rebuilt in {manifest['rebuild_seconds']} s.")
    print(f"Site: {site}   fingerprint {manifest['fingerprint'][:16]}")


if __name__ == "__main__":
    main()
