"""The compare page's data: every program's comparable facts in one language, for the visitor's saved list."""
from __future__ import annotations

from dataclasses import dataclass

from ..plan.catalog import Catalog
from .localize import Text
from .views import Deadline, ProgramCard, ViewBuilder


@dataclass(frozen=True)
class CompareEntry:
    card: ProgramCard
    deadline: Deadline | None
    credential: Text | None


def compare_entries(catalog: Catalog, views: ViewBuilder) -> tuple[CompareEntry, ...]:
    """In catalog order; the page's script shows the ones the visitor saved."""
    return tuple(CompareEntry(views.program_card(program), views.deadline(program), views.l10n.text(program.credential))
                 for program in catalog.programs)
