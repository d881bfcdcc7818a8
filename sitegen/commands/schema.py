"""`build.py schema`: JSON Schemas of the site's files for editors' editors (completion, hover help, inline
errors), made from the shapes the validator's readers record and the site's own choices.

They use the keywords draft-07 and 2020-12 share, since the YAML extension of VS Code validates with
draft-07 rules; hover help is `markdownDescription` (English, then Russian), which that extension shows.
"""
from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from pathlib import Path
from typing import Any

from ..foundation import limits
from ..foundation.model import SECTIONS, SLUG, Site
from ..foundation.problems import Position, Problems
from ..foundation.walk import look
from ..source.characters import LINE_BREAK, PLACEHOLDER
from ..source.discover import Sources, discover
from ..source.fees import CURRENCIES
from ..source.load import read_site
from ..source.shapes import KINDS, Field, Shape, record
from ..source.validate import COUNTRIES, Known
from ..source.fieldhelp import help_for

FOLDER = Path(".sitegen") / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_YEARS = "|".join(sorted({str(year // 100) for year in range(limits.FIRST_DATE.year, limits.LAST_DATE.year + 1)}))
_DATE = f"^({_YEARS})[0-9]{{2}}-[0-9]{{2}}-[0-9]{{2}}$"
_TEXT = {"pattern": r"\S", "not": {"pattern": PLACEHOLDER.pattern}}  # not empty, not a <<placeholder>>
_ONE_LINE = {"not": {"pattern": rf"\S\s*{LINE_BREAK.pattern}\s*\S"}}  # the validator strips around the text


def schema_file(kind: str) -> str:
    """Where the schema of `kind` is written, relative to the site's root."""
    return (FOLDER / f"{kind}.json").as_posix()


def run_schema(root: Path) -> int:
    problems = Problems()
    written = write_schemas(root, problems)
    if written is None:
        for problem in problems.sorted():
            print(problem.format())
        print("No schemas were written.")
        return 1
    print(f"Wrote {len(written)} schemas to {FOLDER.as_posix()}/ ({', '.join(written)}).")
    return 0


def write_schemas(root: Path, problems: Problems) -> list[str] | None:
    """Write (where changed) the schema of every kind of file; None when site.yaml cannot be used."""
    sources = discover(root, Problems())
    site = read_site(root, sources, problems)
    if site is None:
        return None
    folder = root / FOLDER
    if look(folder, root).kind not in ("folder", "missing") or look(folder.parent, root).kind not in ("folder", "missing"):
        return _cannot_write(problems, f"{FOLDER.as_posix()} is not a plain folder of the site")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for kind, schema in make_schemas(site, sources).items():
            _write(folder / f"{kind}.json", json.dumps(schema, ensure_ascii=False, indent=1) + "\n")
    except OSError as exc:  # a read-only checkout
        return _cannot_write(problems, exc.strerror or str(exc))
    return [f"{kind}.json" for kind in KINDS]


def _cannot_write(problems: Problems, reason: str) -> None:
    problems.error(Position(FOLDER.as_posix()), "", f"the editors' schemas cannot be written: {reason}",
                   f"remove the link or file named {FOLDER.parts[0]}, or make the site's folder writable; "
                   "the schemas are made again")


def _write(target: Path, text: str) -> None:
    """Replace the file itself, never what a link in its place leads to; unchanged files are left alone."""
    if target.is_file() and not target.is_symlink() and target.read_text(encoding="utf-8") == text:
        return
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)


def make_schemas(site: Site, sources: Sources) -> dict[str, dict]:
    """Each kind's schema in this site: its fields, languages and the values it may refer to."""
    known = Known(site=site, today=dt.date.today(),  # the date only decides warnings, which schemas do not show
                  programs=frozenset(s.slug for s in sources.programs),
                  partners=frozenset(s.slug for s in sources.partners),
                  media=frozenset(p.removeprefix("content/media/") for p in sources.media),
                  logos=frozenset(p.removeprefix("partners/logos/") for p in sources.logos))
    pages = sorted(s.slug for s in sources.pages)
    schemas = {}
    for kind in KINDS:
        shape = record(kind, site, known, pages)
        refine(kind, shape, site, known, pages)
        what = {"site": "site.yaml", "news": "a news article's front matter",
                "page": "a page's front matter"}.get(kind, f"a {kind}")
        schemas[kind] = {"$schema": DRAFT, "title": f"{what} ({kind})",
                         **_object(kind, "", shape)}
    return schemas


def refine(kind: str, shape: Shape, site: Site, known: Known, pages: list[str]) -> None:
    """What the validator checks after a reader has read the value (a code in a list, a file in a folder)."""
    media = tuple(sorted(known.media))
    choices = {"country": tuple(sorted(COUNTRIES)), "image": media, "logo": tuple(sorted(known.logos)),
               "share_image": media, "timezone": tuple(sorted(zoneinfo.available_timezones()))}
    for key, values in choices.items():
        if key in shape.fields:
            shape.fields[key].choices = values
    for key in ("location", "fee"):
        if key in shape.fields:
            refine(kind, shape.fields[key].shape or Shape(), site, known, pages)
    if "currency" in shape.fields:
        shape.fields["currency"].choices = tuple(sorted(CURRENCIES))
    names = {language.code: language.name for language in site.languages}
    if "field" in shape.fields:
        shape.fields["field"].labels = {key: " / ".join(title.values.values()) for key, title in site.fields.items()}
    if kind == "site":
        shape.fields["menu"].choices = (*SECTIONS, *pages)
        shape.fields["default_language"].labels = names
        languages = shape.fields["languages"].shape or Shape()
        languages.fields["fallback"].choices = site.codes
        languages.fields["fallback"].labels = names


def _extra(kind: str, path: str, found: Field) -> dict:
    """The schema of values a reader takes as they come ('raw'), or that the validator reads further."""
    if path == "fee":
        return {"oneOf": [{"const": "free"}, _object(kind, path, found.shape or Shape())]}
    if path == "fee.amount":
        return {"type": ["number", "string"], "exclusiveMinimum": 0, "maximum": int(limits.MAX_AMOUNT),
                "pattern": r"^\s*[0-9]+(\.[0-9]+)?\s*$"}
    if path == "duration":
        return {"minProperties": 1, "maxProperties": 1}
    if kind == "site" and path == "fields":
        # Each key of 'fields' is read as a localized title; the keys themselves are the site's choice.
        value = _value(kind, path, Field("localized", max_length=limits.TITLE, one_line=True),
                       found.shape.languages if found.shape else ())
        return {"propertyNames": {"pattern": SLUG.pattern.replace(r"\Z", "$")}, "additionalProperties": value,
                "properties": {}}
    return {}


def _object(kind: str, prefix: str, shape: Shape) -> dict:
    properties = {key: _property(kind, f"{prefix}{key}", found, shape.languages)
                  for key, found in shape.fields.items()}
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [key for key, found in shape.fields.items() if found.required]
    if required:
        schema["required"] = required
    if shape.conditions:
        schema["allOf"] = [{"if": {"properties": {key: {"type": "null"} if value is None else {"const": value}
                                                  for key, value in given.items()}},
                            "then": {"required": list(needed)}} for given, needed in shape.conditions]
    return schema


def _property(kind: str, path: str, found: Field, languages: tuple[str, ...]) -> dict:
    schema = _value(kind, path, found, languages)
    schema.update(_extra(kind, path, found))
    if found.labels:  # the YAML extension shows a value's label when the value is pointed at
        enum = schema.get("enum") or schema.get("items", {}).get("enum") or []
        (schema if "enum" in schema else schema["items"])["markdownEnumDescriptions"] = [
            found.labels.get(value, "") for value in enum]
    if not found.required:
        schema = _nullable(schema)  # 'key:' with no value is an optional field left out
    return {**_help(kind, path, found, languages), **schema}


def _value(kind: str, path: str, found: Field, languages: tuple[str, ...]) -> dict:
    if found.kind == "localized":
        return {"type": "object", "minProperties": 1, "additionalProperties": False,
                "properties": {code: _nullable(_text(languages, found.max_length, found.one_line)) for code in languages}}
    if found.choices is not None and found.kind in ("enum_list", "list"):
        return {"type": "array", "items": {"enum": list(found.choices)},
                **({"uniqueItems": True} if found.kind == "enum_list" else {}),
                **({"minItems": found.min_items} if found.min_items else {})}
    if found.choices is not None:
        return {"enum": list(found.choices)}
    if found.kind == "list":
        item = _object(kind, f"{path}.", found.shape) if found.shape and found.shape.fields else {}
        return {"type": "array", "items": item, **({"minItems": found.min_items} if found.min_items else {})}
    if found.kind == "mapping":
        return _object(kind, f"{path}.", found.shape or Shape())
    if found.kind == "date":
        return {"type": "string", "pattern": _DATE, "format": "date"}
    if found.kind == "integer":
        return {"type": "integer", "minimum": found.minimum,
                **({"maximum": found.maximum} if found.maximum is not None else {})}
    if found.kind == "boolean":
        return {"type": "boolean"}
    if found.kind in ("url", "email"):
        schema = {**_text(languages, found.max_length, True), "type": "string"}
        return {**schema, "pattern": r"^\s*https?://\S" if found.kind == "url" else r"^\s*[^@\s]+@[^@\s]+\s*$"}
    if found.kind in ("text", "phone"):
        return _text(languages, found.max_length, found.one_line)
    return {}


def _text(languages: tuple[str, ...], max_length: int | None, one_line: bool) -> dict:
    # A number is text too ('title: 2026'); booleans, lists and mappings are not.
    schema: dict[str, Any] = {"type": ["string", "number"], **_TEXT}
    if max_length:
        schema["maxLength"] = max_length
    if one_line:
        schema["allOf"] = [_ONE_LINE]
    return schema


def _nullable(schema: dict) -> dict:
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if "oneOf" in schema:
        return {**schema, "oneOf": [*schema["oneOf"], {"type": "null"}]}
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": [*types, "null"]}
    return schema


def _help(kind: str, path: str, found: Field, languages: tuple[str, ...]) -> dict:
    texts = help_for(kind, path) or ("", "")
    facts = [("Required.", "Обязательное поле.")] if found.required else []
    if found.kind == "localized":
        facts.append((f"One text per language: {', '.join(languages)}.",
                      f"По тексту на каждом языке: {', '.join(languages)}."))
    if found.max_length:
        line = (" on one line", " в одну строку") if found.one_line else ("", "")
        facts.append((f"At most {found.max_length} characters{line[0]}.",
                      f"Не более {found.max_length} символов{line[1]}."))
    english = " ".join([texts[0], *(en for en, _ in facts)]).strip()
    russian = " ".join([texts[1], *(ru for _, ru in facts)]).strip()
    return {"description": english, "x-description-ru": russian, "markdownDescription": f"{english}\n\n{russian}"}
