"""The rule book of the automatic checks, read from ``resources/checks/rules.toml``: each
rule's kind, severity, checklist item and message in both languages, the vague-word lists and
the thresholds. Data, so a quality manager can adjust them without touching the code.

The file is validated when it is loaded, the way checklist templates are: a broken one is
refused with a :class:`RulesError` naming the file, the place (``rules."clarity.vague".severity``)
and the problem, before any check runs.
"""

from __future__ import annotations

import hashlib
import re
import string
import tomllib
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import accumulate
from operator import add
from pathlib import Path
from typing import Any

from qms_review.core.catalogues import SOURCE
from qms_review.core.messages import Texts
from qms_review.core.orders.revisions import LINE_COLUMNS
from qms_review.core.refused import FileRefused
from qms_review.core.store.vocabulary import FindingKind, OrderKind, Severity
from qms_review.resources import resource

#: Each rule the checks raise, and the placeholders its messages may use: what the check
#: passes with it (``{where}``, the place in words, is always there).
PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    rule: frozenset(names.split()) | {"where"}
    for rule, names in {
        "clarity.header_missing": "field",
        "clarity.no_part_number": "line field",
        "clarity.quantity_missing": "line field part",
        "clarity.quantity_not_positive": "line field part value",
        "clarity.no_unit": "line field part value",
        "clarity.price_missing": "line field part",
        "clarity.price_zero": "line field part",
        "clarity.no_delivery_date": "line field part",
        "clarity.date_before_order": "line field part value order_date",
        "clarity.date_in_past": "line field part value received",
        "clarity.drawing_without_revision": "line field part value",
        "clarity.vague": "line field part value terms",
        "clarity.unreadable": "line field part value",
        "clarity.two_prices": "line field part count values lines",
        "clarity.two_revisions": "line field part count values lines",
        "clarity.two_units": "line field part count values lines",
        "clarity.amount_mismatch": "line field part value quantity price expected",
        "clarity.mixed_currencies": "line field part value currency",
        "capability.no_catalogue": "",
        "capability.unknown_part": "line field part",
        "capability.obsolete": "line field part value released",
        "capability.not_released": "line field part value released",
        "capability.below_min_lot": "line field part value limit",
        "capability.above_max_lot": "line field part value limit",
        "capability.lead_time": "line field part value days start lead earliest",
        "capability.capacity": "line field part value due this load start capacity weekly",
        "change.header": "field basis old new",
        "change.line_added": "line part basis new",
        "change.line_removed": "line part basis old",
        "change.line_changed": "line field part basis old new",
    }.items()
}
#: An order's header fields (what ``required_header`` and ``header_text_fields`` may name).
HEADER_FIELDS = ("order_date", "currency", "payment_terms", "delivery_terms", "buyer", "notes")
#: The line fields that hold text (what ``text_fields`` may name).
LINE_TEXT_FIELDS = (
    "part_number",
    "part_revision",
    "description",
    "unit",
    "currency",
    "drawing_number",
    "remarks",
)
#: Every field a message may name (the keys of ``[fields]`` and of a rule's ``items``).
FIELDS = tuple(dict.fromkeys((*HEADER_FIELDS, *LINE_COLUMNS)))
#: The texts in ``[basis]`` and ``[where]``, and the placeholders each may use.
BASIS = {"quotation": frozenset({"number"}), "previous": frozenset({"number"})}
WHERE = {"line": frozenset({"line", "part"}), "header": frozenset()}


class RulesError(FileRefused):
    """A rule book that cannot be used, and why (file, place, problem)."""

    def __init__(self, source: str, place: str, problem: str, **params: Any) -> None:
        super().__init__("rules.invalid", source, place, problem, **params)


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
    """The loaded rule book; :meth:`found` makes a :class:`Found` from a rule and its facts.

    Made from data that :func:`parse` has validated."""

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
        self._hint_letters = frozenset("".join(self._hints))
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
        hits: list[int] = []
        # a hint with a letter that no text holds is in none (a letter is found ~20× faster)
        letters = {letter for letter in self._hint_letters if letter in lower}
        for hint in self._hints:
            if not letters.issuperset(hint):
                continue
            at = lower.find(hint)
            while at >= 0:
                hits.append(at)
                at = lower.find(hint, at + 1)
        if not hits:  # the common case: no text holds a hint
            return {}
        # where each text ends in ``joined`` (its length, plus one for each "\n" before it)
        ends = list(map(add, accumulate(map(len, texts)), range(1, len(texts) + 1)))
        candidates = {bisect_right(ends, at) for at in hits}
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


def parse(content: str, source: str) -> Rules:
    """The rule book in ``content`` (TOML) or :class:`RulesError`; ``source`` names it."""
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(source, "", "rules.problem.syntax", error=str(exc)) from exc
    _Reader(source).book(data)
    return Rules(data)


def load(path: Path) -> Rules:
    """Read and validate a rule book file."""
    try:
        content = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise RulesError(str(path), "", "rules.problem.os", error=exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise RulesError(str(path), "", "rules.problem.encoding") from exc
    return parse(content, str(path))


def default() -> Rules:
    """The rule book in the resources folder (the one that ships, unless the program is
    pointed at another folder), read once per folder."""
    return _loaded(resource("checks", "rules.toml"))


@cache
def _loaded(path: Path) -> Rules:
    return load(path)


# --- validating -------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
#: A language's code as a data file names it: en, zh, zh_CN, sr_Latn, …
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Z][A-Za-z]{1,3})?$")


def _at(place: str, name: str | int) -> str:
    """The place of ``name`` inside ``place``, written as in TOML: ``rules."clarity.vague"``,
    ``vague[3]`` (counting from 1)."""
    if isinstance(name, int):
        return f"{place}[{name}]"
    key = name if _BARE_KEY.match(name) else '"' + name.replace('"', '\\"') + '"'
    return f"{place}.{key}" if place else key


def _shown_value(value: Any) -> str:
    """A value from the file as a person would recognise it in a message (in any language)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, dict):
        return "{ … }"
    if isinstance(value, list):
        return "[ … ]"
    return str(value)


class _Reader:
    """Walks the parsed TOML, checking each value where it is."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, place: str, problem: str, **params: Any) -> RulesError:
        return RulesError(self.source, place, f"rules.problem.{problem}", **params)

    def table(
        self,
        data: Mapping[str, Any],
        name: str,
        place: str,
        *,
        required: Iterable[str] = (),
        known: Iterable[str] | None = None,
    ) -> Mapping[str, Any]:
        """``data[name]``, a table holding the keys ``required`` and, when ``known`` is given,
        no others."""
        where = _at(place, name)
        value = data.get(name)
        if value is None:
            raise self.fail(place, "missing", name=name)
        return self.keys(value, where, required=required, known=known)

    def keys(
        self,
        value: Any,
        place: str,
        *,
        required: Iterable[str] = (),
        known: Iterable[str] | None = None,
    ) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(place, "not_table", value=_shown_value(value))
        required = tuple(required)
        for key in required:
            if key not in value:
                raise self.fail(place, "missing", name=key)
        if known is not None:
            allowed = (*required, *known)
            for key in value:
                if key not in allowed:
                    raise self.fail(place, "unknown_key", name=key)
        return value

    def string(self, data: Mapping[str, Any], name: str, place: str) -> str:
        value = data.get(name)
        if value is None:
            raise self.fail(place, "missing", name=name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(_at(place, name), "not_text", value=_shown_value(value))
        return value

    def one_of(self, data: Mapping[str, Any], name: str, place: str, allowed: Sequence[str]) -> str:
        value = self.string(data, name, place)
        if value not in allowed:
            raise self.fail(_at(place, name), "not_one_of", value=value, allowed=", ".join(allowed))
        return value

    def names(
        self, data: Mapping[str, Any], name: str, place: str, allowed: Sequence[str]
    ) -> list[str]:
        """A list of names from ``allowed``."""
        value = data.get(name)
        if value is None:
            raise self.fail(place, "missing", name=name)
        where = _at(place, name)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(where, "not_list", value=_shown_value(value))
        for entry in value:
            if entry not in allowed:
                raise self.fail(where, "not_one_of", value=entry, allowed=", ".join(allowed))
        return value

    def number(self, data: Mapping[str, Any], name: str, place: str) -> None:
        """A threshold: a number, zero or more (written as a number or as text, "0.01")."""
        value = data.get(name)
        if value is None:
            raise self.fail(place, "missing", name=name)
        try:
            number = None if isinstance(value, bool) else Decimal(str(value))
        except ArithmeticError:
            number = None
        if (
            not isinstance(value, str | int | float)
            or number is None
            or not number.is_finite()
            or number < 0
        ):
            raise self.fail(_at(place, name), "not_number", value=_shown_value(value))

    def pattern(self, data: Mapping[str, Any], name: str, place: str, flags: int = 0) -> None:
        value = self.string(data, name, place)
        try:
            re.compile(value, flags)
        except re.error as exc:
            raise self.fail(_at(place, name), "bad_pattern", error=str(exc)) from exc

    def bilingual(
        self, data: Mapping[str, Any], name: str, place: str, placeholders: frozenset[str] | None
    ) -> None:
        """``data[name]``: one text per language, { en = "…", zh = "…", … } — English always,
        any other language by its code — each using only ``placeholders`` (None: the text is
        shown as written, braces and all)."""
        texts = self.table(data, name, place, required=(SOURCE,))
        where = _at(place, name)
        for language in texts:
            if not LANGUAGE_CODE.match(language):
                raise self.fail(where, "unknown_key", name=language)
            value = self.string(texts, language, where)
            if placeholders is not None:
                self.placeholders(value, _at(where, language), placeholders)

    def placeholders(self, value: str, place: str, known: frozenset[str]) -> None:
        try:
            fields = list(_fields(value))
        except ValueError as exc:
            raise self.fail(place, "bad_placeholder", error=str(exc)) from exc
        for name in fields:
            if name not in known:
                raise self.fail(
                    place,
                    "unknown_placeholder",
                    name=name,
                    known=", ".join(f"{{{k}}}" for k in sorted(known)) or "—",
                )

    # --- the parts of the book ------------------------------------------------------------

    def book(self, data: Mapping[str, Any]) -> None:
        self.keys(
            data, "", required=("settings", "vague", "fields", "basis", "rules", "where"), known=()
        )
        self.settings(data)
        self.vague(data)
        fields = self.table(data, "fields", "", known=FIELDS)
        for name in fields:
            self.bilingual(fields, name, "fields", None)
        basis = self.table(data, "basis", "", required=BASIS, known=())
        for name, allowed in BASIS.items():
            self.bilingual(basis, name, "basis", allowed)
        where = self.table(data, "where", "", required=WHERE, known=())
        for name, allowed in WHERE.items():
            self.bilingual(where, name, "where", allowed)
        rules = self.keys(data["rules"], "rules")
        for key in rules:
            if key not in PLACEHOLDERS:
                raise self.fail("rules", "unknown_rule", name=key)
        for key in PLACEHOLDERS:
            self.rule(rules, key)

    def settings(self, data: Mapping[str, Any]) -> None:
        names = (
            "required_header",
            "price_required_for",
            "amount_tolerance",
            "amount_tolerance_relative",
            "drawing_revision",
            "text_fields",
            "header_text_fields",
        )
        settings = self.table(data, "settings", "", required=names, known=())
        self.names(settings, "required_header", "settings", HEADER_FIELDS)
        self.names(settings, "price_required_for", "settings", [k.value for k in OrderKind])
        self.number(settings, "amount_tolerance", "settings")
        self.number(settings, "amount_tolerance_relative", "settings")
        self.pattern(settings, "drawing_revision", "settings")
        self.names(settings, "text_fields", "settings", LINE_TEXT_FIELDS)
        self.names(settings, "header_text_fields", "settings", HEADER_FIELDS[1:])

    def vague(self, data: Mapping[str, Any]) -> None:
        entries = data["vague"]
        if not isinstance(entries, list) or not entries:
            raise self.fail("vague", "no_vague")
        for n, raw in enumerate(entries, start=1):
            place = _at("vague", n)
            entry = self.keys(raw, place, required=("term", "hints", "pattern"), known=())
            self.string(entry, "term", place)
            hints = entry["hints"]
            if (
                not isinstance(hints, list)
                or not hints
                or not all(isinstance(h, str) and h.strip() for h in hints)
            ):
                raise self.fail(_at(place, "hints"), "not_list", value=_shown_value(hints))
            self.pattern(entry, "pattern", place, re.I)

    def rule(self, rules: Mapping[str, Any], key: str) -> None:
        place = _at("rules", key)
        spec = self.table(
            rules, key, "rules", required=("kind", "severity", "message"), known=("item", "items")
        )
        self.one_of(spec, "kind", place, [k.value for k in FindingKind])
        self.one_of(spec, "severity", place, [s.value for s in Severity])
        if "item" in spec:
            self.string(spec, "item", place)
        if "items" in spec:
            items = self.table(spec, "items", place, known=FIELDS)
            for name in items:
                self.string(items, name, _at(place, "items"))
        self.bilingual(spec, "message", place, PLACEHOLDERS[key])


def _fields(template: str) -> Iterable[str]:
    """The placeholder names in a ``str.format`` template (``{value}``, ``{value:>8}``); a
    ValueError where the braces are not well formed."""
    for _text, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if conversion not in (None, "r", "s", "a"):
            raise ValueError(f"unknown conversion “!{conversion}”")
        yield re.split(r"[.\[]", name, maxsplit=1)[0]
        if spec:
            yield from _fields(spec)
