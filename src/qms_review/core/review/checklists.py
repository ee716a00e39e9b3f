"""Checklist templates: the data format, its validation, and how sector packs add to a template.

A template is one TOML file (``resources/checklists/``): a key, a version, a title in English and
Chinese, sections owned by a function, and items with their text, guidance, clause, allowed
answers, whether they are mandatory, whether "No" needs a disposition, and when they apply. A
sector pack has the same form with ``kind = "pack"`` and ``extends = "<template key>"``: its
sections add items to the template's sections of the same key, or add new sections.

A file is validated when it is loaded; a broken one is refused with a :class:`TemplateError`
naming the file, the place (``sections[3].items[2]``) and the problem.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from qms_review.core.catalogues import SOURCE
from qms_review.core.messages import Texts
from qms_review.core.refused import FileRefused
from qms_review.core.store.vocabulary import Answer, Function, OrderKind
from qms_review.core.text_fields import forbidden
from qms_review.resources import resource

#: Who may own a section: the organisation's functions and the approver.
OWNERS = tuple(f.value for f in Function if f is not Function.ADMINISTRATOR)
#: Conditions an item may apply under (``when`` = all of them, ``when_any`` = one of them).
CONDITIONS = (
    "bid",
    "order",
    "amendment",
    "first_revision",
    "verbal",
    "has_drawings",
    "has_quotation",
)
#: Order fields whose change re-opens sections (``[change_impact]``), plus added/removed lines.
IMPACT_FIELDS = (
    "part_number",
    "part_revision",
    "quantity",
    "unit",
    "unit_price",
    "delivery_date",
    "drawing_number",
    "currency",
    "payment_terms",
    "delivery_terms",
    "added",
    "removed",
)
KINDS = ("template", "pack")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_.\-]{0,59}$")
_VERSION = re.compile(r"^\d+(\.\d+){0,3}$")
BUILTIN_FOLDER = ("checklists",)
BUILTIN_SOURCE = "built-in"


class TemplateError(FileRefused):
    """A template file that cannot be used, and why (file, place, problem)."""

    def __init__(self, source: str, place: str, problem: str, **params: Any) -> None:
        super().__init__("template.invalid", source, place, problem, **params)


#: A text in several languages, ``{ en = "…", zh = "…" }`` in the file.
Text = Texts


@dataclass(frozen=True)
class Item:
    key: str
    text: Text
    guidance: Text
    clause: str
    answers: tuple[Answer, ...] = (Answer.YES, Answer.NO, Answer.NOT_APPLICABLE)
    mandatory: bool = True
    no_needs_disposition: bool = True
    when: tuple[str, ...] = ()
    when_any: tuple[str, ...] = ()
    pack: str | None = None  # the sector pack that added it

    def applies(self, facts: Iterable[str]) -> bool:
        """Whether the item applies to an order with these facts (see :func:`facts_of`)."""
        have = set(facts)
        return all(c in have for c in self.when) and (
            not self.when_any or any(c in have for c in self.when_any)
        )


@dataclass(frozen=True)
class Section:
    key: str
    title: Text
    function: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Template:
    key: str
    version: str
    kind: str
    title: Text
    sections: tuple[Section, ...]
    extends: str | None = None
    change_impact: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sha256: str = ""
    source: str = ""

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def item(self, key: str) -> Item | None:
        return next((i for i in self.items if i.key == key), None)

    def section_named(self, typed: str) -> Section | None:
        """The section ``typed`` names: its key or its title in any language, in any case
        (quotes around it allowed); None when none is."""
        wanted = typed.strip().strip("“”\"'").strip().casefold()
        return next(
            (
                s
                for s in self.sections
                if wanted == s.key.casefold()
                or any(wanted == t.strip().casefold() for t in s.title.values())
            ),
            None,
        )

    def section_of(self, item_key: str) -> Section | None:
        return next((s for s in self.sections if any(i.key == item_key for i in s.items)), None)

    @property
    def functions(self) -> list[str]:
        """The owners of its sections, in order of first appearance."""
        return list(dict.fromkeys(s.function for s in self.sections))


def facts_of(
    kind: OrderKind, revision: int, verbal: bool, has_drawings: bool, has_quotation: bool
) -> set[str]:
    """The conditions an order revision meets, for :meth:`Item.applies`."""
    facts = {"bid" if kind in (OrderKind.ENQUIRY, OrderKind.BID, OrderKind.QUOTATION) else "order"}
    facts.add("amendment" if revision > 1 else "first_revision")
    for name, holds in (
        ("verbal", verbal),
        ("has_drawings", has_drawings),
        ("has_quotation", has_quotation),
    ):
        if holds:
            facts.add(name)
    return facts


def version_key(version: str) -> tuple[int, ...]:
    """A version for comparing: "1.10" comes after "1.9"."""
    return tuple(int(part) for part in version.split("."))


def digest(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


# --- loading and validating -----------------------------------------------------------------


def parse(content: str, source: str) -> Template:
    """The template in ``content`` (TOML) or :class:`TemplateError`; ``source`` names it."""
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(source, "", "template.problem.syntax", error=str(exc)) from exc
    return _Reader(source).template(data, digest(content))


def load(path: Path) -> Template:
    """Read and validate a template file."""
    try:
        content = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise TemplateError(
            path.name, "", "template.problem.os", error=exc.strerror or str(exc)
        ) from exc
    except UnicodeDecodeError as exc:
        raise TemplateError(path.name, "", "template.problem.encoding") from exc
    return parse(content, path.name)


def builtin_files() -> list[Path]:
    return sorted(resource(*BUILTIN_FOLDER).glob("*.toml"))


class _Reader:
    """Walks the parsed TOML, checking each value where it is."""

    def __init__(self, source: str) -> None:
        self.source = source
        # The languages of the file's first text (its title): every other text needs them too,
        # so a template is translated into a language completely or not at all.
        self.languages: tuple[str, ...] = ()

    def fail(self, place: str, problem: str, **params: Any) -> TemplateError:
        return TemplateError(self.source, place, f"template.problem.{problem}", **params)

    def table(self, data: Any, place: str) -> Mapping[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(place, "not_table")
        return data

    def string(self, data: Mapping[str, Any], name: str, place: str, required: bool = True) -> str:
        value = data.get(name)
        if value is None and not required:
            return ""
        if value is None:
            raise self.fail(place, "missing", name=name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(place, "not_text", name=name, value=repr(value))
        bad = forbidden(value)
        if bad is not None:
            raise self.fail(place, "forbidden_character", name=name, position=bad[0], code=bad[1])
        return value.strip()

    def text(self, data: Mapping[str, Any], name: str, place: str, required: bool = True) -> Text:
        value = data.get(name)
        if value is None and not required:
            return Text()
        if value is None:
            raise self.fail(place, "missing", name=name)
        if not isinstance(value, dict):
            raise self.fail(place, "not_bilingual", name=name)
        where = f"{place}.{name}" if place else name
        if not self.languages:
            self.languages = (SOURCE, *sorted(set(value) - {SOURCE}))
        wanted = dict.fromkeys((*self.languages, *value))
        return Text({language: self.string(value, language, where) for language in wanted})

    def flag(self, data: Mapping[str, Any], name: str, place: str, default: bool) -> bool:
        value = data.get(name, default)
        if not isinstance(value, bool):
            raise self.fail(place, "not_flag", name=name, value=repr(value))
        return value

    def choices(
        self, data: Mapping[str, Any], name: str, place: str, allowed: Sequence[str]
    ) -> tuple[str, ...]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(place, "not_list", name=name, value=repr(value))
        for entry in value:
            if entry not in allowed:
                raise self.fail(
                    place, "unknown_choice", name=name, value=entry, allowed=", ".join(allowed)
                )
        return tuple(value)

    def key(self, data: Mapping[str, Any], place: str) -> str:
        key = self.string(data, "key", place)
        if not _KEY.match(key):
            raise self.fail(place, "bad_key", value=key)
        return key

    def template(self, data: Mapping[str, Any], sha256: str) -> Template:
        key = self.key(data, "")
        version = self.string(data, "version", "")
        if not _VERSION.match(version):
            raise self.fail("version", "bad_version", value=version)
        kind = self.string(data, "kind", "", required=False) or "template"
        if kind not in KINDS:
            raise self.fail(
                "kind", "unknown_choice", name="kind", value=kind, allowed=", ".join(KINDS)
            )
        extends = self.string(data, "extends", "", required=False) or None
        if (kind == "pack") != (extends is not None):
            raise self.fail("extends", "pack_extends")
        title = self.text(data, "title", "")
        raw_sections = data.get("sections")
        if not isinstance(raw_sections, list) or not raw_sections:
            raise self.fail("sections", "no_sections")
        sections = [
            self.section(s, f"sections[{n}]", kind, key)
            for n, s in enumerate(raw_sections, start=1)
        ]
        self.unique(sections)
        impact = self.impact(data.get("change_impact", {}))
        return Template(
            key, version, kind, title, tuple(sections), extends, impact, sha256, self.source
        )

    def section(self, raw: Any, place: str, kind: str, template_key: str) -> Section:
        data = self.table(raw, place)
        key = self.key(data, place)
        place = f'{place} "{key}"'
        # A pack's section that adds to one of the template's may leave title and owner out.
        adding = kind == "pack" and "title" not in data
        title = self.text(data, "title", place, required=not adding)
        function = self.string(data, "function", place, required=not adding)
        if function and function not in OWNERS:
            raise self.fail(
                place, "unknown_choice", name="function", value=function, allowed=", ".join(OWNERS)
            )
        raw_items = data.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            raise self.fail(place, "no_items")
        pack = template_key if kind == "pack" else None
        items = tuple(
            self.item(i, f"{place}.items[{n}]", pack) for n, i in enumerate(raw_items, start=1)
        )
        return Section(key, title, function, items)

    def item(self, raw: Any, place: str, pack: str | None) -> Item:
        data = self.table(raw, place)
        key = self.key(data, place)
        place = f'{place} "{key}"'
        known = {
            "key",
            "text",
            "guidance",
            "clause",
            "answers",
            "mandatory",
            "no_needs_disposition",
            "when",
            "when_any",
        }
        for name in data:
            if name not in known:
                raise self.fail(place, "unknown_field", name=name)
        answers = self.choices(data, "answers", place, [a.value for a in Answer]) or tuple(
            a.value for a in Answer
        )
        if Answer.YES.value not in answers:
            raise self.fail(place, "needs_yes")
        return Item(
            key=key,
            text=self.text(data, "text", place),
            guidance=self.text(data, "guidance", place, required=False),
            clause=self.string(data, "clause", place),
            answers=tuple(Answer(a) for a in answers),
            mandatory=self.flag(data, "mandatory", place, True),
            no_needs_disposition=self.flag(data, "no_needs_disposition", place, True),
            when=self.choices(data, "when", place, CONDITIONS),
            when_any=self.choices(data, "when_any", place, CONDITIONS),
            pack=pack,
        )

    def unique(self, sections: Sequence[Section]) -> None:
        seen_sections: set[str] = set()
        seen_items: set[str] = set()
        for n, section in enumerate(sections, start=1):
            if section.key in seen_sections:
                raise self.fail(f"sections[{n}]", "duplicate_key", value=section.key)
            seen_sections.add(section.key)
            for m, item in enumerate(section.items, start=1):
                if item.key in seen_items:
                    raise self.fail(f"sections[{n}].items[{m}]", "duplicate_key", value=item.key)
                seen_items.add(item.key)

    def impact(self, raw: Any) -> dict[str, tuple[str, ...]]:
        data = self.table(raw, "change_impact")
        impact = {}
        for name in data:
            if name not in IMPACT_FIELDS:
                raise self.fail(
                    "change_impact",
                    "unknown_choice",
                    name="change_impact",
                    value=name,
                    allowed=", ".join(IMPACT_FIELDS),
                )
            impact[name] = self.choices(data, name, "change_impact", OWNERS)
        return impact


def compose(base: Template, packs: Sequence[Template]) -> Template:
    """The template with the packs' sections and items added (packs in the order given).

    A pack section with the key of one of the template's sections adds its items there;
    any other becomes a new section before the template's last section (the decision).
    """
    sections = list(base.sections)
    impact = {name: tuple(owners) for name, owners in base.change_impact.items()}
    for pack in packs:
        if pack.extends != base.key:
            raise TemplateError(
                pack.source or pack.key,
                "extends",
                "template.problem.wrong_base",
                pack=pack.key,
                base=base.key,
            )
        for added in pack.sections:
            at = next((n for n, s in enumerate(sections) if s.key == added.key), None)
            if at is not None:
                sections[at] = replace(sections[at], items=sections[at].items + added.items)
            elif not added.function or not added.title.get(SOURCE):
                raise TemplateError(
                    pack.source or pack.key,
                    f'section "{added.key}"',
                    "template.problem.unknown_section",
                    base=base.key,
                )
            else:
                sections.insert(max(len(sections) - 1, 0), added)
        for name, owners in pack.change_impact.items():
            impact[name] = tuple(dict.fromkeys((*impact.get(name, ()), *owners)))
    composed = replace(base, sections=tuple(sections), change_impact=impact)
    _Reader(base.source).unique(composed.sections)
    return composed
