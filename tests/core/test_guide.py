"""The user guide: every topic in every shipped language, links that lead somewhere, and the
command line that prints it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qms_review.cli import main
from qms_review.core import catalogues, guide
from qms_review.core.messages import QmsError
from qms_review.resources import resource

LINK = re.compile(r"\]\(([^)]+)\)")
SHIPPED = sorted(catalogues.available())


@pytest.mark.parametrize("language", SHIPPED)
def test_every_topic_has_its_own_page_in_every_shipped_language(language: str):
    for topic in guide.TOPICS:
        page = guide.page(topic, language)
        assert page.language == language, f"{topic} is not translated into {language}"
        assert page.title
        assert page.title != topic
    # and no page lies there that the contents do not list
    files = {p.stem for p in resource(guide.FOLDER, language).glob("*.md")}
    assert files == set(guide.TOPICS)


@pytest.mark.parametrize("language", SHIPPED)
def test_every_link_leads_to_a_topic_and_every_language_links_alike(language: str):
    english = {t: LINK.findall(guide.page(t, "en").text) for t in guide.TOPICS}
    for topic in guide.TOPICS:
        links = LINK.findall(guide.page(topic, language).text)
        for target in links:
            assert target.endswith(".md"), (topic, target)
            assert Path(target).stem in guide.TOPICS, (topic, target)
        assert links == english[topic], f"{language}/{topic} links differently from English"
    # every topic but the contents is reached from the contents page
    reached = {Path(t).stem for t in LINK.findall(guide.page(guide.INDEX, language).text)}
    assert reached == set(guide.TOPICS) - {guide.INDEX}


def test_chinese_pages_use_full_width_punctuation_in_their_sentences():
    for topic in guide.TOPICS:
        text = guide.page(topic, "zh_CN").text
        prose = re.sub(r"`[^`]*`|\([^)]*\.md\)|https?://\S+", "", text)
        for line in prose.splitlines():
            if re.search(r"[\u4e00-\u9fff]", line):
                assert not re.search(r"[\u4e00-\u9fff][,;:?!]|[,;:?!][\u4e00-\u9fff]", line), line


def test_a_language_without_a_guide_reads_the_english_pages():
    page = guide.page("review", "de_DE.UTF-8")
    assert page.language == "en"
    assert page.title == "Reviewing an order"


def test_an_unknown_topic_is_refused_with_the_topics_there_are():
    with pytest.raises(QmsError) as refused:
        guide.page("nonsense", "en")
    assert refused.value.message("en") == (
        "The guide has no topic “nonsense”. Its topics: " + ", ".join(guide.TOPICS) + "."
    )


def test_the_command_line_lists_the_topics_and_prints_one(capsys, folder: Path):
    def env(lang: str) -> dict[str, str]:
        return {"LANG": lang, "QMS_REVIEW_DATA_DIR": str(folder)}

    assert main(["guide"], env=env("C")) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == "The user guide (F1 in the program):"
    assert listed[1].split() == ["index", "QMS", "Review", "—", "user", "guide"]
    assert [line.split()[0] for line in listed[1:-1]] == list(guide.TOPICS)
    assert listed[-1] == "Show a topic: qms-review guide TOPIC"

    assert main(["guide", "keys"], env=env("C")) == 0
    assert capsys.readouterr().out.startswith("# Keyboard shortcuts\n")

    assert main(["guide", "review"], env=env("zh_CN.UTF-8")) == 0
    assert capsys.readouterr().out.startswith("# 评审订单\n")

    assert main(["guide", "nonsense"], env=env("C")) == 1
    assert capsys.readouterr().err.startswith("The guide has no topic “nonsense”.")


def test_the_guide_needs_no_database(capsys, folder: Path):
    assert main(["guide", "start"], env={"LANG": "C", "QMS_REVIEW_DATA_DIR": str(folder)}) == 0
    assert capsys.readouterr().out.startswith("# Getting started\n")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("language", "errors", "warnings"),
    [("en", "**Errors**", "**Warnings**"), ("zh_CN", "**错误**", "**警告**")],
)
def test_the_import_page_says_what_the_import_does_with_values_it_cannot_read(
    tmp_path: Path, language: str, errors: str, warnings: str
):
    """A quantity or a date the import cannot read does not stop it: a warning, the value
    imported as written for the review. The guide once listed such values among the errors to
    fix first (newcomer trial); it says what the program does, in every language."""
    from qms_review.core.intake.analysis import analyse
    from tests import erp_exports

    unread = ("约500", "ASAP", "2027-13-01")
    rows = [list(row) for row in erp_exports.ROWS[:3]]
    rows[0][5], rows[1][8], rows[2][8] = unread
    plan = analyse(erp_exports.xlsx(tmp_path / "unread.xlsx", rows))
    assert plan.ok
    assert sorted((i.severity, i.code, i.value) for i in plan.issues) == [
        ("warning", "not_date", "2027-13-01"),
        ("warning", "not_date", "ASAP"),
        ("warning", "not_number", "约500"),
    ]
    said = guide.page("import", language).text
    check = said[said.index(errors) : said.index("\n\n", said.index(warnings))]
    must_fix, imported = check.split(warnings)
    for value in unread:
        assert value in imported
        assert value not in must_fix
    for unreadable in ("unreadable", "cannot be read", "无法读取", "无法按"):
        assert unreadable not in must_fix
