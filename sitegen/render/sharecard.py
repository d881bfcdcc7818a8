"""What a share image shows, in one language, how large it is and where it is published; drawing it is output's."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..foundation.fonts import share_font
from ..foundation.model import Program, Site
from .views import ProgramCard, ViewBuilder

WIDTH, HEIGHT = 1200, 630


@dataclass(frozen=True)
class ShareCard:
    """What one image shows, in one language."""

    title: str
    caption: tuple[str, ...]  # field of study, place: drawn apart with a dot between
    site_title: str

    @property
    def alt(self) -> str:
        return " — ".join([self.title, *self.caption])


def share_card(card: ProgramCard, site_title: str) -> ShareCard:
    return ShareCard(card.title.value, tuple(t.value for t in (card.field, card.city) if t), site_title)


def site_share_card(site_title: str, base_url: str) -> ShareCard:
    """For the pages of a site without a share image of its own: its title and address."""
    parts = urlsplit(base_url)
    return ShareCard(site_title, ((parts.netloc + parts.path).rstrip("/"),), "")


@dataclass(frozen=True)
class ShareCards:
    """The cards of one language's images, built when drawn (in the worker that draws them)."""

    views: ViewBuilder
    site_title: str  # in the cards' language
    base_url: str

    def card(self, program: Program | None) -> ShareCard:
        """The program's card, or the site's for None."""
        if program is None:
            return site_share_card(self.site_title, self.base_url)
        return share_card(self.views.program_card(program), self.site_title)


def draws_share_images(site: Site) -> bool:
    """Drawing costs about 5 ms an image, more than rendering the page, so a site asks for programs' own."""
    return site.draw_share_images and share_font() is not None


def draws_site_card(site: Site) -> bool:
    """Open Graph requires an image: a site without a share_image of its own gets its card, one per language."""
    return site.share_image is None and share_font() is not None
