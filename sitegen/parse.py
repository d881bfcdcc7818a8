"""Read source files into located YAML data and Markdown bodies."""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .problems import Position, Problems
from .yamlsource import YMap, load_yaml


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
    return dataclasses.replace(document, digest=_digest(text)) if document else None


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
    return Document(path, document.data, "".join(lines[closing + 1:]), body_line=closing + 2, digest=_digest(text))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


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
