"""Texts that core shows to people, in whichever language is asked for.

A message is a key plus arguments (:class:`Message`); its text in each language lives in that
language's gettext catalogue (``msgctxt "core"``, see :mod:`qms_review.core.catalogues`), and
it is rendered when it is shown. An argument that is itself a message (or per-language texts
from a data file, :class:`Texts`, or a :class:`QmsError`) is rendered in the same language, so a
message never carries another message's text in a fixed language. The GUI's own strings go
through ``tr()`` and the same catalogues.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from qms_review.core.catalogues import CORE, PUNCTUATION, available, catalogue, chain


class Message:
    """A message key and its arguments, rendered in any language by :meth:`render`."""

    __slots__ = ("args", "key")

    def __init__(self, key: str, /, **args: Any) -> None:
        self.key = key
        self.args = args

    def render(self, language: str = "en") -> str:
        template = catalogue(language).pgettext(CORE, self.key)
        return template.format(
            **{name: shown(value, language) for name, value in self.args.items()}
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.args) == (other.key, other.args)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.args!r})"


class Texts(Mapping[str, str]):
    """One text in several languages, as data files give it (``{en = "…", zh = "…"}``): a
    read-only mapping language → text, called with a language to get the best one along the
    fallback chain (``zh_CN`` → ``zh`` → ``en``)."""

    __slots__ = ("_by_language",)

    def __init__(self, by_language: Mapping[str, str] | None = None, /, **more: str) -> None:
        self._by_language: dict[str, str] = {**(by_language or {}), **more}

    def __call__(self, language: str = "en") -> str:
        found = self._by_language
        return next((found[c] for c in chain(language) if found.get(c)), "")

    render = __call__

    def __getitem__(self, language: str) -> str:
        return self._by_language[language]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_language)

    def __len__(self) -> int:
        return len(self._by_language)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and self._by_language == dict(other)

    def __hash__(self) -> int:
        return hash(frozenset(self._by_language.items()))

    def __repr__(self) -> str:
        return f"Texts({dict(self._by_language)!r})"


def shown(value: Any, language: str) -> Any:
    """``value`` as a message argument in ``language``: messages, texts and errors rendered."""
    if isinstance(value, Message | Texts | QmsError):
        return value.render(language)
    return value


def rendered(render: Callable[[str], str]) -> dict[str, str]:
    """A text rendered now in every language there is a catalogue for (to keep as it was said,
    e.g. a finding's message): language → text."""
    return {language: render(language) for language in available()}


def text(message_key: str, /, language: str = "en", **params: Any) -> str:
    """The message ``message_key`` in ``language``, placeholders filled."""
    return Message(message_key, **params).render(language)


def one_or_many(count: float, one: str, many: str) -> str:
    """The key of a message that counts: ``one`` when ``count`` is exactly 1, else ``many``
    ("1 order" beside "3 orders"). English is the only language with two forms among ours;
    every other catalogue gives both keys the same text."""
    return one if count == 1 else many


def counted(count: float, one: str, many: str) -> Message:
    """A number with its noun (``count.lines``: "1 line", "3 lines"), to fill a placeholder
    of a longer message in that message's language; ``{count}`` is the number."""
    return Message(one_or_many(count, one, many), count=count)


def punctuation(name: str, language: str = "en") -> str:
    """A punctuation mark as ``language`` writes it: ``punctuation("colon", "zh_CN")`` → ``：``."""
    return catalogue(language).pgettext(PUNCTUATION, name)


def label(prefix: str, value: str, language: str = "en") -> str:
    """The label of an enum value, e.g. ``label("kind", "order", "zh_CN")`` → 订单."""
    return text(f"{prefix}.{value}", language)


def labelled(prefix: str, value: str) -> Message:
    """The label of an enum value, to be rendered later in the language of the message that
    shows it."""
    return Message(f"{prefix}.{value}")


class QmsError(Exception):
    """An error whose message a person can act on, in any language."""

    def __init__(self, message_key: str, /, **params: Any) -> None:
        self.key = message_key
        self.params = params
        super().__init__(text(message_key, "en", **params))

    def message(self, language: str = "en") -> str:
        return text(self.key, language, **self.params)

    render = message
