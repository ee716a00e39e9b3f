"""The user guide: one Markdown page per topic and language, found as files.

``resources/guide/<language>/<topic>.md`` — the GUI shows a page with F1 (the topic of the
window in front), the command line prints it (``qms-review guide TOPIC``). A page missing in a
language is taken from the next language of its fallback chain (``zh_CN`` → ``zh`` → ``en``),
so a new language may translate the guide page by page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qms_review.core import catalogues
from qms_review.core.messages import QmsError
from qms_review.resources import resource

FOLDER = "guide"
#: The guide's topics in the order of its contents; ``index`` is the contents page.
TOPICS = (
    "index",
    "start",
    "register",
    "import",
    "findings",
    "review",
    "decision",
    "records",
    "customers",
    "catalogue",
    "templates",
    "users",
    "settings",
    "keys",
    "command-line",
)
INDEX = "index"


@dataclass(frozen=True)
class Page:
    """One page of the guide in one language: ``title`` is its first heading."""

    topic: str
    language: str
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def title(self) -> str:
        for line in self.text.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return self.topic


def page(topic: str, language: str) -> Page:
    """The page of ``topic`` in ``language``, or in the nearest language of its chain that has
    it. Refuses a topic the guide does not have."""
    if topic not in TOPICS:
        raise QmsError("guide.unknown_topic", topic=topic, topics=", ".join(TOPICS))
    for code in catalogues.chain(language):
        path = resource(FOLDER, code, f"{topic}.md")
        if path.is_file():
            return Page(topic, code, path)
    raise QmsError("guide.missing", topic=topic)


def contents(language: str) -> list[Page]:
    """Every page of the guide in ``language`` (or its fallback), in the order of the contents."""
    return [page(topic, language) for topic in TOPICS]
