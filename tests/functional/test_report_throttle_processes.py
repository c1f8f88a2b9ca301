"""The report limit holds across server processes: it is counted in the database, not in a worker's memory."""
import subprocess
import sys

import pytest

from tests.support.server import Browser, Server, cli, server_env

pytestmark = [pytest.mark.dbs, pytest.mark.slow]

SETUP = """
from opsspace import create_app
from opsspace.services import blog, policy, users
app = create_app()
with app.app_context():
    author = users.create("mo.moderator", password="correct horse battery staple", role="moderator")
    reporter = users.create("emma.employee", password="correct horse battery staple")
    for person in (author, reporter):
        policy.accept(person, policy.current("aup").number)
    for n in range(6):
        print(blog.save_post(author, title=f"Note {n}", body="Hello team", publish=True).post.id)
"""


def test_the_report_limit_holds_across_two_server_processes(tmp_path, database_url):
    env = server_env(database_url, tmp_path / "instance", EXTRA_PLUGINS='["plugins.moderation"]',
                     MODERATION_REPORTS_PER_HOUR=4)
    cli(env, "db", "upgrade")
    made = subprocess.run([sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    post_ids = made.stdout.split()
    first, second = Server(env), Server(env)
    try:
        browser = Browser()  # one session, valid on both (same secret key, same database)
        status, _page = browser.post(first.url + "/login", {"username": "emma.employee",
                                                            "password": "correct horse battery staple"},
                                     token_from=first.url + "/login")
        assert status == 302
        pages = []
        for number, post_id in enumerate(post_ids[:6]):
            server = (first, second)[number % 2]  # alternate: each process sees half the reports
            status, page = browser.post(server.url + "/report", {"content_type": "post", "content_id": post_id,
                                                                  "clause": "1", "next": "/"},
                                        token_from=server.url + "/")
            assert status == 302
            pages.append(browser.get(server.url + "/")[1])  # the message the redirect carries
        sent = ["your report was sent to the moderators" in page for page in pages]
        refused = ["4 reports in the last hour" in page for page in pages]
        assert sent == [True] * 4 + [False] * 2 and refused == [False] * 4 + [True] * 2
    finally:
        first.stop()
        second.stop()
