"""Open Graph and Twitter card tags on every page: absolute URLs, existing images, the locales really translated."""
from __future__ import annotations

import struct
from pathlib import Path
from textwrap import dedent

import pytest
from lxml import html

from conftest import MINIMAL_SITE, REPO, build_site
from page_heads import json_ld_blocks, meta, page_heads
from sitegen.foundation.fonts import share_font

OG_LOCALE = {"ru": "ru_RU", "en": "en_GB", "zh": "zh_CN", "zh-Hans": "zh_CN"}  # by language code or hreflang
ONCE = ("og:title", "og:type", "og:url", "og:locale", "og:site_name",
        "twitter:card", "twitter:title", "twitter:description")


DRAWING = {"site.yaml": MINIMAL_SITE["site.yaml"] + "\n        draw_share_images: true\n"}


def shared_pages(site: Path) -> dict:
    """Every page but those kept out of search engines (404s, the editors' translation status): they are not shared."""
    return {page: head for page, head in page_heads(site).items()
            if "noindex" not in " ".join(meta(head, "robots"))}


def sharing_problems(site: Path, base_url: str) -> tuple[list[str], int]:
    """Every broken or missing sharing tag of the site, and how many pages name an image."""
    problems, with_image = [], 0
    for page, head in shared_pages(site).items():
        found = {key: meta(head, key) for key in ONCE}
        problems += [f"{page}: {key} {values}" for key, values in found.items() if len(values) != 1 or not values[0]]
        [canonical] = head.xpath('link[@rel="canonical"]/@href')
        if meta(head, "og:url") != [canonical] or not canonical.startswith(base_url):
            problems.append(f"{page}: og:url {meta(head, 'og:url')} is not the canonical {canonical}")
        if meta(head, "og:locale") != [OG_LOCALE[page.split("/")[0]]]:
            problems.append(f"{page}: og:locale {meta(head, 'og:locale')}")
        translated = {OG_LOCALE[h] for h in head.xpath('link[@rel="alternate"]/@hreflang') if h != "x-default"}
        if set(meta(head, "og:locale:alternate")) != translated - set(meta(head, "og:locale")):
            problems.append(f"{page}: og:locale:alternate {meta(head, 'og:locale:alternate')} but translated {translated}")
        images = meta(head, "og:image")
        with_image += bool(images)
        problems += [f"{page}: {problem}" for problem in image_problems(site, base_url, head, images)]
    return problems, with_image


def image_problems(site: Path, base_url: str, head, images: list[str]) -> list[str]:
    if not images:
        return [] if meta(head, "twitter:card") == ["summary"] and not meta(head, "twitter:image") else ["card without image"]
    [image] = images
    problems = []
    if not image.startswith(base_url) or not (site / image.removeprefix(base_url)).is_file():
        problems.append(f"og:image {image} is not a file of the site")
    [alt] = meta(head, "og:image:alt") or [""]
    if not alt.strip():
        problems.append("og:image without og:image:alt")
    size = (meta(head, "og:image:width"), meta(head, "og:image:height"))
    if size != ([], []) and size != tuple([str(n)] for n in png_size(site / image.removeprefix(base_url))):
        problems.append(f"og:image is not of the size declared, {size}")
    if (meta(head, "twitter:card"), meta(head, "twitter:image"), meta(head, "twitter:image:alt")) != (
            ["summary_large_image"], [image], [alt]):
        problems.append("the Twitter card does not show the Open Graph image")
    return problems


def test_every_sample_page_shares_well(sample_site: Path):
    problems, with_image = sharing_problems(sample_site, "https://example.org/internships/")
    assert problems == []
    assert with_image == len(shared_pages(sample_site)) > 45  # the site's image stands in for pages without one


def test_every_page_of_a_large_catalog_shares_well(catalog_1000: Path):
    problems, with_image = sharing_problems(catalog_1000, "https://example.org/")
    assert problems == []
    # The generated catalog does not ask for programs' drawn images: pages without their own share the site's card.
    assert with_image == len(shared_pages(catalog_1000))


def test_an_article_is_shared_as_an_article(sample_site: Path):
    head = page_heads(sample_site)["en/news/shanghai-agreements/index.html"]
    assert meta(head, "og:type") == ["article"]
    assert meta(head, "og:locale:alternate") == ["ru_RU", "zh_CN"]


def test_a_site_without_images_gets_drawn_ones(make_site, tmp_path):
    if share_font() is None:
        pytest.skip("no Noto Sans CJK font or Pillow to draw share images with")
    out = tmp_path / "public"
    assert build_site(make_site(DRAWING), out).written
    problems, with_image = sharing_problems(out, "https://example.org/")
    assert problems == [] and with_image == len(shared_pages(out))
    head = page_heads(out)["ru/partners/index.html"]
    assert (meta(head, "og:image"), meta(head, "og:image:alt")) == (["https://example.org/ru/share.png"], ["Тестовый каталог"])
    assert png_size(out / "ru" / "share.png") == (1200, 630)


def test_a_site_without_share_settings_shares_every_page_with_its_drawn_card(make_site, tmp_path):
    if share_font() is None:
        pytest.skip("no Noto Sans CJK font or Pillow to draw share images with")
    builds = [tmp_path / "public", tmp_path / "again"]
    for out in builds:
        result = build_site(make_site(), out)
        assert result.written and result.problems.sorted() == []
    out = builds[0]
    problems, with_image = sharing_problems(out, "https://example.org/")
    assert problems == [] and with_image == len(shared_pages(out)) == 2 * 6  # every page but the noindex ones (404, search, compare)
    for lang, title in (("en", "Test catalog"), ("ru", "Тестовый каталог")):
        for page in (f"{lang}/index.html", f"{lang}/programs/summer/index.html", f"{lang}/news/index.html"):
            head = page_heads(out)[page]
            assert [meta(head, key) for key in ("og:image", "og:image:width", "og:image:height", "og:image:alt")] == [
                [f"https://example.org/{lang}/share.png"], ["1200"], ["630"], [title]], page
        assert png_size(out / lang / "share.png") == (1200, 630)
    root = html.document_fromstring((out / "index.html").read_bytes()).head  # the language chooser, shared most
    assert (meta(root, "og:url"), meta(root, "og:image"), meta(root, "og:image:width")) == (
        ["https://example.org/"], ["https://example.org/en/share.png"], ["1200"])
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.png")) == ["en/share.png", "ru/share.png"]
    assert [(b / "en/share.png").read_bytes() for b in builds] == [(b / "en/share.png").read_bytes() for b in builds[::-1]]


def test_the_site_card_is_drawn_again_only_when_its_text_changes(make_site, tmp_path):
    if share_font() is None:
        pytest.skip("no Noto Sans CJK font or Pillow to draw share images with")
    root, out, cache = make_site(), tmp_path / "public", tmp_path / "cache"
    assert build_site(root, out, cache_dir=cache).written
    drawn = {lang: (out / lang / "share.png").stat().st_ino for lang in ("en", "ru")}
    site = root / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("Тестовый каталог", "Новый каталог"), encoding="utf-8")
    assert build_site(root, out, cache_dir=cache).written
    assert (out / "en/share.png").stat().st_ino == drawn["en"]  # the same file, kept from the previous output
    assert (out / "ru/share.png").stat().st_ino != drawn["ru"]
    assert meta(page_heads(out)["ru/partners/index.html"], "og:image:alt") == ["Новый каталог"]


def test_without_the_font_a_site_without_a_share_image_is_warned_that_pages_have_none(make_site, tmp_path, monkeypatch):
    without_font(monkeypatch)
    out = tmp_path / "public"
    result = build_site(make_site(), out)
    assert result.written
    assert [p.format() for p in result.problems.sorted()] == [
        "site.yaml: warning: no Noto Sans CJK font or Pillow to draw the site's share image with; "
        "pages are shared without an image\n"
        "    hint: install the fonts-noto-cjk package (Debian, Ubuntu) on the machine that builds the site, "
        "or give site.yaml a share_image (1200×630, in content/media/)"]
    assert sharing_problems(out, "https://example.org/") == ([], 0)
    assert not list(out.rglob("share.png"))


def test_without_the_font_pages_without_images_get_summary_cards(make_site, tmp_path, monkeypatch):
    without_font(monkeypatch)
    out = tmp_path / "public"
    result = build_site(make_site(DRAWING), out)
    assert result.written
    assert [p.format() for p in result.problems.sorted()] == [
        "site.yaml:12:20: warning: draw_share_images: no Noto Sans CJK font or Pillow to draw share images with; "
        "pages are shared without an image\n"
        "    hint: install the fonts-noto-cjk package (Debian, Ubuntu) on the machine that builds the site"]
    problems, with_image = sharing_problems(out, "https://example.org/")
    assert problems == [] and with_image == 0
    assert not list(out.rglob("share.png"))


@pytest.mark.parametrize("language, alternates", [("en", []), ("ru", ["en_GB"])])
def test_only_real_translations_are_offered_as_other_locales(make_site, tmp_path, language, alternates):
    english_only = dedent(MINIMAL_SITE["programs/summer.yaml"]).replace(", ru: Летняя школа", "")
    out = tmp_path / "public"
    assert build_site(make_site({"programs/summer.yaml": english_only}), out).written
    head = page_heads(out)[f"{language}/programs/summer/index.html"]
    assert meta(head, "og:locale:alternate") == alternates
    assert sharing_problems(out, "https://example.org/")[0] == []


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG signature and IHDR chunk, read without an image library."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


def test_each_program_is_shared_with_its_own_image_in_each_language(sample_site: Path):
    if share_font() is None:
        pytest.skip("no Noto Sans CJK font or Pillow: programs share the site's image")
    slug = "usst-technological-entrepreneurship"
    images = {}
    for lang in ("ru", "en", "zh"):
        head = page_heads(sample_site)[f"{lang}/programs/{slug}/index.html"]
        assert meta(head, "og:image") == [f"https://example.org/internships/{lang}/programs/{slug}/share.png"]
        [data] = json_ld_blocks(head)
        assert data["image"] == meta(head, "og:image")[0]
        images[lang] = sample_site / lang / "programs" / slug / "share.png"
        assert png_size(images[lang]) == (1200, 630)
    assert meta(head, "og:image:alt")[0].startswith("科技创业：")
    assert len({path.read_bytes() for path in images.values()}) == 3


def without_font(monkeypatch) -> None:
    import sitegen.pipeline
    import sitegen.output.shareimage
    import sitegen.render.sharecard
    import sitegen.source.sharefont
    import sitegen.source.siteconfig

    for module in (sitegen.pipeline, sitegen.output.shareimage, sitegen.render.sharecard, sitegen.source.sharefont,
                   sitegen.source.siteconfig):
        monkeypatch.setattr(module, "share_font", lambda: None)


def test_without_the_font_programs_share_the_site_image(tmp_path, monkeypatch):
    without_font(monkeypatch)
    out = tmp_path / "public"
    result = build_site(REPO, out)
    assert result.written
    assert [p.message for p in result.problems.sorted() if p.field == "draw_share_images"] == [
        "no Noto Sans CJK font or Pillow to draw share images with; pages share the site's image"]
    head = page_heads(out)["en/programs/usst-technological-entrepreneurship/index.html"]
    assert meta(head, "og:image") == ["https://example.org/internships/media/share.png"]
    assert not list(out.rglob("programs/*/share.png"))
