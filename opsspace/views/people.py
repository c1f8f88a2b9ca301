"""Profiles: who a person is, with their disclaimer."""
from flask import Blueprint, render_template

from ..access import access
from ..services import users

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.get("/<username>")
@access("reader")
def profile(username: str):
    person = users.get_or_404(username)
    return render_template("people/profile.html", person=person, disclaimer_author=person)
