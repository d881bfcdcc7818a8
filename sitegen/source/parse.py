"""Read source files into located YAML data and Markdown bodies."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..foundation.fingerprints import digest
from ..foundation.limits import (MAX_FILE_BYTES, MAX_FOOTNOTE_REFERENCES, MAX_NESTING, most_cited_footnote, too_deep,
                                 too_many_unclosed)
from ..foundation.problems import Position, Problems
from .discover import SourceFile
from .yamlsource import YList, YMap, load_yaml


@dataclass(frozen=True)
class Document:
    """A parsed file: its YAML mapping (the whole file or the front matter) and its Markdown body."""

    path: str
    data: YMap
    body: str = ""
    body_line: int = 1  # file line on which the body starts
    digest: str = ""  # of the file's text: pages built from it are reused while it stays the same


def read_text(root: Path, path: str, problems: Problems) -> str | None:
    try:
        size = (root / path).stat().st_size
        if size > MAX_FILE_BYTES:
            problems.error(Position(path), "", f"the file has {size:,} bytes; a source file may have at most "
                           f"{MAX_FILE_BYTES:,}", "split the text into several pages or articles; put pictures and "
                           "documents in content/media/ and link them")
            return None
        return (root / path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = exc.object.count(b"\n", 0, exc.start) + 1
        column = exc.start - exc.object.rfind(b"\n", 0, exc.start)
        problems.error(Position(path, line, column), "", f"the file is not UTF-8 text (byte {exc.start})",
                       "save it as UTF-8 in your editor")
    except OSError as exc:
        problems.error(Position(path), "", f"cannot read the file: {exc.strerror}")
    return None


def parse_yaml_file(root: Path, path: str, problems: Problems) -> Document | None:
    text = read_text(root, path, problems)
    if text is None:
        return None
    before = len(problems)
    data = load_yaml(text, Position(path), problems)
    document = _as_document(path, data, problems, failed=len(problems) > before)
    if document:
        _check_values(document.data, Position(path), problems)
    return dataclasses.replace(document, digest=digest(text)) if document else None


def parse_markdown_file(root: Path, path: str, problems: Problems) -> Document | None:
    """Split `---` front matter from the Markdown body, keeping file line numbers."""
    text = read_text(root, path, problems)
    if text is None:
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.error(Position(path, 1, 1), "", "the file does not start with '---' front matter",
                       "begin with a line '---', then 'title: ...', then another '---'")
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if closing is None:
        problems.error(Position(path, 1, 1), "", "the front matter is not closed",
                       "add a line '---' after the last front matter field")
        return None
    before = len(problems)
    data = load_yaml("".join(lines[1:closing]), Position(path), problems, line_offset=1)
    document = _as_document(path, data, problems, failed=len(problems) > before)
    if document is None:
        return None
    body = "".join(lines[closing + 1:])
    _check_markdown(body, Position(path, closing + 2), True, "", problems)
    return Document(path, document.data, body, body_line=closing + 2, digest=digest(text))


def _check_markdown(text: str, start: Position, exact: bool, field: str, problems: Problems) -> None:
    """Report what would crash or stall converting a text; `exact`: `start` is its first line, else the value's place."""
    where = lambda line: start.at(start.line + line, 1) if exact else start  # noqa: E731
    if deep := too_deep(text):
        problems.error(where(deep[0]), field, f"the text nests lists or quotes {deep[1]} levels deep; Markdown allows at most "
                       f"{MAX_NESTING}", "indent less: each four spaces, each '- ' and each '>' at the start of a line opens a level")
    if (line := too_many_unclosed(text)) is not None:
        problems.error(where(line), field, "this paragraph has so many unclosed brackets ('[', '(' or '<') that "
                       "converting it would take minutes", "close each bracket, or write one meant as text as \\[, "
                       "\\( or &lt;")
    if cited := most_cited_footnote(text):
        problems.error(where(cited[0]), field, f"the footnote '[^{cited[1]}]' is referred to {cited[2]:,} times; "
                       f"a footnote may be referred to at most {MAX_FOOTNOTE_REFERENCES} times",
                       "refer to the note once per paragraph, or give repeated remarks their own notes")


def _check_values(data: YMap, position: Position, problems: Problems) -> None:
    """Every text in a YAML file may be Markdown: check them all, without recursing (YAML nests deep too)."""
    stack: list[tuple[object, str, tuple[int, int]]] = [(data, "", data.pos)]
    while stack:
        value, field, where = stack.pop()
        if isinstance(value, YMap):
            stack += [(item, f"{field}.{key}" if field else str(key), value.value_pos[key]) for key, item in value.items()]
        elif isinstance(value, YList):
            stack += [(item, f"{field}[{n}]", pos) for n, (item, pos) in enumerate(zip(value, value.item_pos))]
        elif isinstance(value, str):
            _check_markdown(value, position.at(*where), False, field, problems)


def _as_document(path: str, data: Any, problems: Problems, failed: bool) -> Document | None:
    if data is None and not failed:  # an empty file: its missing fields are reported later
        data = YMap()
        data.pos, data.key_pos, data.value_pos = (1, 1), {}, {}
    if isinstance(data, YMap):
        return Document(path, data)
    if data is not None:
        kind = "a list" if isinstance(data, list) else "a single value"
        problems.error(Position(path, 1, 1), "", f"the file must be a mapping of fields, not {kind}",
                       "write one 'key: value' line per field, e.g. 'title: {en: ...}'")
    return None


def parse_source(kind: str, source: SourceFile, root: Path, problems: Problems) -> Document | None:
    parse = parse_yaml_file if kind in ("program", "partner") else parse_markdown_file
    return parse(root, source.path, problems)
