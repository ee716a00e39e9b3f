"""The rule book of the automatic checks, read from ``resources/checks/rules.toml``: each
rule's kind, severity, checklist item and message in both languages, the vague-word lists and
the thresholds. Data, so a quality manager can adjust them without touching the code.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from qms_review.core.messages import Texts
from qms_review.core.store.models import FindingKind, Severity
from qms_review.resources import resource


@dataclass(frozen=True, slots=True)
class Found:
    """One finding of a check: what, how serious, where, and the checklist item it concerns."""

    rule: str
    kind: FindingKind
    severity: Severity
    field: str | None
    line_no: int | None
    messages: Texts  # the message in each language the rule book has
    item: str | None
    fingerprint: str

    def message(self, language: str) -> str:
        return self.messages(language)


@dataclass(frozen=True)
class Rule:
    key: str
    kind: FindingKind
    severity: Severity
    item: str | None
    items: Mapping[str, str]
    message: Texts


@dataclass(frozen=True)
class Vague:
    term: str
    pattern: re.Pattern[str]
    hints: tuple[str, ...]


class Rules:
    """The loaded rule book; :meth:`found` makes a :class:`Found` from a rule and its facts."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        settings = data["settings"]
        self.required_header: tuple[str, ...] = tuple(settings["required_header"])
        self.price_required_for: frozenset[str] = frozenset(settings["price_required_for"])
        self.amount_tolerance = Decimal(settings["amount_tolerance"])
        self.amount_tolerance_relative = Decimal(settings["amount_tolerance_relative"])
        self.drawing_revision = re.compile(settings["drawing_revision"])
        self.text_fields: tuple[str, ...] = tuple(settings["text_fields"])
        self.header_text_fields: tuple[str, ...] = tuple(settings["header_text_fields"])
        self.vague = [
            Vague(v["term"], re.compile(v["pattern"], re.I), tuple(h.lower() for h in v["hints"]))
            for v in data["vague"]
        ]
        self._hints = tuple(dict.fromkeys(h for v in self.vague for h in v.hints))
        # One pass finds whether a text has any vague word at all (most have none).
        self._any_vague = re.compile("|".join(f"(?:{v.pattern.pattern})" for v in self.vague), re.I)
        self._seen: dict[str, list[str]] = {}
        self.fields = {k: Texts(v) for k, v in data["fields"].items()}
        self.basis = {k: Texts(v) for k, v in data["basis"].items()}
        self.where = {k: Texts(v) for k, v in data["where"].items()}
        self.rules = {
            key: Rule(
                key,
                FindingKind(spec["kind"]),
                Severity(spec["severity"]),
                spec.get("item"),
                dict(spec.get("items", {})),
                Texts(spec["message"]),
            )
            for key, spec in data["rules"].items()
        }

    def vague_terms(self, value: str) -> list[str]:
        """The vague words in ``value``, each once, in the rule book's order (remembered: the
        same descriptions and remarks recur on line after line)."""
        known = self._seen.get(value)
        if known is not None:
            return known
        found = (
            [v.term for v in self.vague if v.pattern.search(value)]
            if self._any_vague.search(value)
            else []
        )
        if len(self._seen) > 200_000:
            self._seen.clear()
        self._seen[value] = found
        return found

    def vague_in(self, texts: list[str]) -> dict[int, list[str]]:
        """The vague words of each text that has any: {index in ``texts``: terms}.

        All texts are searched at once for the hints (plain substring search, ~20× faster
        than the patterns); only the texts holding a hint are matched against the patterns.
        """
        joined = "\n".join(texts)
        lower = joined.lower()
        if len(lower) != len(joined):  # a letter whose lower case is longer: match them all
            return {i: t for i, text in enumerate(texts) if (t := self.vague_terms(text))}
        ends = list(accumulate(len(t) + 1 for t in texts))
        candidates: set[int] = set()
        for hint in self._hints:
            at = lower.find(hint)
            while at >= 0:
                candidates.add(bisect_right(ends, at))
                at = lower.find(hint, at + 1)
        found = {}
        for index in sorted(candidates):
            terms = self.vague_terms(texts[index])
            if terms:
                found[index] = terms
        return found

    def field_name(self, field: str, language: str) -> str:
        """A field's name in a message; a source column as written."""
        names = self.fields.get(field)
        return names(language) if names else field

    def basis_name(self, basis: str, number: str, language: str) -> str:
        return self.basis[basis](language).format(number=number)

    def place(self, line: int | None, part: str | None, language: str) -> str:
        if line is None:
            return self.where["header"](language)
        return self.where["line"](language).format(line=line, part=part or "—")

    def found(
        self,
        rule_key: str,
        *,
        line: int | None = None,
        field: str | None = None,
        key: str = "",
        **params: Any,
    ) -> Found:
        """The finding of ``rule_key`` at ``line``/``field``; ``key`` tells apart findings of
        one rule at one place (it and the place make the fingerprint that keeps re-runs
        idempotent). Parameters named ``field``/``basis`` are translated."""
        rule = self.rules[rule_key]
        messages = {}
        for language, template in rule.message.items():
            values = {name: _shown(value) for name, value in params.items()}
            values["line"] = line
            if field is not None:
                values["field"] = self.field_name(field, language)
            if "basis" in params:
                basis, number = params["basis"]
                values["basis"] = self.basis_name(basis, number, language)
            if "{where}" in template:
                values["where"] = self.place(line, params.get("part"), language)
            messages[language] = template.format(**values)
        print_key = f"{rule_key}|{line}|{field}|{key}"
        return Found(
            rule_key,
            rule.kind,
            rule.severity,
            field,
            line,
            Texts(messages),
            rule.items.get(field or "", rule.item),
            hashlib.sha256(print_key.encode()).hexdigest(),
        )


def _shown(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if value is None:
        return "—"
    return value


def load(path: Path) -> Rules:
    return Rules(tomllib.loads(path.read_text(encoding="utf-8")))


@cache
def default() -> Rules:
    """The rule book that ships with the program."""
    return load(resource("checks", "rules.toml"))
