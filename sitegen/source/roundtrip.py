"""Changing a few texts in an editor's YAML or Markdown file and nothing else: YAML goes through ruamel.yaml's round
trip (comments, key order, quoting and flow style kept), a Markdown body is changed block by block in place."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

# Indentations tried in turn: the one under which the unchanged file comes back byte for byte is the file's own.
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0))
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


@dataclass(frozen=True)
class Change:
    """Set the text of one language of a localized value; `path` leads to the mapping of languages."""

    path: tuple[str, ...]
    language: str
    text: str
    order: Sequence[str]  # the site's languages: a new key goes after those before it


class LayoutNotKept(ValueError):
    """The file cannot be written back with its layout unchanged."""


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 1 << 16  # never re-wrap a line
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return yaml


def _dump(yaml: YAML, data: object) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _load(text: str) -> tuple[YAML, object]:
    """The data and the dumper that writes it back exactly; LayoutNotKept when none does."""
    for indent in INDENTS:
        yaml = _yaml(indent)
        try:
            data = yaml.load(text)
        except YAMLError as exc:
            raise LayoutNotKept(f"the YAML cannot be read: {str(exc).splitlines()[0]}") from None
        if data is None and not text.strip() or _dump(yaml, data) == text:
            return yaml, data if data is not None else CommentedMap()
    raise LayoutNotKept("its indentation is mixed, so writing it back would change more than the translated texts")


def _styled(old: object, text: str) -> object:
    """The new text in the style of the one it replaces; several lines as a literal block."""
    if isinstance(old, FoldedScalarString) and "\n" not in text.rstrip("\n"):
        return FoldedScalarString(text)
    if "\n" in text.rstrip("\n") or isinstance(old, LiteralScalarString):
        return LiteralScalarString(text)
    return text


def _set(data: CommentedMap, change: Change) -> None:
    mapping = data
    for key in change.path:
        if not isinstance(mapping.get(key), CommentedMap):
            mapping[key] = CommentedMap()
        mapping = mapping[key]
    if change.language in mapping:
        mapping[change.language] = _styled(mapping[change.language], change.text)
        return
    rank = {code: number for number, code in enumerate(change.order)}
    place = sum(1 for key in mapping if rank.get(key, -1) < rank.get(change.language, len(rank)))
    mapping.insert(place, change.language, _styled(None, change.text))


def edit_yaml(text: str, changes: Sequence[Change], remove: Sequence[str] = ()) -> str:
    """The text with the changes made and the top-level keys in `remove` taken out; LayoutNotKept when that
    cannot be done without changing other lines."""
    yaml, data = _load(text)
    if not isinstance(data, CommentedMap):
        raise LayoutNotKept("it is not a mapping of fields")
    for change in changes:
        _set(data, change)
    for key in remove:
        data.pop(key, None)
    return _dump(yaml, data)


def edit_plain(text: str, values: dict[str, str], remove: Sequence[str] = ()) -> str:
    """Front matter whose fields are plain texts in one language: set those fields (new ones at the end) and
    take out those in `remove`."""
    yaml, data = _load(text)
    if not isinstance(data, CommentedMap):
        raise LayoutNotKept("it is not a mapping of fields")
    for key, value in values.items():
        data[key] = _styled(data.get(key), value)
    for key in remove:
        data.pop(key, None)
    return _dump(yaml, data)


def split_article(text: str) -> tuple[str, str, str] | None:
    """(opening line, front matter, rest from the closing line on) of a Markdown file, or None without one."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if closing is None:
        return None
    return lines[0], "".join(lines[1:closing]), "".join(lines[closing:])


def markdown_blocks(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each block of a Markdown body: runs of lines between blank lines, a fenced code
    block whole, without the line break that ends the block."""
    spans, start, fence, offset = [], None, None, 0
    for line in body.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence is None and not line.strip():
            if start is not None:
                spans.append((start, offset))
                start = None
        else:
            if start is None:
                start = offset
            if opening and fence is None:
                fence = opening.group(1)
            elif opening and opening.group(1) == fence:
                fence = None
        offset += len(line)
    if start is not None:
        spans.append((start, offset))
    return [(begin, end - (len(body[begin:end]) - len(body[begin:end].rstrip("\n")))) for begin, end in spans]


def block_texts(body: str) -> list[str]:
    return [body[start:end] for start, end in markdown_blocks(body)]


def replace_blocks(body: str, texts: dict[int, str]) -> str:
    """The body with block number n (from 0) replaced by texts[n], everything between the blocks kept."""
    for number, (start, end) in reversed(list(enumerate(markdown_blocks(body)))):
        if number in texts:
            body = body[:start] + texts[number].strip("\n") + body[end:]
    return body
