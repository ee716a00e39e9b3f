"""``qms-review customer``: the customer's file from the command line."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import openpyxl

from qms_review import cli
from qms_review.core.demo import password_of


def _out(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_show_list_and_export(capsys, folder: Path, tmp_path: Path):
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    assert cli.main(["customer", "show", "C-1001"]) == 0
    lines = _out(capsys)
    assert lines[0] == "Customer: Northwind Pumps Ltd (C-1001)"
    assert "Enquiries, bids and orders (8):" in lines
    assert any(line.startswith("Order\tPO-1001-260901\t2\t") for line in lines)
    assert "Communications (1):" in lines
    assert any(
        "\tComplaint\tOpen\tPO-1001-260901\tquality\t2026-11-26\t40 pieces" in x for x in lines
    )
    assert any("Damage 2026-11-09" in x and "customer told: 2026-11-10" in x for x in lines)

    assert cli.main(["customer", "show", "C-1003", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "Meridian Medical Devices GmbH"
    assert data["held"][0]["incidents"][0]["reported_on"] is None
    assert data["feedback"][0]["kind"] == "compliment"

    assert cli.main(["customer", "list", "plug"]) == 0
    assert _out(capsys) == [
        "Code    Customer                       Orders  Open feedback  Property held  Found in",
        "C-1003  Meridian Medical Devices GmbH  7       1              1              property",
    ]
    assert cli.main(["customer", "list", "nothing-like-this"]) == 0
    assert _out(capsys) == ["No customer found."]

    xlsx = tmp_path / "nw.xlsx"
    assert cli.main(["customer", "export", "C-1001", "--xlsx", str(xlsx)]) == 0
    assert openpyxl.load_workbook(xlsx).sheetnames[2] == "Feedback and complaints"
    assert cli.main(["customer", "export", "C-1001", "--xlsx", str(xlsx)]) == 1  # no overwrite
    assert cli.main(["customer", "show", "C-9999"]) == 1
    assert "No customer has the code or name “C-9999”." in capsys.readouterr().err


def test_complaints_and_property_from_the_command_line(capsys, folder: Path, typed: list[str]):
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    typed.append(password_of("sales"))
    add = ["customer", "complaint", "add", "C-1002", "Late delivery of 20 brackets"]
    more = ["--order", "PO-1002-261006", "--line", "10", "--owner", "quality"]
    more += ["--received", "2026-11-20", "--due", "2026-12-04", "--as", "sales"]
    assert cli.main([*add, *more]) == 0
    new = _out(capsys)[0]
    assert new.startswith("Recorded as #")
    number = new.removeprefix("Recorded as #").rstrip(".")
    assert (  # refused before the password is asked
        cli.main(["customer", "complaint", "close", number, "--note", "x", "--as", "finance"]) == 1
    )
    assert "closed by quality, the approver or its owner" in capsys.readouterr().err
    typed.append(password_of("quality"))
    close = ["customer", "complaint", "close", number, "--note", "Expedited; 8D sent"]
    assert cli.main([*close, "--date", "2026-11-22", "--as", "quality"]) == 0
    assert _out(capsys) == [f"#{number} closed."]
    assert cli.main(["customer", "complaint", "list", "C-1002", "--open"]) == 0
    assert _out(capsys) == ["Feedback and complaints (0):"]
    assert cli.main(["customer", "complaint", "list", "C-1002", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert (listed[0]["status"], listed[0]["line_no"], listed[0]["closed_by"]) == (
        "closed",
        10,
        "quality",
    )

    receive = ["customer", "property", "add", "C-1002", "Titanium bar stock"]
    receive += ["--condition", "Good", "--location", "Store A-1", "--quantity", "12"]
    assert cli.main([*receive, "--unit", "m", "--as", "sales"]) == 1  # not a keeper
    assert "logistics, production, quality or the approver" in capsys.readouterr().err
    typed.append(password_of("planning"))
    assert cli.main([*receive, "--unit", "m", "--as", "planning"]) == 0
    held = _out(capsys)[0].split("#")[1].rstrip(".")
    typed.append(password_of("planning"))
    damage = ["customer", "property", "damage", held, "Two bars bent", "--as", "planning"]
    assert cli.main(damage) == 0
    incident = _out(capsys)[0].split("#")[1].split(" ")[0]
    typed.append(password_of("planning"))
    assert cli.main(["customer", "property", "reported", incident, "--as", "planning"]) == 0
    typed.append(password_of("planning"))
    back = ["customer", "property", "return", held, "--note", "10 good, 2 bent", "--as", "planning"]
    assert cli.main(back) == 0
    capsys.readouterr()
    assert cli.main(["customer", "property", "list", "C-1002"]) == 0
    lines = _out(capsys)
    assert lines[0] == "Customer property (1):"
    assert lines[1].startswith(f"#{held}\tTitanium bar stock\t12 m\t")
    assert "Damage" in lines[2]
    assert "Two bars bent" in lines[2]
    assert cli.main(["audit", "verify"]) == 0


def _columns(line: str) -> list[int]:
    """Where each column of a printed table starts on a terminal (a Chinese character takes
    two places)."""
    wide = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    return [
        wide - sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[m.start() :])
        for m in re.finditer(r"(?:^|(?<=  ))\S", line)
    ]


def test_the_customer_list_has_column_headers_in_each_language(capsys, folder: Path):
    """Every column named above it and as wide as its widest cell, a Chinese character taking
    two places on a terminal, so the columns line up under their names."""
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    assert cli.main(["customer", "list", "C-100"]) == 0
    lines = _out(capsys)
    assert lines[0].split("  ")[0] == "Code"
    assert [c.strip() for c in re.split("  +", lines[0])] == [
        "Code", "Customer", "Orders", "Open feedback", "Property held", "Found in"
    ]  # fmt: skip
    assert [line.split()[0] for line in lines[1:]] == ["C-1002", "C-1003", "C-1001"]
    assert len({tuple(_columns(line)) for line in lines}) == 1, lines
    env = {"LANG": "zh_CN.UTF-8", "QMS_REVIEW_DATA_DIR": str(folder)}
    assert cli.main(["customer", "list"], env=env) == 0
    lines = _out(capsys)
    # every customer, none looked for: no column for where the words were found
    assert lines[0].split() == ["代码", "客户", "订单", "未关闭的反馈", "保管中的财产"]
    assert any(line.startswith("C-2003  宁波海天液压件厂  ") for line in lines)
    assert len({tuple(_columns(line)) for line in lines}) == 1, lines
