"""The compare page's data: one program's comparable facts in one language, a small file per program that
the page fetches only for the programs a visitor saved, so the page stays the same size whatever the catalog's."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from ..foundation.model import Program
from .localize import Text
from .views import Deadline, ProgramCard, ViewBuilder

ENTRY_TEMPLATE = "_compare_entry.html"


@dataclass(frozen=True)
class CompareEntry:
    card: ProgramCard
    deadline: Deadline | None
    credential: Text | None


class CompareData:
    """The files the compare page fetches, in one language; `salt` is what every page of the language shows."""

    def __init__(self, views: ViewBuilder, render_template: Callable[..., str], salt: str) -> None:
        self.views, self.render_template, self.salt = views, render_template, salt

    def entry(self, program: Program) -> CompareEntry:
        views = self.views
        return CompareEntry(views.program_card(program), views.deadline(program), views.l10n.text(program.credential))

    def file(self, program: Program, entry: CompareEntry) -> str:
        """The entry as JSON: its slug, and its HTML, written by the theme in the page's language."""
        html = self.render_template(ENTRY_TEMPLATE, program.source, entry=entry)
        return json.dumps({"slug": program.slug, "html": html.strip()}, ensure_ascii=False) + "\n"
