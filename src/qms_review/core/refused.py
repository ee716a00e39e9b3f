"""The refusal of a data file that people edit (a checklist template, the checks' rule book):
it names the file, the place in it and the problem, rendered in whichever language is asked."""

from __future__ import annotations

from typing import Any

from qms_review.core.messages import Message, QmsError


class FileRefused(QmsError):
    """A file that cannot be used: ``message_key`` says so with ``{file}``, ``{place}`` and
    ``{problem}``; ``problem`` is the key of what is wrong, a message of its own."""

    def __init__(
        self, message_key: str, source: str, place: str, problem: str, **params: Any
    ) -> None:
        super().__init__(
            message_key,
            file=source,
            place=place or "—",
            problem=Message(problem, **params),
        )
        self.place = place
        self.problem = problem
