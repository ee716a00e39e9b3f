"""``qms-review verify FILE.pdf --ca CA.pem`` on a machine with no database at all: who signed,
when, with which meaning, whether anything changed, whether the attached data is intact — in
plain lines, with no pyHanko traceback; with our database, also whether the data still matches."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from qms_review import cli
from tests.core.records.test_record_signing import flip

DECIDED = "PO-1001-260927"


def _signed_record(folder: Path, tmp_path: Path, typed: list[str]) -> tuple[Path, Path]:
    """The demo's decided review's record signed by its eight signers, and the CA certificate,
    as files."""
    assert cli.main(["demo"]) == 0
    assert cli.main(["record", "make", DECIDED]) == 0
    signed = tmp_path / "signed.pdf"
    logins = ["sales", "engineering", "production", "planning", "purchasing", "quality"]
    for login in [*logins, "finance", "approver"]:
        typed.append(f"{login}-demo")
        out = ["--output", str(signed)] if login == "approver" else []
        assert cli.main(["record", "sign", DECIDED, "--as", login, *out]) == 0
    ca = tmp_path / "CA.pem"
    assert cli.main(["ca", "export", str(ca)]) == 0
    return signed, ca


def _elsewhere(args: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    """The command run as an auditor would: another process, another (empty) data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QMS_REVIEW")}
    env.update(QMS_REVIEW_DATA_DIR=str(data), LANG="C.UTF-8", LANGUAGE="", LC_ALL="")
    return subprocess.run(
        [sys.executable, "-m", "qms_review", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_verify_with_the_ca_and_no_database(folder: Path, tmp_path: Path, typed: list[str], capsys):
    signed, ca = _signed_record(folder, tmp_path, typed)
    empty = tmp_path / "auditor" / "data"  # does not even exist
    done = _elsewhere(["verify", str(signed), "--ca", str(ca)], empty)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no pyHanko logging, no traceback
    lines = done.stdout.splitlines()
    assert len(lines) == 8 + 3
    assert lines[0].startswith("signature-sales: 王丽 Wang Li (sales), “Signed the review record")
    assert all("timestamped 20" in line for line in lines[:8])
    assert all(
        line.endswith("— valid; nothing changed after it but later signatures")
        for line in lines[:8]
    )
    assert lines[7].startswith("signature-approver: Margaret Okafor (approver)")
    assert lines[8].startswith("Review data attached (review-data.json): intact, SHA-256 ")
    assert lines[9] == "No database here: the record was checked on its own, against the CA given"
    assert lines[10] == "Record verified: OK"
    assert not empty.exists()  # nothing was created for the auditor

    forged = tmp_path / "forged.pdf"
    forged.write_bytes(flip(signed.read_bytes()))
    done = _elsewhere(["verify", str(forged), "--ca", str(ca)], empty)
    assert done.returncode == 1
    assert done.stderr == "Record verification FAILED\n"
    report = done.stdout.splitlines()
    assert sum(line.endswith("— INVALID: the signed content was altered") for line in report) == 8
    assert "not issued by the CA" not in done.stdout  # the certificates are fine

    # without the CA and without a database there is nothing to check against: one line
    done = _elsewhere(["verify", str(signed)], empty)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr

    # with our database: the record is kept and its data still matches the review
    capsys.readouterr()
    assert cli.main(["verify", str(signed), "--ca", str(ca)]) == 0
    out = capsys.readouterr().out
    assert "Our database: the record is kept, and the review's data still matches it" in out


def test_a_ca_file_that_is_no_certificate_is_one_line(folder: Path, tmp_path: Path, capsys):
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(b"%PDF-1.4 nothing")
    ca = tmp_path / "CA.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n")
    assert cli.main(["verify", str(pdf), "--ca", str(ca)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"{ca} is not a CA certificate (PEM or DER)")
