"""Draw share images (1200×630 PNG) on the site's colours: the site's card (its title and address, one per
language) unless it has a share_image of its own, and, when the site asks, each program's (title, field, place)."""
from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

from ..foundation.fonts import share_font
from ..plan.urls import share_image_path
from ..render.sharecard import HEIGHT, WIDTH, ShareCard, ShareCards, draws_share_images, draws_site_card
from .write import Rendered, write_file

if TYPE_CHECKING:
    from .cache import PageCache
    from ..plan.catalog import Catalog

MARGIN = 72
BACKGROUND, FOREGROUND, ACCENT = (11, 61, 117), (255, 255, 255), (111, 220, 166)  # theme's --brand, --marker
_SC_INDEX = 2  # Noto Sans CJK SC in the font collection: Simplified Chinese glyph forms
_ACCENT_INDEX = 1  # palette slot given to the accent shapes; coverage 1 looks like the background anyway
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
# A Chinese character may break a line anywhere; other scripts break at spaces.
_WORD = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+\\s*|\\s+")


def share_image_tasks(stage: Path, catalog: "Catalog", cards: Mapping[str, ShareCards], cache: "PageCache",
                      batch: int = 100) -> list[Callable[[], Rendered]]:
    """Tasks that draw the images in batches beside the pages; an image whose text did not change is reused.

    `cards` holds, per language, what its images show."""
    site = catalog.content.site
    drawn = [*(catalog.programs if draws_share_images(site) else ()), *([None] if draws_site_card(site) else [])]
    jobs = [(program, code) for program in drawn for code in cards]
    return [functools.partial(_draw_batch, stage, cards, cache, jobs[i:i + batch]) for i in range(0, len(jobs), batch)]


def _draw_batch(stage: Path, cards: Mapping[str, ShareCards], cache: "PageCache", jobs) -> Rendered:
    from PIL import __version__ as pillow

    result = Rendered()
    for program, code in jobs:
        relative, card = share_image_path(program and program.slug, code), cards[code].card(program)
        fingerprint = cache.fingerprint(pillow, "share-image", {"card": card, "font": share_font()})
        if not cache.unchanged(relative, fingerprint):
            write_file(stage, relative, draw_share_image(card))
        result.files.append(relative)
        if fingerprint:
            result.fingerprints[relative] = fingerprint
    return result


def draw_share_image(card: ShareCard) -> bytes:
    from PIL import Image, ImageDraw

    bold, regular = share_font()
    # Drawn as coverage in one channel, then given a palette from background to text colour: small, fast PNGs.
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(image)
    if card.site_title:
        draw.text((MARGIN, MARGIN), _one_line(card.site_title, _font(regular, 34)), font=_font(regular, 34), fill=200)
    size, lines = _title_lines(card.title, bold)
    top = (HEIGHT - len(lines) * size * 1.25) / 2
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * size * 1.25), line, font=_font(bold, size), fill=255)
    image.putpalette(_palette())
    draw = ImageDraw.Draw(image)
    _draw_caption(draw, card.caption, _font(regular, 36))
    draw.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=_ACCENT_INDEX)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=3)  # level 6 halves the speed for 20% smaller files
    return out.getvalue()


def _draw_caption(draw, parts: tuple[str, ...], font) -> None:
    x, y = MARGIN, HEIGHT - MARGIN - 40
    for number, part in enumerate(parts):
        if WIDTH - MARGIN - x < 160:  # no room left for another part
            break
        if number:
            draw.ellipse((x + 18, y + 24, x + 28, y + 34), fill=_ACCENT_INDEX)
            x += 46
        text = _fit(part, font, WIDTH - MARGIN - x, 1)[0][0]
        draw.text((x, y), text, font=font, fill=220)
        x += font.getlength(text)


@functools.cache
def _palette() -> list[int]:
    colours = [tuple(round(b + (f - b) * level / 255) for b, f in zip(BACKGROUND, FOREGROUND)) for level in range(256)]
    colours[_ACCENT_INDEX] = ACCENT
    return [channel for colour in colours for channel in colour]


@functools.cache
def _font(path: Path, size: int):
    from PIL import ImageFont

    # The basic layout does not depend on whether libraqm is installed, so images are the same everywhere.
    return ImageFont.truetype(str(path), size, index=_SC_INDEX, layout_engine=ImageFont.Layout.BASIC)


def _title_lines(title: str, bold: Path) -> tuple[int, list[str]]:
    """The largest size at which the whole title fits (smaller sizes allow more lines), else the smallest, cut."""
    for size, max_lines in ((72, 3), (64, 3), (56, 4), (48, 5)):
        lines, complete = _fit(title, _font(bold, size), WIDTH - 2 * MARGIN, max_lines)
        if complete:
            return size, lines
    return size, lines


def _one_line(text: str, font) -> str:
    return _fit(text, font, WIDTH - 2 * MARGIN, 1)[0][0]


def _fit(text: str, font, width: int, max_lines: int) -> tuple[list[str], bool]:
    """Greedy line breaking; the last line ends in an ellipsis when the text does not fit.

    Each word is measured once with the line it may join, and a line is never longer than what fits
    plus one word, so the time grows with the title's length, not with its square."""
    lines, line = [], ""
    for word in _WORD.findall(" ".join(text.split())):
        if line and font.getlength((line + word).rstrip()) > width:
            lines.append(line.rstrip())
            line = word.lstrip()
            if len(lines) == max_lines:
                return _ellipsize(lines, font, width), False
        else:
            line += word
    lines.append(line.rstrip())
    if font.getlength(lines[-1]) > width:  # one word wider than the line
        return _ellipsize(lines, font, width), False
    return lines, True


def _ellipsize(lines: list[str], font, width: int) -> list[str]:
    last = lines[-1]
    # The CJK font draws "…" centred, as Chinese writes it; other scripts want it on the baseline.
    mark = "…" if re.fullmatch(f"[{_CJK}]", last[-1:]) else "..."
    fits = lambda length: font.getlength(last[:length] + mark) <= width  # noqa: E731
    return [*lines[:-1], last[:_longest(fits, len(last))].rstrip() + mark]


def _longest(fits: Callable[[int], bool], most: int) -> int:
    """The greatest length up to `most` that fits (0 if none), for a test that holds up to some length:
    doubling, then halving, so a line of thousands of characters is measured only about the width it has."""
    low, high = 0, 1
    while high <= most and fits(high):
        low, high = high, high * 2
    high = min(high, most + 1)  # low fits; high does not, or is past the end
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return low
