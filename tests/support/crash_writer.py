"""A loop of writes through the services, as the site makes them, until the process is killed: wiki saves and
edits, blog posts, edits and deletions, comments, profile changes — each one its database transaction plus the
search index update after it — and page views served by the app (recorded by the statistics plugin, when it is
loaded, from its in-process queue in batches). The crash-safety test kills it with SIGKILL at random moments.

Run as `python -m tests.support.crash_writer SEED` with the OPSSPACE_* settings of the site in the environment;
prints "ready", then one line per write.
"""
import random
import sys


def main(seed: int) -> None:
    from sqlalchemy import select

    from opsspace import create_app
    from opsspace.extensions import db
    from opsspace.models import BlogPost, Comment
    from opsspace.services import blog, comments, policy, users, wiki

    app = create_app()
    rng = random.Random(seed)
    reader = app.test_client()  # page views, through the whole app (request hooks included)
    with app.app_context():
        author = users.get("kim.killed")
        if policy.needs_acceptance(author):  # as the person would in the browser, once
            policy.accept(author, policy.current("aup").number)
        print("ready", flush=True)
        n = 0
        while True:
            n += 1
            db.session.rollback()
            choice = rng.random()
            if choice < 0.35:
                path = f"Crash_page_{rng.randrange(12)}"
                page, _ = wiki.find(path)
                base = page.current_revision_id if page else None
                body = "\n".join(f"line {i} of write {seed}.{n}" for i in range(rng.randrange(1, 60)))
                wiki.save_page(path, body=body, author=author, base_revision_id=base, summary=f"write {n}")
            elif choice < 0.6:
                posts = list(db.session.scalars(select(BlogPost).where(BlogPost.author_id == author.id,
                                                                       BlogPost.status != "deleted")))
                if posts and rng.random() < 0.6:
                    post = rng.choice(posts)
                    blog.save_post(author, title=post.title, body=f"Edited in write {seed}.{n}", tags="crash",
                                   post=post, base_version=post.version, publish=rng.random() < 0.5)
                else:
                    blog.save_post(author, title=f"Post {seed}.{n}", body=f"Written in {seed}.{n}",
                                   tags="crash, test", publish=rng.random() < 0.7)
            elif choice < 0.85:
                target = db.session.scalars(select(BlogPost).where(BlogPost.status == "published")
                                            .order_by(BlogPost.id.desc()).limit(5)).first()
                if target is not None:
                    comments.add("post", target.id, author, f"A comment from write {seed}.{n}")
            elif choice < 0.93:
                users.update_profile(author, display_name="Kim Killed", bio=f"Bio from write {seed}.{n}",
                                     department="Crash tests")
            else:
                post = db.session.scalars(select(BlogPost).where(BlogPost.author_id == author.id,
                                                                 BlogPost.status == "published")).first()
                if post is not None:
                    blog.delete_post(post, author)
                else:
                    comment = db.session.scalars(select(Comment).where(Comment.status == "published")).first()
                    if comment is not None:
                        comments.delete(comment, author)
            for _view in range(rng.randrange(1, 4)):
                path = rng.choice(["/", "/blog/", "/recent", f"/wiki/Crash_page_{rng.randrange(12)}"])
                reader.get(path, headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"}).close()
            print(f"wrote {n}", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
