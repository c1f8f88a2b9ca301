"""Factories for test data. They go through the services, as the site itself does."""
import itertools

from opsspace.extensions import db
from opsspace.services import policy, users

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def make_user(username: str | None = None, *, role: str = "employee", password: str = PASSWORD,
              accepted_policy: bool = True, responder: bool = False, **fields):
    """Create an account (as the CLI would); by default it has accepted the current policy."""
    username = username or f"user{next(_counter)}"
    personal_disclaimer = fields.pop("personal_disclaimer", None)
    user = users.create(username, password=password, role=role, display_name=fields.pop("display_name", None)
                        or username.replace(".", " ").title(), wellbeing_responder=responder, **fields)
    if accepted_policy:
        policy.accept(user, policy.current("aup").number)
    if personal_disclaimer:
        user.personal_disclaimer = personal_disclaimer
        db.session.commit()
    return user
