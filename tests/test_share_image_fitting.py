"""Fitting a title into a share image takes time in proportion to the title, however long and unbroken it is."""
from __future__ import annotations

import time

import pytest

from sitegen.output.shareimage import WIDTH, MARGIN, ShareCard, _fit, _font, draw_share_image, share_font

pytestmark = pytest.mark.skipif(share_font() is None, reason="no Noto Sans CJK font or Pillow to draw with")
LINE = WIDTH - 2 * MARGIN


class CountingFont:
    """The real font, counting how many characters it is asked to measure."""

    def __init__(self, font) -> None:
        self.font, self.measured = font, 0

    def getlength(self, text: str) -> float:
        self.measured += len(text)
        return self.font.getlength(text)


def measured(title: str, max_lines: int = 5) -> tuple[int, list[str], bool]:
    font = CountingFont(_font(share_font()[0], 48))
    lines, complete = _fit(title, font, LINE, max_lines)
    return font.measured, lines, complete


@pytest.mark.parametrize("title", [
    "x" * 10_000,  # one word: measured whole once, then only about a line's worth
    "x" * 10_000 + " and more",  # an overlong word followed by others
    "word " * 2_000,  # many short words: only those on the lines drawn
    "中" * 10_000,  # Chinese breaks anywhere
])
def test_fitting_measures_each_character_about_once(title):
    count, _, _ = measured(title)
    assert count < 2 * len(title)  # cutting a line by one character at a time measured some 50,000,000


def test_an_unbroken_title_is_cut_to_the_width_with_an_ellipsis():
    font = _font(share_font()[0], 48)
    _, [line], complete = measured("x" * 10_000)
    assert not complete
    assert font.getlength(line) <= LINE < font.getlength(line.replace("...", "x..."))


def test_a_ten_thousand_character_title_draws_in_well_under_two_seconds():
    # A guard against quadratic fitting only: it took some 340 s before, about 0.1 s now.
    start = time.perf_counter()
    draw_share_image(ShareCard("x" * 10_000, ("Engineering", "Shanghai"), "Test catalog"))
    assert time.perf_counter() - start < 2
