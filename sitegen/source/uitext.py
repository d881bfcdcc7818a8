"""UI translations are text: a msgstr may carry only the markup its msgid has; the rest is escaped and reported.

Jinja marks whatever gettext returns as safe HTML, because a msgid is the template's own text. A msgstr is not:
it comes from whoever edits the .po file, so it reaches pages only through `as_html`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from babel.messages.catalog import Catalog as MessageCatalog, Message
from babel.support import NullTranslations
from markupsafe import escape

from ..foundation.problems import Position, Problem, Problems

# A tag, a comment or a declaration, closed or not: a browser would read any of them as markup.
MARKUP = re.compile(r"<[A-Za-z/!?][^<>]*>?")
# What could open markup or end an attribute value; '&' and '>' can do neither, so they stay as written.
RISKY = frozenset("<\"'")
TEXT_ESCAPES = str.maketrans({"<": "&lt;", '"': "&#34;", "'": "&#39;"})


def allowed_markup(msgids: tuple[str, ...]) -> frozenset[str]:
    return frozenset(match.group() for msgid in msgids for match in MARKUP.finditer(msgid))


def foreign_markup(msgids: tuple[str, ...], translation: str) -> list[re.Match[str]]:
    """The tags of a translation that none of its msgids has, in order."""
    allowed = allowed_markup(msgids)
    return [match for match in MARKUP.finditer(translation) if match.group() not in allowed]


def as_html(msgids: tuple[str, ...], translation: str) -> str:
    """A translation as HTML: the msgid's own tags stay live, everything else is text."""
    if translation in msgids or RISKY.isdisjoint(translation):
        return translation  # untranslated (the template's text), or nothing that could be markup
    allowed = allowed_markup(msgids)
    parts, end = [], 0
    for match in MARKUP.finditer(translation):
        parts.append(translation[end:match.start()].translate(TEXT_ESCAPES))
        tag = match.group()
        parts.append(tag if tag in allowed else str(escape(tag)))
        end = match.end()
    parts.append(translation[end:].translate(TEXT_ESCAPES))
    return "".join(parts)


@dataclass(frozen=True)
class TextTranslations:
    """The gettext callables a theme's templates get: a language's catalog, its msgstrs passed through `as_html`."""

    translations: NullTranslations

    def gettext(self, message: str) -> str:
        return as_html((message,), self.translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return as_html((singular, plural), self.translations.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> str:
        return as_html((message,), self.translations.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return as_html((singular, plural), self.translations.npgettext(context, singular, plural, n))


@dataclass(frozen=True)
class _Form:
    """One msgstr (or one plural form of it) that pages may show, with the msgids it translates."""

    message: Message
    msgids: tuple[str, ...]
    form: int
    translation: str

    @property
    def field(self) -> str:
        return f"msgstr[{self.form}]" if self.message.pluralizable else "msgstr"


def _forms(catalog: MessageCatalog) -> Iterator[_Form]:
    for message in catalog:
        if not message.id or message.fuzzy:  # the header; fuzzy entries never reach a page
            continue
        msgids = tuple(message.id) if message.pluralizable else (message.id,)
        forms = tuple(message.string) if message.pluralizable else (message.string,)
        for form, translation in enumerate(forms):
            yield _Form(message, msgids, form, translation or "")


class _PoLines:
    """The .po file's lines, read only when a problem needs its position."""

    def __init__(self, po: Path) -> None:
        self.po = po

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.po.read_text(encoding="utf-8", errors="replace").splitlines()

    def locate(self, entry: _Form, offset: int) -> tuple[int, int]:
        return _locate(self.lines, entry.message, entry.form, entry.translation, offset)


def check_markup(po: Path, shown: str, catalog: MessageCatalog, language: str, problems: Problems) -> None:
    """Report every tag of a msgstr its msgid lacks, where it stands in the .po file."""
    po_lines = _PoLines(po)
    for entry in _forms(catalog):
        for match in foreign_markup(entry.msgids, entry.translation):
            line, column = po_lines.locate(entry, match.start())
            allowed = sorted(allowed_markup(entry.msgids))
            hint = (f"use only the msgid's own tags, written as there: {', '.join(allowed)}" if allowed else
                    "a UI translation is text: delete the markup (write &lt; for a '<' that is not a tag)")
            problems.items.append(Problem(
                Position(shown, line, column), "error", entry.field,
                f"markup {match.group()!r} is not in the msgid {entry.msgids[0]!r}, so pages show it as text",
                hint, language))


# Jinja's gettext fills every translation in with `%`, placeholders or not: '%%' is a percent sign.
PLACEHOLDER = re.compile(r"%\(([^)]*)\)")


def check_formats(po: Path, shown: str, catalog: MessageCatalog, language: str, problems: Problems) -> None:
    """Report every msgstr that pages could not fill in: a lone '%', or a placeholder its msgid lacks."""
    po_lines = _PoLines(po)
    for entry in _forms(catalog):
        names: dict[str, object] = {name: "" for msgid in entry.msgids for name in PLACEHOLDER.findall(msgid)}
        if entry.message.pluralizable:
            names["num"] = 0
        reason = _unfillable(entry.translation, names)
        if reason is None:
            continue
        line, column = po_lines.locate(entry, 0)
        problems.items.append(Problem(
            Position(shown, line, column), "error", entry.field, reason,
            "keep the msgid's placeholders as written there, and write a percent sign as %%", language))


def _unfillable(translation: str, names: dict[str, object]) -> str | None:
    try:
        translation % names
    except KeyError as exc:
        return f"the placeholder %({exc.args[0]}) is not in the msgid, so pages cannot fill it in"
    except (ValueError, TypeError):
        return "a '%' that starts no placeholder: pages cannot be filled in with this translation"
    return None


def _locate(lines: list[str], message: Message, form: int, translation: str, offset: int) -> tuple[int, int]:
    """Line and column of a character of a msgstr in its .po file; the msgstr's own line when it cannot tell."""
    keyword = f"msgstr[{form}]" if message.pluralizable else "msgstr"
    start = next((i for i in range(message.lineno - 1, len(lines)) if lines[i].startswith(keyword + " ")), None)
    if start is None:
        return message.lineno, 1
    places: list[tuple[int, int]] = []  # (line, column) of each character of the msgstr
    for i in range(start, len(lines)):
        text = lines[i]
        first, last = text.find('"'), text.rfind('"')
        if i > start and not text.startswith('"') or first == last:
            break
        column = first + 1
        while column < last:
            places.append((i + 1, column + 1))
            column += 2 if text[column] == "\\" else 1
    if len(places) != len(translation):  # not a layout Babel writes; the msgstr's line is still right
        return start + 1, 1
    return places[offset]
