"""The site's sharing settings checked against the machine that builds it: is there a font to draw with."""
from __future__ import annotations

from ..foundation.fonts import share_font
from ..foundation.model import Site
from ..foundation.problems import Position, Problems


def check_share_font(site: Site, path: str, problems: Problems) -> None:
    """Without the font, a site without a share_image has no image to share pages with: say so.

    With draw_share_images the site settings already warn of the missing font."""
    if site.share_image is None and not site.draw_share_images and share_font() is None:
        problems.warning(Position(path), "", "no Noto Sans CJK font or Pillow to draw the site's share image with; "
                         "pages are shared without an image",
                         "install the fonts-noto-cjk package (Debian, Ubuntu) on the machine that builds the site, "
                         "or give site.yaml a share_image (1200×630, in content/media/)")
