"""Translation files for translators' tools: XLIFF 2.0 written and read with the standard library's XML tools,
PO with Babel. A unit is named by its item and field ('programs/x.yaml#title'): in XLIFF the file's `original`
and the unit's id, in PO the message context. The digest of the source text rides along, so an import can tell
a source that changed since the export."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Sequence
from xml.parsers import expat

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from .translations_units import Unit

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
DIGEST = "source-digest"
DIGEST_NOTE = "source digest: "


@dataclass(frozen=True)
class Entry:
    """One unit read back from a translation file."""

    id: str  # item#name
    target: str  # '' when not translated
    digest: str
    line: int
    column: int


@dataclass(frozen=True)
class Read:
    language: str | None  # the target language the file names
    entries: list[Entry]


class Unreadable(ValueError):
    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def write_xliff(units: Sequence[Unit], source_language: str, code: str) -> bytes:
    # Tags are plain names under an xmlns attribute: ET.register_namespace would change, for the whole process,
    # the prefixes of every other document ElementTree writes (the sitemaps).
    root = ET.Element("xliff", {"xmlns": XLIFF, "version": "2.0", "srcLang": source_language, "trgLang": code})
    files: dict[str, ET.Element] = {}
    for unit in units:
        if unit.item not in files:
            files[unit.item] = ET.SubElement(root, "file", {"id": unit.item.replace("/", ":"), "original": unit.item})
        element = ET.SubElement(files[unit.item], "unit", {"id": unit.name, "name": unit.id})
        notes = ET.SubElement(element, "notes")
        for text in unit.notes:
            ET.SubElement(notes, "note", {"category": "location"}).text = text
        if unit.source_language != source_language:
            ET.SubElement(notes, "note", {"category": "source-language"}).text = \
                f"the source text is in {unit.source_language}"
        ET.SubElement(notes, "note", {"category": DIGEST}).text = unit.digest
        state = "translated" if unit.state == "current" else "initial"
        segment = ET.SubElement(element, "segment", {"state": state})
        space = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}
        ET.SubElement(segment, "source", space).text = unit.source
        if unit.target is not None:
            ET.SubElement(segment, "target", space).text = unit.target
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_po_file(units: Sequence[Unit], locale: str, code: str) -> bytes:
    catalog = Catalog(locale=_locale(locale, code), project="site content", fuzzy=False)
    for unit in units:
        comments = [*unit.notes, f"the source text is in {unit.source_language}", DIGEST_NOTE + unit.digest]
        catalog.add(unit.source, unit.target or "", auto_comments=comments, context=unit.id,
                    flags=("fuzzy",) if unit.state == "stale" else ())
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_previous=False)
    return out.getvalue()


def _locale(locale: str, code: str) -> Locale | str:
    for name in (locale, code):
        try:
            return Locale.parse(name)
        except (ValueError, UnknownLocaleError):
            continue
    return code


def read_translation_file(data: bytes) -> Read:
    """The units of an XLIFF 2.0 or PO file; Unreadable with the place of what is wrong."""
    return _read_xliff(data) if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else _read_po(data)


def _read_po(data: bytes) -> Read:
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", 0) or 0
        raise Unreadable(f"it is not a PO file: {exc}", line, 1 if line else 0) from None
    entries = []
    for message in catalog:
        if not message.id:  # the header
            continue
        digest = next((c[len(DIGEST_NOTE):] for c in message.auto_comments if c.startswith(DIGEST_NOTE)), "")
        target = message.string if isinstance(message.string, str) else ""
        entries.append(Entry(message.context or "", "" if message.fuzzy and not target else target, digest,
                             message.lineno, 1))
    language = str(catalog.locale) if catalog.locale else catalog.locale_identifier
    return Read(language or None, entries)


def _read_xliff(data: bytes) -> Read:
    """Units as the file lists them, each with the line and column of its `<unit>` tag (expat gives them)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    stack: list[str] = []
    state = {"language": None, "original": "", "unit": None, "digest": "", "target": None, "in": None}
    entries: list[Entry] = []
    where = {"line": 0, "column": 0}

    def start(name: str, attributes: dict) -> None:
        local = name.split(" ")[-1]
        if not stack and (name != f"{XLIFF} xliff" or attributes.get("version") != "2.0"):
            raise Unreadable("it is not an XLIFF 2.0 file (its root element is not <xliff version=\"2.0\"> in the "
                             "XLIFF 2.0 namespace)", parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        stack.append(local)
        if local == "xliff":
            state["language"] = attributes.get("trgLang")
        elif local == "file":
            state["original"] = attributes.get("original", "")
        elif local == "unit":
            state.update(unit=attributes.get("id", ""), digest="", target=None)
            where.update(line=parser.CurrentLineNumber, column=parser.CurrentColumnNumber + 1)
        elif local == "note" and attributes.get("category") == DIGEST or local == "target":
            state["in"] = local
            if local == "target":
                state["target"] = state["target"] or ""  # a unit split into segments: their targets in turn
            else:
                state["digest"] = ""

    def end(name: str) -> None:
        local = stack.pop()
        if local in ("note", "target"):
            state["in"] = None
        if local == "unit":
            entries.append(Entry(f"{state['original']}#{state['unit']}", state["target"] or "",
                                 state["digest"].strip(), where["line"], where["column"]))

    def text(data: str) -> None:
        if state["in"] == "target":
            state["target"] += data
        elif state["in"] == "note":
            state["digest"] += data

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise Unreadable(f"it is not well-formed XML: {expat.errors.messages[exc.code]}", exc.lineno,
                         exc.offset + 1) from None
    return Read(state["language"], entries)
