"""The `opsspace` command: create-user, first-run, demo."""
import pytest
from sqlalchemy import func, select

from opsspace.extensions import db
from opsspace.models import User

pytestmark = pytest.mark.dbs


def test_create_user_with_password_from_stdin(runner, client):
    result = runner.invoke(args=["create-user", "lee.admin", "--role", "admin", "--email", "lee@example.org",
                                 "--password-stdin"], input="a long enough password\n")
    assert result.exit_code == 0, result.output
    assert "Created admin account lee.admin." in result.output
    assert client.login("lee.admin", "a long enough password").status_code == 302


def test_create_user_without_password_prints_a_generated_one(runner, client):
    result = runner.invoke(args=["create-user", "kim.lee"])
    assert result.exit_code == 0
    password = result.output.split("Password: ")[1].split()[0]
    assert client.login("kim.lee", password).status_code == 302


def test_create_user_errors_say_what_to_fix(runner):
    runner.invoke(args=["create-user", "kim.lee"])
    result = runner.invoke(args=["create-user", "Kim.Lee", "--password", "long enough password"])
    assert result.exit_code != 0 and "The user name kim.lee is taken." in result.output
    assert "Fix the value above" in result.output
    result = runner.invoke(args=["create-user", "x", "--password", "long enough password"])
    assert result.exit_code != 0 and "3 to 40 characters" in result.output
    result = runner.invoke(args=["create-user", "sam.short", "--password", "short"])
    assert result.exit_code != 0 and "at least 10 characters" in result.output


def test_first_run_creates_one_admin_then_only_reports(runner, client):
    result = runner.invoke(args=["first-run"])
    assert result.exit_code == 0 and "user name   admin" in result.output
    password = result.output.split("password    ")[1].split()[0]
    assert client.login("admin", password).status_code == 302
    again = runner.invoke(args=["first-run"])
    assert "1 accounts exist" in again.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_demo_creates_people_of_every_role_and_is_safe_to_repeat(runner, client):
    result = runner.invoke(args=["demo", "--password", "demo password 123"])
    assert result.exit_code == 0, result.output
    roles = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    assert roles["admin"] >= 1 and roles["moderator"] >= 2 and roles["employee"] >= 4
    assert db.session.scalar(select(func.count()).select_from(User).where(User.is_wellbeing_responder)) >= 1
    assert db.session.scalar(select(func.count()).select_from(User).where(User.preferred_language == "fr")) >= 3
    assert client.login("marie.tremblay", "demo password 123").status_code == 302
    again = runner.invoke(args=["demo"]).output
    assert "already exist: none added" in again and "the demo pages already exist" in again
