"""The font share images are drawn with: Noto Sans CJK, found where Linux distributions install it."""
from __future__ import annotations

import functools
from pathlib import Path

# Fonts that cover Latin, Cyrillic and Chinese, where Debian, Ubuntu and Fedora install them.
FONT_FOLDERS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk")


@functools.cache
def share_font() -> tuple[Path, Path] | None:
    """(bold, regular) Noto Sans CJK, or None when neither the font nor Pillow is installed."""
    try:
        import PIL.ImageFont  # noqa: F401  (a generator installed without Pillow still builds)
    except ImportError:
        return None
    for folder in map(Path, FONT_FOLDERS):
        bold, regular = folder / "NotoSansCJK-Bold.ttc", folder / "NotoSansCJK-Regular.ttc"
        if bold.is_file() and regular.is_file():
            return bold, regular
    return None
