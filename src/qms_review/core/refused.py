"""The refusal of a data file that people edit (a checklist template, the checks' rule book):
it names the file, the place in it and the problem, in both languages."""

from __future__ import annotations

from typing import Any

from qms_review.core.messages import QmsError, text


class FileRefused(QmsError):
    """A file that cannot be used: ``message_key`` says so with ``{file}``, ``{place}`` and
    ``{problem}`` (``{problem_zh}`` in Chinese); ``problem`` is the key of what is wrong."""

    def __init__(
        self, message_key: str, source: str, place: str, problem: str, **params: Any
    ) -> None:
        super().__init__(
            message_key,
            file=source,
            place=place or "—",
            problem=text(problem, "en", **params),
            problem_zh=text(problem, "zh_CN", **params),
        )
        self.place = place
        self.problem = problem
