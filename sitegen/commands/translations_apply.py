"""The new text of each file a translation import changes, computed whole before anything is written."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..foundation.model import Site
from ..foundation.problems import Position, Problems
from ..plan.coverage import ItemTexts
from ..source.roundtrip import (Change, LayoutNotKept, block_texts, edit_plain, edit_yaml, replace_blocks,
                                split_article)
from .translations_units import BODY, Unit, target_file

ARTICLE_TEXTS = ("title", "summary", "menu_title", "image_alt")


@dataclass(frozen=True)
class Accepted:
    unit: Unit  # as the site has it now
    text: str  # the translation to write


def new_texts(root: Path, items: dict[str, ItemTexts], accepted: Sequence[Accepted], site: Site, code: str,
              problems: Problems) -> dict[str, str]:
    """{file: its new text} for the files whose translations change; a file that cannot be changed is reported
    and left out."""
    by_item: dict[str, list[Accepted]] = {}
    for one in accepted:
        if one.text.strip() != (one.unit.target or "").strip():
            by_item.setdefault(one.unit.item, []).append(one)
    texts = {}
    for key, changes in sorted(by_item.items()):
        item, path = items[key], target_file(items[key], code)
        try:
            if item.kind in ("news", "page"):
                text = _article(root, item, changes, site, code, path)
            else:
                text = edit_yaml((root / path).read_text(encoding="utf-8"),
                                 [Change(tuple(one.unit.field.split(".")), code, one.text, site.codes) for one in changes])
        except LayoutNotKept as exc:
            problems.error(Position(path), "", f"the translations cannot be written into this file: {exc}",
                           "put the file in the layout 'build.py new' writes (the same indentation throughout), "
                           "then import again")
            continue
        except _Incomplete as exc:
            problems.error(Position(path), "", f"the file does not exist yet; to create it, translate "
                           f"{', '.join(exc.missing)} too", "fill in those units in the translation file and import "
                           "it again")
            continue
        texts[path] = text
    return texts


class _Incomplete(Exception):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(", ".join(missing))
        self.missing = missing


def _article(root: Path, item: ItemTexts, changes: list[Accepted], site: Site, code: str, path: str) -> str:
    plain = {one.unit.field: one.text.strip() for one in changes if one.unit.field != BODY}
    blocks = {one.unit.block: one.text for one in changes if one.unit.field == BODY and one.unit.block}
    whole = next((one.text for one in changes if one.unit.field == BODY and one.unit.block is None), None)
    if path in item.files.values():  # the translation exists: change its texts in place
        opening, front, rest = split_article((root / path).read_text(encoding="utf-8")) or _not_article()
        closing, _, body = rest.partition("\n")
        if whole is not None:
            body = whole.rstrip("\n") + "\n"
        elif blocks:
            body = replace_blocks(body, {number - 1: text for number, text in blocks.items()})
        return opening + (edit_plain(front, plain) if plain else front) + closing + "\n" + body
    original = item.original(item.fields["title"], site)
    opening, front, rest = split_article((root / item.files[original]).read_text(encoding="utf-8")) or _not_article()
    count = len(block_texts(item.fields.get(BODY, {}).get(original, "")))
    missing = ([] if "title" in plain else [f"{item.key}#title"]) + \
        ([] if whole is not None else [f"{item.key}#body.{n}" for n in range(1, count + 1) if n not in blocks])
    if missing:
        raise _Incomplete(missing)
    body = whole if whole is not None else "\n\n".join(blocks[n].strip("\n") for n in range(1, count + 1))
    front = edit_plain(front, plain, remove=[name for name in ARTICLE_TEXTS if name not in plain])
    return opening + front + rest.partition("\n")[0] + "\n" + body.rstrip("\n") + "\n"


def _not_article() -> tuple[str, str, str]:
    raise LayoutNotKept("its front matter is not closed by a line '---'")
