"""YAML written as text from a small tree, so generated files can hold what yaml.dump never writes:
every scalar style, aliases, tags, duplicate keys and raw control characters."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

# Styles a Text may ask for; one that cannot hold its value falls back to double quotes, which hold anything.
STYLES = ("plain", "single", "double", "literal")
# What YAML reads as something other than text when written plain (YAML 1.1 as PyYAML resolves it).
_NOT_TEXT = re.compile(r"^(?:[-+]?[\d.]|[~=<]|(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|"
                       r"on|On|ON|off|Off|OFF|null|Null|NULL)$)")
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\r\t:#,\[\]{}\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*(?<=\S)$")
# Printable for YAML and not a line break to it (it also breaks lines at U+2028 and U+2029).
_PRINTABLE = re.compile(r"^[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


@dataclass(frozen=True)
class Text:
    """Text in the style asked for, when that style can hold it."""

    value: str
    style: str = "plain"
    raw_controls: bool = False  # double-quoted with control characters unescaped: the file itself is not YAML


@dataclass(frozen=True)
class Raw:
    """Written as it is: numbers, dates, booleans, tags, aliases, flow collections, anything odd."""

    yaml: str


@dataclass(frozen=True)
class Mapping:
    entries: tuple[tuple[str, "Node"], ...]  # a key may repeat: a duplicate key is a thing to generate
    flow: bool = False
    anchor: str = ""


@dataclass(frozen=True)
class Seq:
    items: tuple["Node", ...]
    flow: bool = False
    anchor: str = ""


Node = Union[Text, Raw, Mapping, Seq]


def yaml_text(document: Mapping, newline: str = "\n") -> str:
    """The document as block-style YAML text."""
    return "".join(line + newline for line in _block_mapping(document, 0))


def _block_mapping(mapping: Mapping, indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for key, value in mapping.entries:
        head = f"{pad}{_key(key)}:"
        if isinstance(value, Text) and value.style == "literal" and _fits_literal(value.value):
            lines.append(f"{head} |2-")
            lines.extend(f"{pad}  {line}" if line else "" for line in value.value.split("\n"))
        elif isinstance(value, Mapping) and not value.flow and value.entries:
            lines.append(f"{head}{_anchor(value)}")
            lines.extend(_block_mapping(value, indent + 2))
        elif isinstance(value, Seq) and not value.flow and value.items:
            lines.append(f"{head}{_anchor(value)}")
            lines.extend(f"{pad}  - {_inline(item)}" for item in value.items)
        else:
            lines.append(f"{head} {_inline(value)}")
    return lines


def _anchor(node: Mapping | Seq) -> str:
    return f" &{node.anchor}" if node.anchor else ""


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_][\w-]*|\d+", key) else _double(key, False)


def _inline(node: Node) -> str:
    if isinstance(node, Raw):
        return node.yaml
    if isinstance(node, Text):
        return _scalar(node)
    anchor = f"&{node.anchor} " if node.anchor else ""
    if isinstance(node, Mapping):
        return anchor + "{" + ", ".join(f"{_key(k)}: {_inline(v)}" for k, v in node.entries) + "}"
    return anchor + "[" + ", ".join(_inline(item) for item in node.items) + "]"


def _scalar(text: Text) -> str:
    value = text.value
    if (text.style == "plain" and _PLAIN.match(value) and _PRINTABLE.match(value) and not _NOT_TEXT.match(value)
            and " #" not in value):
        return value
    if text.style == "single" and _PRINTABLE.match(value) and value.strip(" ") == value:
        return "'" + value.replace("'", "''") + "'"
    return _double(value, text.raw_controls)


def _double(value: str, raw_controls: bool) -> str:
    return '"' + "".join(_escape(char, raw_controls) for char in value) + '"'


def _escape(char: str, raw_controls: bool) -> str:
    if char in _ESCAPES and not (raw_controls and char == "\x00"):
        return _ESCAPES[char]
    if raw_controls or _PRINTABLE.match(char):
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _fits_literal(value: str) -> bool:
    """A literal block keeps its text exactly when every character is printable and it begins and ends with text."""
    return value.strip() == value and bool(value) and _PRINTABLE.match(value.replace("\n", "")) is not None
