"""The ``check``, ``template`` and ``catalogue`` commands."""

from __future__ import annotations

import json
from pathlib import Path

from qms_review import cli
from tests.core.helpers import catalogue_file


def test_cli_check_template_and_catalogue(capsys, folder: Path, tmp_path: Path):
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    assert cli.main(["check", "PO-1001-RUSH"]) == 0
    out = capsys.readouterr().out
    assert "PO-1001-RUSH revision 1: 8 of 8 findings open" in out
    assert "HB-1020 revision B is obsolete" in out
    assert cli.main(["check", "采购-20261109-7", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in data["findings"]} == {
        "clarity.mixed_currencies",
        "clarity.vague",
        "clarity.two_prices",
        "clarity.amount_mismatch",
    }
    assert all(f["message"]["zh"] for f in data["findings"])
    assert cli.main(["check", "NOPE"]) == 1
    assert "No order or quotation numbered NOPE" in capsys.readouterr().err
    assert cli.main(["check", "PO-1001-RUSH", "--revision", "9"]) == 1
    assert cli.main(["template", "list"]) == 0
    assert "iso9001" in capsys.readouterr().out
    assert cli.main(["template", "show", "iatf16949"]) == 0
    assert "IATF 16949 8.2.3.1.1" in capsys.readouterr().out
    broken = tmp_path / "broken.toml"
    broken.write_text('key = "x"\nversion = "1"\n', encoding="utf-8")
    assert cli.main(["template", "import", str(broken)]) == 1
    assert "broken.toml" in capsys.readouterr().err
    parts = catalogue_file(tmp_path / "parts.xlsx", [["NEW-1", "A", "", "New", 5, 1, 10, 5, ""]])
    assert cli.main(["catalogue", "import", str(parts), "--dry-run"]) == 0
    assert cli.main(["catalogue", "import", str(parts)]) == 0
    assert "Catalogue: 1 added" in capsys.readouterr().out
    assert cli.main(["catalogue", "list"]) == 0
    assert "NEW-1" in capsys.readouterr().out
