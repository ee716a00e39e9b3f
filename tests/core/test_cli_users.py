"""The user and CA commands: passwords from a prompt, never from arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_review import cli
from qms_review.cli import context
from qms_review.core import demo
from qms_review.core.store import paths
from tests.core.helpers import counts


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the user types at the password prompts, in order."""
    answers: list[str] = []
    monkeypatch.setattr(context, "_read", lambda _prompt: answers.pop(0))
    return answers


def test_first_user_sets_up_then_admin_adds_and_lists(capsys, folder: Path, typed: list[str]):
    typed += ["admin-secret-1", "admin-secret-1", "ca-passphrase-77", "ca-passphrase-77"]
    assert cli.main(["user", "add", "admin", "--name", "Ada", "--organisation", "Acme"]) == 0
    assert "is the administrator" in capsys.readouterr().out
    typed += ["admin-secret-1", "wang-first-pw", "wang-first-pw", "ca-passphrase-77"]
    assert (
        cli.main(
            ["user", "add", "wang.li", "--name", "王丽", "--function", "sales", "--admin", "admin"]
        )
        == 0
    )
    assert cli.main(["user", "list"]) == 0
    out = capsys.readouterr().out
    assert "王丽" in out
    assert "must change password" in out
    assert typed == []
    assert cli.main(["ca", "export", str(folder / "ca.pem")]) == 0
    assert (folder / "ca.pem").read_text().startswith("-----BEGIN CERTIFICATE-----")


def test_passwords_cannot_be_given_as_arguments(capsys, folder: Path):
    with pytest.raises(SystemExit) as caught:
        cli.main(["user", "add", "x", "--name", "X", "--password", "secret-secret"])
    assert caught.value.code == 2


def test_changes_need_an_administrator_and_change_nothing_when_refused(
    capsys, folder: Path, typed: list[str]
):
    assert cli.main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "engineering  engineering-demo" in out
    assert demo.CA_PASSPHRASE in out
    before = counts(folder / paths.DATABASE_FILE)
    assert cli.main(["user", "deactivate", "sales"]) == 1
    assert "--admin LOGIN" in capsys.readouterr().err
    typed += ["sales-demo"]
    assert cli.main(["user", "deactivate", "quality", "--admin", "sales"]) == 1
    assert "not an administrator" in capsys.readouterr().err
    typed += ["admin-demo", "temp-password-1", "temp-password-2"]
    assert cli.main(["user", "reset-password", "sales", "--admin", "admin"]) == 1
    assert "differ" in capsys.readouterr().err
    after = counts(folder / paths.DATABASE_FILE)
    assert {k: v for k, v in after.items() if k != "audit_events"} == {
        k: v for k, v in before.items() if k != "audit_events"
    }
    typed += ["admin-demo", "temp-password-1", "temp-password-1", demo.CA_PASSPHRASE]
    assert cli.main(["user", "reset-password", "sales", "--admin", "admin"]) == 0
    typed += ["admin-demo", demo.CA_PASSPHRASE]
    assert cli.main(["user", "revoke", "quality", "--admin", "admin"]) == 0
    assert "revocation list number 2" in capsys.readouterr().out  # 1: the empty one at setup
    typed += ["admin-demo"]
    assert cli.main(["user", "deactivate", "quality", "--admin", "admin"]) == 0
    assert cli.main(["user", "list"]) == 0
    out = capsys.readouterr().out
    assert "quality" in out
    assert "inactive" in out
