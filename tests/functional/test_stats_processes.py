"""Page views recorded by several server processes at once on one database: none is lost, whether the writer
threads write while serving (small batches, racing each other for the database) or only when the process is
stopped (everything waits in memory until the exit flush)."""
import threading
import urllib.request

import pytest
from sqlalchemy import create_engine, text

from tests.support.server import Server, cli, server_env
from tests.support.stats import CHROME, FIREFOX

pytestmark = [pytest.mark.dbs, pytest.mark.slow]
PAGE_VIEWS = 120
THREADS = 6


def database(env: dict, database_url: str):
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return dict(connection.execute(text("select kind, count(*) from stats_events group by kind")).all())
    finally:
        engine.dispose()


def fire(servers: list[Server], count: int) -> None:
    """`count` page views from several browsers at once, spread over the servers."""
    errors = []

    def work(offset: int):
        for n in range(offset, count, THREADS):
            server = servers[n % len(servers)]
            agent = FIREFOX if n % 2 else CHROME
            request = urllib.request.Request(f"{server.url}/wiki/?n={n}", headers={"User-Agent": agent})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    assert response.status == 200
            except Exception as error:  # reported below, with the others
                errors.append(error)

    threads = [threading.Thread(target=work, args=(offset,)) for offset in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:3]


@pytest.mark.parametrize("writing", ["while serving", "at exit"])
def test_two_processes_recording_at_once_lose_no_page_view(tmp_path, database_url, writing):
    settings = {"EXTRA_PLUGINS": "plugins.stats"}
    if writing == "while serving":  # small batches written every 0.1 s: the processes contend for the database
        settings.update(ANALYTICS_FLUSH_INTERVAL=0.1, ANALYTICS_BATCH_SIZE=5)
    else:  # nothing is written until the process stops: the exit flush must write it all
        settings.update(ANALYTICS_FLUSH_INTERVAL=3600, ANALYTICS_BATCH_SIZE=100_000)
    env = server_env(database_url, tmp_path / "instance", **settings)
    cli(env, "db", "upgrade")
    first, second = Server(env), Server(env, workers=2)
    try:
        fire([first, second], PAGE_VIEWS)
    finally:
        first.stop()
        second.stop()
    counts = database(env, database_url)
    assert counts.get("reader") == PAGE_VIEWS, counts
    assert counts.get("bot", 0) >= 2  # the servers' start-up checks, made by a script: crawlers
