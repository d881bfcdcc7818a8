"""`build.py new`: templates with every field, which pass the check once filled and say what is missing until then."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from conftest import TODAY, run_cli
from sitegen.source.characters import PLACEHOLDER
from sitegen.foundation.model import AUDIENCES, DURATION_UNITS, MODES, PARTNER_KINDS, PROGRAM_TYPES
from sitegen.pipeline import check

# What an editor would write for each placeholder of the templates. A new placeholder needs a line
# here: the test that fills the templates fails on any placeholder it does not know.
FILL = {
    "title": "Autumn school", "summary": "Two weeks of robotics.", "description in Markdown": "We *build* robots.",
    "program type": "internship", "audience": "students", "field of study": "engineering", "partner slug": "acme",
    "program slug": "summer", "mode": "onsite", "city": "Qingdao", "country code": "CN", "language code": "en",
    "number": "2", "date": "2027-07-01", "amount": "1500.50", "currency code": "CNY",
    "what the fee includes": "Lodging", "funding": "Grants", "credential": "Certificate",
    "eligibility in Markdown": "- Students", "documents in Markdown": "- Passport",
    "how to apply in Markdown": "1. Write to us",
    "https address of the application form": "https://example.org/apply", "email address": "office@example.org",
    "phone number": "+7 812 000-00-00", "WeChat ID": "center-wechat", "in-preparation or archived": "in-preparation",
    "file name in content/media": "poster.jpg", "what the image shows": "A poster", "full name": "Beta Institute",
    "short name": "BI", "kind of organisation": "institute", "https address of the website": "https://beta.example.org/",
    "file name in partners/logos": "beta.svg", "menu title": "FAQ", "the article, in Markdown": "It **opened**.",
    "the page, in Markdown": "Questions and answers.",
}
FILES = {"content/media/poster.jpg": "jpeg", "partners/logos/beta.svg": "<svg/>"}
NEW = [("program", "autumn", "programs/autumn.yaml"), ("partner", "beta", "partners/beta.yaml"),
       ("news", "opening", f"content/news/{TODAY}-opening.en.md"), ("page", "faq", "content/pages/faq.en.md")]


@pytest.fixture(autouse=True)
def build_date(monkeypatch):
    """`new` dates news and `updated` by the build date, which SOURCE_DATE_EPOCH fixes."""
    midnight = dt.datetime.combine(TODAY, dt.time(), dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(midnight.timestamp())))


def new(root: Path, *args: str) -> int:
    return run_cli("new", *args, "--root", str(root))


def fill(text: str) -> str:
    """The template with a value for every placeholder outside the comments (which speak of '<<...>>')."""
    lines = text.splitlines(keepends=True)
    unknown = {m.group()[2:-2] for line in lines if not line.lstrip().startswith("#")
               for m in PLACEHOLDER.finditer(line)} - FILL.keys()
    assert not unknown, f"placeholders without a value in FILL: {unknown}"
    return "".join(line if line.lstrip().startswith("#") else PLACEHOLDER.sub(lambda m: FILL[m.group()[2:-2]], line)
                   for line in lines)


def messages(root: Path) -> list[str]:
    return [problem.format().splitlines()[0] for problem in check(root, TODAY).sorted()]


def create_all(root: Path) -> None:
    for kind, slug, _ in NEW:
        assert new(root, kind, slug) == 0
    for kind, slug in (("news", "opening"), ("page", "faq")):  # translations, so nothing is left untranslated
        assert new(root, kind, slug, "--lang", "ru") == 0


def test_filled_templates_of_every_kind_pass_the_check(make_site):
    root = make_site(FILES)
    create_all(root)
    for path in [*(p for _, _, p in NEW), f"content/news/{TODAY}-opening.ru.md", "content/pages/faq.ru.md"]:
        (root / path).write_text(fill((root / path).read_text(encoding="utf-8")), encoding="utf-8")
    assert messages(root) == []
    assert run_cli("build", "--root", str(root), "--out", str(root.parent / "public"), "--today", str(TODAY),
                   "--jobs", "1", "--no-cache") == 0
    assert "Autumn school" in (root.parent / "public/en/programs/autumn/index.html").read_text(encoding="utf-8")


def test_unfilled_template_gives_located_errors_for_each_placeholder(make_site, capsys):
    root = make_site()
    assert new(root, "program", "autumn") == 0
    assert new(root, "news", "opening") == 0
    found = check(root, TODAY).sorted()
    assert found and all(p.severity == "error" and p.position.line > 0 for p in found)
    assert all(p.message.endswith("is a placeholder from the template") for p in found)
    lines = [p.format().splitlines()[0] for p in found]
    assert "programs/autumn.yaml:15:7: error: title.en: '<<title>>' is a placeholder from the template" in lines
    assert "programs/autumn.yaml:49:5: error: partners: '<<partner slug>>' is a placeholder from the template" in lines
    body = len((root / f"content/news/{TODAY}-opening.en.md").read_text(encoding="utf-8").splitlines())
    assert (f"content/news/{TODAY}-opening.en.md:{body}:1: error: '<<the article, in Markdown>>' "
            "is a placeholder from the template") in lines
    assert found[0].hint == "write the real value instead, or delete the field if it is optional"
    capsys.readouterr()
    assert run_cli("check", "--root", str(root), "--today", str(TODAY)) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_placeholder_left_inside_a_longer_text_is_reported(make_site):
    root = make_site({"partners/acme.yaml": "name: {en: Acme <<year>>, ru: Акме}\nkind: university\ncountry: CN\n"})
    assert messages(root) == ["partners/acme.yaml:1:12: error: name.en: 'Acme <<year>>' is a placeholder from the template"]


def _probe_paths(data, languages: set[str], path: str = ""):
    """Every mapping of the filled file a field could be added to, as the check names it ('', 'fee.', 'sessions[0].')."""
    if isinstance(data, dict) and not (data and set(data) <= languages):
        yield path, data
        for key, value in data.items():
            yield from _probe_paths(value, languages, f"{path}{key}.")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _probe_paths(item, languages, f"{path[:-1]}[{index}].")


def _allowed_keys(root: Path, relative: str, data: dict, body: str | None, where: list) -> list[str]:
    """The validator's own list of the fields allowed at `where`, from the hint of an unknown field put there."""
    target = data
    for step in where:
        target = target[step]
    target["zz-probe"] = 1
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (root / relative).write_text(text if body is None else f"---\n{text}---\n{body}", encoding="utf-8")
    del target["zz-probe"]
    [hint] = [p.hint for p in check(root, TODAY).items if p.field.endswith("zz-probe")]
    return hint.removeprefix("allowed here: ").split(", ")


def test_every_field_the_validator_knows_is_in_the_template(make_site):
    """Not a copy of the field list: the validator names the fields it allows, and each must be in the template."""
    root = make_site(FILES)
    create_all(root)
    for kind, _, relative in NEW:
        template = (root / relative).read_text(encoding="utf-8")
        filled = fill(template)
        front, body = (filled, None) if relative.endswith(".yaml") else filled.split("---\n", 2)[1:]
        data = yaml.safe_load(front)
        for path, mapping in _probe_paths(data, {"en", "ru"}):
            where = [int(step) if step.isdigit() else step for step in re.findall(r"[^.\[\]]+", path)]
            allowed = _allowed_keys(root, relative, data, body, where)
            assert [key for key in allowed if not re.search(rf"^\s*(#.*)?\b{key}:", template, re.M)] == [], (kind, path)
            if path == "":  # every field of the file is there to fill in, none only in a comment
                assert set(allowed) == set(mapping), kind
        (root / relative).write_text(filled, encoding="utf-8")


def test_templates_list_the_allowed_values_of_the_content_model(make_site):
    root = make_site()
    assert new(root, "program", "autumn") == 0 and new(root, "partner", "beta") == 0
    program = (root / "programs/autumn.yaml").read_text(encoding="utf-8")
    partner = (root / "partners/beta.yaml").read_text(encoding="utf-8")
    for value in (*PROGRAM_TYPES, *AUDIENCES, *MODES, *(f"{unit}:" for unit in DURATION_UNITS), "engineering", "acme"):
        assert value in program
    assert all(kind in partner for kind in PARTNER_KINDS)
    assert f"updated: {TODAY}" in program


def test_new_refuses_to_overwrite_an_existing_file(make_site, capsys):
    root = make_site()
    before = (root / "programs/summer.yaml").read_text(encoding="utf-8")
    assert new(root, "program", "summer") == 1
    assert capsys.readouterr().err == ("programs/summer.yaml: error: the file already exists; it was left as it is\n"
                                       "    hint: edit that file, or choose another slug for a new item\n"
                                       "Nothing was created.\n")
    assert (root / "programs/summer.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("slug", ["Summer_School", "summer--school", "лето", "summer.school"])
def test_new_rejects_a_slug_exactly_as_the_check_does(make_site, capsys, slug):
    root = make_site()
    assert new(root, "partner", slug) == 1
    refused = capsys.readouterr().err
    assert not (root / f"partners/{slug}.yaml").exists()
    (root / f"partners/{slug}.yaml").write_text((root / "partners/acme.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    [reported] = check(root, TODAY).sorted()
    assert refused == reported.format() + "\nNothing was created.\n"
    assert reported.message == f"'{slug}' is not a valid slug"


def test_new_page_with_a_reserved_slug_is_refused(make_site, capsys):
    assert new(make_site(), "page", "news") == 1
    assert capsys.readouterr().err.startswith(
        "content/pages/news.en.md: error: the page slug 'news' is reserved for the site's own URLs\n")


def test_new_news_uses_the_build_date_and_the_site_default_language(make_site, capsys):
    root = make_site()
    assert new(root, "news", "opening") == 0
    assert capsys.readouterr().out.startswith(f"Created content/news/{TODAY}-opening.en.md: replace every <<...>>")
    assert f"\ndate: {TODAY}\n" in (root / f"content/news/{TODAY}-opening.en.md").read_text(encoding="utf-8")


def test_translation_of_a_news_article_takes_the_date_of_the_original(make_site):
    root = make_site()
    assert new(root, "news", "opening", "--date", "2026-03-01", "--lang", "ru") == 0
    assert new(root, "news", "opening", "--lang", "en") == 0
    assert sorted(p.name for p in (root / "content/news").iterdir()) == ["2026-03-01-opening.en.md",
                                                                        "2026-03-01-opening.ru.md"]


def test_same_article_in_the_same_language_under_another_date_is_refused(make_site, capsys):
    root = make_site()
    assert new(root, "news", "opening", "--date", "2026-03-01") == 0
    assert new(root, "news", "opening", "--date", "2026-03-02") == 1
    assert capsys.readouterr().err.startswith(
        "content/news/2026-03-01-opening.en.md: error: the file already exists; it was left as it is\n")


def test_language_the_site_does_not_have_is_refused(make_site, capsys):
    assert new(make_site(), "page", "faq", "--lang", "EN") == 1
    assert capsys.readouterr().err == ("content/pages/faq.EN.md: error: 'EN' is not a language of this site "
                                       "(did you mean 'en'?)\n"
                                       "    hint: use --lang with one of: en, ru\n"
                                       "Nothing was created.\n")


def test_new_needs_a_readable_site_yaml(make_site, capsys):
    root = make_site({"site.yaml": None})
    assert new(root, "program", "autumn") == 1
    assert capsys.readouterr().err.startswith(f"site.yaml: error: the site has no site.yaml (looked in {root})\n")
    (root / "site.yaml").write_text("- en\n", encoding="utf-8")
    assert new(root, "program", "autumn") == 1
    assert capsys.readouterr().err == (
        "site.yaml:1:1: error: the file must be a mapping of fields, not a list\n"
        "    hint: write one 'key: value' line per field, e.g. 'title: {en: ...}'\n"
        "Nothing was created: site.yaml must be readable to know the site's languages.\n")
    assert not (root / "programs/autumn.yaml").exists()
