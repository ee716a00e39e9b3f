"""A newcomer read “section “Financial terms” is not signed” in ``review status`` and typed
``review sign ORDER "Financial terms"``: refused, only the key ``finance`` worked, a key they
had never been shown. A section is named by its key or its title in either language, in any
case; the status shows both; refusals name the section's title and the function's name."""

from __future__ import annotations

import pytest

from qms_review import cli
from tests.helpers import refused

ORDER = "PO-1002-261006"


def test_status_shows_the_key_beside_the_title(started, capsys):
    assert cli.main(["review", "status", ORDER]) == 0
    out = capsys.readouterr().out
    assert "section “Technical requirements” (technical) is not signed" in out


@pytest.mark.parametrize(
    "typed_name",
    [
        "technical",
        "TECHNICAL",
        "Technical requirements",
        "technical REQUIREMENTS",
        "技术要求",
        "“Technical requirements”",
    ],
)
def test_a_section_is_named_by_its_key_or_its_title(started, capsys, never_asked, typed_name):
    err = refused(capsys, "review", "sign", ORDER, typed_name, "--as", "engineering")
    assert err.startswith("Section “Technical requirements” cannot be signed yet:")


def test_a_title_that_names_no_section_is_refused(started, capsys, never_asked):
    assert refused(capsys, "review", "sign", ORDER, "Financial stuff", "--as", "sales") == (
        "The review has no part “Financial stuff” to sign."
    )


def test_a_section_named_by_its_title_is_signed(started, capsys, typed):
    for item in ("gate.before_commitment", "gate.kind"):
        typed.append("sales-demo")
        assert cli.main(["review", "answer", ORDER, item, "yes", "--as", "sales"]) == 0
    typed.append("sales-demo")
    assert cli.main(["review", "sign", ORDER, "before COMMITTING", "--as", "sales"]) == 0
    assert typed == []
    capsys.readouterr()
    assert cli.main(["review", "status", ORDER]) == 0
    assert "(gate) is not signed" not in capsys.readouterr().out


def test_refusals_name_the_title_and_the_function(started, capsys, never_asked, monkeypatch):
    answer = [
        "review",
        "answer",
        ORDER,
        "commercial.customer_identified",
        "yes",
        "--as",
        "engineering",
    ]
    assert refused(capsys, *answer) == (
        "Section “Commercial requirements” is answered by Sales; you do not hold that function."
    )
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    assert refused(capsys, *answer) == "“商务要求”部分由“销售”回答；您不具有该职能。"
