"""``qms-review review``: the same rules and messages as the GUI, from a script."""

from __future__ import annotations

import re
from pathlib import Path

from qms_review import cli


def test_review_commands(capsys, folder: Path, typed: list[str]):
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    assert cli.main(["review", "status", "PO-1002-261006"]) == 1
    assert "has no review yet" in capsys.readouterr().err
    typed.append("sales-demo")
    assert cli.main(["review", "start", "PO-1002-261006", "--as", "sales"]) == 0
    assert re.search(r"Review #\d+ started", capsys.readouterr().out)
    typed.append("engineering-demo")
    assert (
        cli.main(
            [
                "review",
                "answer",
                "PO-1002-261006",
                "technical.parts_revisions",
                "no",
                "--comment",
                "rev B obsolete",
                "--as",
                "engineering",
            ]
        )
        == 0
    )
    typed.append("engineering-demo")
    assert (
        cli.main(
            [
                "review",
                "dispose",
                "PO-1002-261006",
                "technical.parts_revisions",
                "clarified",
                "--note",
                "Customer moves to rev C",
                "--as",
                "engineering",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert (  # refused before the password is asked
        cli.main(
            [
                "review",
                "answer",
                "PO-1002-261006",
                "technical.parts_revisions",
                "yes",
                "--as",
                "sales",
            ]
        )
        == 1
    )
    assert "“Technical requirements” is answered by Engineering" in capsys.readouterr().err
    assert cli.main(["review", "sign", "PO-1002-261006", "technical", "--as", "engineering"]) == 1
    assert "cannot be signed yet" in capsys.readouterr().err
    assert cli.main(["review", "decide", "PO-1002-261006", "accepted", "--as", "approver"]) == 1
    assert "does not allow “decide”" in capsys.readouterr().err
    assert typed == []  # none of the three asked for a password
    assert cli.main(["review", "status", "PO-1002-261006"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"review #\d+ in review", out)
    assert "stand between this review and a decision" in out
    typed.append("wrong-password")
    assert (
        cli.main(["review", "answer", "PO-1002-261006", "gate.kind", "yes", "--as", "sales"]) == 1
    )
    assert "Wrong password" in capsys.readouterr().err


def test_review_status_names_sections_items_and_findings_not_their_keys(
    capsys, folder: Path, monkeypatch
):
    """A newcomer read ``section gate`` and ``item clarity.vague``: the status shows the
    catalogue's texts in the user's language, never a key alone (a section's key is shown
    beside its title: ``review sign`` takes either)."""
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    for language in ("en", "zh_CN"):
        monkeypatch.setenv("LANGUAGE", language)
        assert cli.main(["review", "status", "采购-20261109-7"]) == 0
        out = capsys.readouterr().out
        keys = re.findall(
            r"\b[a-z]+\.[a-z_]+\b|section [a-z]+ is",
            out,
        )
        assert not keys, (language, keys, out)
        if language == "en":
            assert "section “Before committing” (gate) is not signed" in out
            assert "Technical requirements: not answered — Part numbers" in out
            assert re.search(r"finding #\d+ has no disposition — Line 10 \(FL-3305\)", out)
        else:
            assert "“承诺之前”（gate）部分未签署" in out
            assert "技术要求：未回答——" in out


def test_n_a_is_an_answer_as_the_readme_writes_it(capsys, folder: Path, typed: list[str]):
    assert cli.main(["demo"]) == 0
    typed.append("sales-demo")
    assert cli.main(["review", "start", "PO-1002-261006", "--as", "sales"]) == 0
    capsys.readouterr()
    typed.append("engineering-demo")
    answer = ["review", "answer", "PO-1002-261006", "technical.parts_revisions", "N/A"]
    assert cli.main([*answer, "--as", "engineering"]) == 0, capsys.readouterr().err
