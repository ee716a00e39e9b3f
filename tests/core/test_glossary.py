"""The Chinese glossary of docs/TRANSLATIONS.md holds: a term it rejects appears in no
Chinese text a user reads (catalogue, guide, data files' labels and messages); header
synonyms, which are what spreadsheets say rather than what we say, are exempt."""

from __future__ import annotations

import re
from pathlib import Path

from qms_review.resources import resource
from tests.catalogues import entries

DOC = Path(__file__).resolve().parents[2] / "docs" / "TRANSLATIONS.md"


def _rejected() -> dict[str, str]:
    """rejected term → the term to use, from the glossary table."""
    section = DOC.read_text(encoding="utf-8").split("## Glossary", 1)[1].split("\n## ", 1)[0]
    found: dict[str, str] = {}
    for row in re.findall(r"^\|(.+)\|$", section, re.M):
        cells = [c.strip() for c in row.split("|")]
        if len(cells) == 3 and cells[1] and not cells[1].startswith(("-", "简体")):
            for term in re.findall(r"[\u4e00-\u9fff]+", cells[2].split("(", 1)[0]):
                found[term] = cells[1]
    return found


def _chinese_texts() -> list[tuple[str, str]]:
    texts = [(f"zh_CN.po {k}", v) for k, v in entries(resource("translations", "zh_CN.po")).items()]
    texts += [
        (str(p), p.read_text(encoding="utf-8")) for p in resource("guide", "zh_CN").glob("*.md")
    ]
    for toml in resource().glob("*/*.toml"):
        for number, line in enumerate(toml.read_text(encoding="utf-8").splitlines(), 1):
            if not line.lstrip().startswith(("synonyms", '"')):  # headers as spreadsheets say
                texts.append((f"{toml.name}:{number}", line))
    return texts


def test_the_glossary_rejects_mixed_terms():
    assert _rejected() == {"物料编码": "零件号", "料号": "零件号"}


def test_no_chinese_text_uses_a_rejected_term():
    rejected = _rejected()
    wrong = [
        (where, term) for where, said in _chinese_texts() for term in rejected if term in str(said)
    ]
    assert wrong == []
