"""Helpers for the statistics tests: a clock the recorder reads, local times in the analytics time zone, and
visitors (members and readers with an address and a browser) whose requests go through the real app."""
import contextvars
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select

from opsspace.extensions import db

TORONTO = ZoneInfo("America/Toronto")
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"
CHROME = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/126.0.0.0 Safari/537.36")
EDGE = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68")
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def local(day: str, clock_time: str) -> datetime:
    """A wall-clock time in Toronto as the naive UTC the site stores."""
    wall = datetime.fromisoformat(f"{day}T{clock_time}").replace(tzinfo=TORONTO)
    return wall.astimezone(timezone.utc).replace(tzinfo=None)


class Clock:
    """What the recorder believes the time is (set before each request)."""

    def __init__(self):
        self.now = datetime(2026, 1, 1)

    def __call__(self) -> datetime:
        return self.now


def install_clock(monkeypatch) -> Clock:
    from plugins.stats import recording

    clock = Clock()
    monkeypatch.setattr(recording, "utcnow", clock)
    return clock


class Visitor:
    """Someone at a browser: a network address, a user agent, and (for a member) a signed-in session."""

    def __init__(self, app, clock: Clock, address: str, agent: str, user=None):
        self.client, self.clock, self.address, self.agent = app.test_client(), clock, address, agent
        if user is not None:  # signed in without a request: the sign-in itself must not count as a page view
            with self.client.session_transaction() as session:
                session["_user_id"] = user.get_id()
                session["_fresh"] = True

    def get(self, when: datetime, path: str, referrer: str | None = None, status: int = 200, **headers):
        """A request at `when`, then the queue written (as the writer thread would within seconds)."""
        from plugins.stats import recording

        self.clock.now = when
        if referrer:
            headers["Referer"] = referrer
        # In a context of its own, as a server request is: not the caller's app context, `g` or signed-in user.
        response = contextvars.Context().run(self.client.get, path, headers={"User-Agent": self.agent, **headers},
                                             environ_base={"REMOTE_ADDR": self.address})
        assert response.status_code == status, f"{path}: {response.status_code}"
        response.get_data()  # read (a file response holds its file open until then), then closed
        response.close()
        recording.flush()
        return response


def salts() -> set[str]:
    from plugins.stats.models import Salt

    db.session.rollback()  # a fresh read: the recorder wrote in its own transaction
    return set(db.session.scalars(select(Salt.period)))
