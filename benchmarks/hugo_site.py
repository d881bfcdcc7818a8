#!/usr/bin/env python3
"""Write the Hugo site equivalent to a synthetic site of generate.py (see benchmarks/README.md).

    python benchmarks/hugo_site.py SITE HUGOSITE

SITE is a folder written by `generate.py N SITE`; HUGOSITE (new or empty) gets hugo.toml, the layouts
and translations of benchmarks/hugo-site/, and one Markdown file per program, partner, news article and
page per language, its front matter carrying the same fields. Text a language lacks is taken from the
site's fallback languages, as the generator does, so every language has every page.
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (sibling module; benchmarks/ is not a package)

THEME = HERE / "hugo-site"  # hugo.toml, layouts/, i18n/, static/: copied as they are
TODAY = generate.TODAY.isoformat()


def load(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def front_matter(path: Path) -> tuple[dict[str, Any], str]:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.load(head, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), body


def text_in(value: Any, lang: str, chains: dict[str, list[str]]) -> Any:
    """A localized {lang: text} field in `lang`, else in its first fallback language that has it."""
    if not isinstance(value, dict):
        return value
    for code in (lang, *chains[lang]):
        if code in value:
            return value[code]
    return None


def markdown_file(path: Path, fm: dict[str, Any], body: str) -> None:
    generate.write(path, f"---\n{generate.dump_yaml(_plain(fm))}---\n\n{body.strip()}\n")


def _plain(value: Any) -> Any:
    """Dates as ISO strings, so templates compare them as text with the build date."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def program_fm(d: dict[str, Any], lang: str, chains: dict[str, list[str]]) -> dict[str, Any]:
    t = lambda key: text_in(d.get(key), lang, chains)  # noqa: E731
    fee = d.get("fee")
    if isinstance(fee, dict):
        fee = {"amount": fee["amount"], "currency": fee["currency"], "includes": text_in(fee.get("includes"), lang, chains)}
    location = d.get("location")
    return {
        "title": t("title"), "summary": t("summary"),
        # `type` and `languages` mean something else to Hugo, hence the other names.
        "program_type": d["type"], "type_name": generate.TYPES[d["type"]][lang],
        "field": d["field"], "field_name": generate.FIELDS[d["field"]][lang],
        "audience": d["audience"], "partners": d["partners"], "mode": d["mode"],
        "location": {"city": location["city"][lang], "country": location["country"]} if location else None,
        "instruction_languages": d["languages"], "duration": d.get("duration"),
        "sessions": d.get("sessions"), "fee": fee, "funding": t("funding"), "credential": t("credential"),
        "eligibility": t("eligibility"), "how_to_apply": t("how_to_apply"), "apply_url": d.get("apply_url"),
        "contact": d.get("contact"), "status": d.get("status"),
        "image": f"/media/{d['image']}" if d.get("image") else None, "image_alt": t("image_alt"),
        "lastmod": d["updated"], "date": d["updated"], "draft": d.get("draft"),
    }


def partner_fm(d: dict[str, Any], lang: str, chains: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "title": d["name"][lang], "short_name": text_in(d.get("short_name"), lang, chains), "kind": d["kind"],
        "country": d["country"], "city": text_in(d.get("city"), lang, chains), "website": d.get("website"),
        "logo": f"/logos/{d['logo']}" if d.get("logo") else None,
    }


def write_hugo_site(site: Path, dest: Path) -> dict[str, int]:
    """Write the Hugo site for `site` into `dest`; returns the number of content files per section."""
    config = load(site / "site.yaml")
    langs = [entry["code"] for entry in config["languages"]]
    chains = {entry["code"]: entry.get("fallback", []) for entry in config["languages"]}
    shutil.copytree(THEME, dest, dirs_exist_ok=True)
    content, static = dest / "content", dest / "static"
    counts = {"programs": 0, "partners": 0, "news": 0, "pages": 0}

    for path in sorted((site / "programs").glob("*.yaml")):
        d = load(path)
        for lang in langs:
            markdown_file(content / "programs" / f"{path.stem}.{lang}.md", program_fm(d, lang, chains),
                          text_in(d["description"], lang, chains))
        counts["programs"] += 1

    # Partners are the terms of the `partners` taxonomy: a term's page lists the programs and news naming it.
    for path in sorted((site / "partners").glob("*.yaml")):
        d = load(path)
        for lang in langs:
            markdown_file(content / "partners" / path.stem / f"_index.{lang}.md", partner_fm(d, lang, chains),
                          text_in(d.get("description"), lang, chains) or "")
        counts["partners"] += 1
    if (site / "partners" / "logos").is_dir():
        shutil.copytree(site / "partners" / "logos", static / "logos", dirs_exist_ok=True)
    if (site / "content" / "media").is_dir():
        shutil.copytree(site / "content" / "media", static / "media", dirs_exist_ok=True)

    for path in sorted((site / "content" / "news").glob("*.md")):
        fm, body = front_matter(path)
        stem, lang = path.name[:-3].rsplit(".", 1)
        slug = stem[len("YYYY-MM-DD-"):]
        if fm.get("image"):
            fm["image"] = f"/media/{fm['image']}"
        markdown_file(content / "news" / f"{slug}.{lang}.md", fm, body)
        counts["news"] += lang == langs[0]

    for path in sorted((site / "content" / "pages").glob("*.md")):
        fm, body = front_matter(path)
        markdown_file(content / path.name, fm, body)
        counts["pages"] += path.name.endswith(f".{langs[0]}.md")
    for lang in langs:  # the two pages of ours that are not editors' pages
        markdown_file(content / f"compare.{lang}.md", {"title": "compare", "layout": "compare"}, "")
        markdown_file(content / f"search.{lang}.md", {"title": "search", "layout": "search"}, "")
    for name in ("_index", "programs/_index", "news/_index", "partners/_index"):
        for lang in langs:
            markdown_file(content / f"{name}.{lang}.md", {"title": text_in(config["title"], lang, chains)}
                          if name == "_index" else {}, "")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path, help="a site written by generate.py")
    ap.add_argument("dest", type=Path, help="where to write the Hugo site (new or empty)")
    args = ap.parse_args(argv)
    if not (args.site / "site.yaml").is_file():
        ap.error(f"{args.site} has no site.yaml")
    if args.dest.exists() and any(args.dest.iterdir()):
        ap.error(f"{args.dest} exists and is not empty")
    counts = write_hugo_site(args.site, args.dest)
    print(", ".join(f"{v} {k}" for k, v in counts.items()), "->", args.dest, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
