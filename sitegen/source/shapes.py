"""The shape of each kind of editors' file, recorded by running the validator's own readers on a recorder:
which keys a file may hold, which are required (and when), and what each reader accepts.

Nothing here restates a field: a new field, a changed limit or a new choice reaches the shapes (and the
editors' schemas made from them) the moment the validator reads it.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Callable, Iterable

from ..foundation import limits
from ..foundation.model import Language, Site
from ..foundation.problems import Position, Problems
from .discover import SourceFile
from .siteconfig import read_languages, read_settings
from .validate import Known, read_article, read_partner, read_program
from .yamlsource import YMap

KINDS = ("program", "partner", "news", "page", "site")


@dataclass
class Field:
    """One key as its reader reads it. `kind` names the reader: text, localized, enum, enum_list, list, date,
    integer, boolean, url, email, phone, mapping or raw; `shape` is a mapping's (or a list item's) own fields."""

    kind: str
    required: bool = False
    max_length: int | None = None
    one_line: bool = False
    choices: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | Decimal | None = None
    min_items: int = 0
    labels: dict[str, str] = field(default_factory=dict)  # what a choice stands for, shown beside it
    also: set[str] = field(default_factory=set)  # other readers that read the key too ('fee': raw, then mapping)
    shape: "Shape | None" = None


@dataclass
class Shape:
    """The fields of one mapping, and the keys that become required when other keys have given values."""

    fields: dict[str, Field] = field(default_factory=dict)
    languages: tuple[str, ...] = ()  # the keys of a localized value
    # ({key: value or None for absent}, keys required then beyond those always required)
    conditions: list[tuple[dict[str, str | None], tuple[str, ...]]] = field(default_factory=list)


class Recorder:
    """Stands in for `fields.Reader`: answers each reader with 'not given' (or the value of `given`) and
    records what was asked."""

    def __init__(self, languages: tuple[str, ...], given: dict[str, Any] | None = None,
                 chains: tuple[Language, ...] = ()) -> None:
        self.shape = Shape(languages=languages)
        self.data: dict[str, Any] = dict(given or {})
        self.languages, self.chains, self.prefix = languages, chains, ""
        self.position, self.problems = Position("(schema)"), Problems()
        self.known: list[str] = []

    def _record(self, key: str, kind: str, required: bool = False, **facts: Any) -> Field:
        self.known.append(key)
        found = self.shape.fields.get(key)
        if found is None:
            found = self.shape.fields[key] = Field(kind, required, **facts)
        elif found.kind != kind:
            found.also.add(kind)
        return found

    def _given(self, key: str) -> Any:
        return self.data.get(key)

    # What the validator asks of a reader besides values: it is told that all is well.
    def name(self, key: str) -> str:
        return key

    def where(self, key: str | None = None, in_value: bool = True) -> Position:
        return self.position

    def error(self, *args: Any, **kwargs: Any) -> None:
        pass

    warning = report_over_maximum = error

    def check(self, key: str, ok: bool, message: str, hint: str = "") -> bool:
        return True

    def finish(self) -> None:
        pass

    # readers
    def raw(self, key: str, required: bool = False) -> Any:
        self._record(key, "raw", required)
        return self.data.get(key, YMap())  # a mapping, so that a value that may be one is read as one too

    def text(self, key: str, required: bool = False, max_length: int | None = None, one_line: bool = False) -> Any:
        self._record(key, "text", required, max_length=max_length, one_line=one_line)
        return self._given(key)

    def localized(self, key: str, required: bool = False, max_length: int | None = None, one_line: bool = False) -> Any:
        self._record(key, "localized", required, max_length=max_length, one_line=one_line)
        return self._given(key)

    def enum(self, key: str, choices: Iterable[str], required: bool = False, what: str = "value", hint: str = "") -> Any:
        self._record(key, "enum", required, choices=tuple(choices))
        return self._given(key)

    def enum_list(self, key: str, choices: Iterable[str], required: bool = False, min_items: int = 0,
                  what: str = "value", hint: str = "", suggest: Callable | None = None) -> tuple[str, ...]:
        self._record(key, "enum_list", required, choices=tuple(sorted(choices)), min_items=min_items)
        return ()

    def items(self, key: str, required: bool = False, min_items: int = 0) -> list[tuple[Any, Position]]:
        self._record(key, "list", required, min_items=min_items)
        return [(YMap(), self.position)]  # one item, so that a list of mappings shows its item's fields

    def reader_at(self, item: Any, position: Position, key: str, index: int) -> "Recorder":
        return self._nested(key)

    def date(self, key: str, required: bool = False) -> Any:
        self._record(key, "date", required)
        return self._given(key)

    def integer(self, key: str, required: bool = False, minimum: int = 1, maximum: int | None = None) -> Any:
        self._record(key, "integer", required, minimum=minimum, maximum=maximum)
        return self._given(key)

    def boolean(self, key: str) -> bool:
        self._record(key, "boolean")
        return False

    def url(self, key: str, required: bool = False) -> Any:
        self._record(key, "url", required, max_length=limits.URL, one_line=True)
        return self._given(key)

    def email(self, key: str) -> Any:
        self._record(key, "email", max_length=limits.EMAIL, one_line=True)
        return None

    def phone(self, key: str) -> Any:
        self._record(key, "phone", max_length=limits.NAME, one_line=True)
        return None

    def mapping(self, key: str, required: bool = False) -> "Recorder":
        self._record(key, "mapping", required)
        return self._nested(key)

    def _nested(self, key: str) -> "Recorder":
        child = Recorder(self.languages, chains=self.chains)
        child.shape = self.shape.fields[key].shape = self.shape.fields[key].shape or child.shape
        return child


def record(kind: str, site: Site, known: Known, page_slugs: Iterable[str] = ()) -> Shape:
    """The shape of a file of `kind` ('program', 'partner', 'news', 'page' or 'site') in this site."""
    def run(given: dict[str, Any]) -> Recorder:
        recorder = Recorder(site.codes, given, site.languages)
        if kind == "site":
            recorder.languages = ()  # as the validator reads them: before the site's codes are known
            read_languages(recorder)  # type: ignore[arg-type]
            recorder.languages = site.codes
            read_settings(recorder, list(site.languages), set(page_slugs), known.media)  # type: ignore[arg-type]
        elif kind == "program":
            read_program(recorder, SourceFile("programs/x.yaml", "x"), known)  # type: ignore[arg-type]
        elif kind == "partner":
            read_partner(recorder, SourceFile("partners/x.yaml", "x"), known)  # type: ignore[arg-type]
        else:
            read_article(recorder, SourceFile("x", "x", site.codes[0]), kind, known)  # type: ignore[arg-type]
        return recorder
    shape = run({}).shape
    _record_conditions(shape, run)
    return shape


def _record_conditions(shape: Shape, run: Callable[[dict[str, Any]], Recorder]) -> None:
    """Keys required only when another key has a given value: every choice of every enumerated key that
    changes what is required is tried, together with the other such keys' choices."""
    def required(recorder: Recorder) -> set[str]:
        return {key for key, found in recorder.shape.fields.items() if found.required}

    base = required(run({}))
    deciding = {key: (None, *found.choices) for key, found in shape.fields.items()
                if found.kind == "enum" and found.choices
                and any(required(run({key: choice})) != base for choice in found.choices)}
    combinations = [dict(zip(deciding, values)) for values in itertools.product(*deciding.values())]
    outcomes = [(given, required(run({k: v for k, v in given.items() if v is not None}))) for given in combinations]
    always = set.intersection(*(needed for _, needed in outcomes)) if outcomes else base
    for key, found in shape.fields.items():
        shape.fields[key] = replace(found, required=key in always)
    shape.conditions = [(given, tuple(sorted(needed - always))) for given, needed in outcomes if needed - always]
