"""A template's failure, as editors see it: the template's file and line, and what was being rendered."""
from __future__ import annotations

from pathlib import Path

from ..foundation.problems import Position, Problem


class TemplateProblem(Exception):
    """A template failed; carries the template's file and line and what was being rendered."""

    def __init__(self, template: str, line: int, message: str) -> None:
        super().__init__(message)
        self.template, self.line, self.message = template, line, message
        self.rendering: tuple[str, str] | None = None  # the source or output file, and the language

    def problem(self, root: Path) -> Problem:
        """What editors see: the template by its path in the site, and what was being rendered in which language."""
        path = Path(self.template)
        shown = path.relative_to(root).as_posix() if path.is_absolute() and path.is_relative_to(root) else self.template
        message = f"template error: {self.message}"
        if self.rendering:
            what, code = self.rendering
            message = f"template error: {self.message} (while rendering {what} in '{code}')"
        return Problem(Position(shown, self.line or 0, 1 if self.line else 0), "error", "", message,
                       "fix the template at this line")
