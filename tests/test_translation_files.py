"""`translations export` writes XLIFF 2.0 and PO that translators' tools read (translate-toolkit stands in for
them); `translations import` writes the translations back, changing nothing but the translated values."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO, TODAY, build_site, run_cli
from sitegen.checks.stale import fingerprint
from sitegen.commands.check import check_site

xliff2 = pytest.importorskip("translate.storage.xliff2")
pypo = pytest.importorskip("translate.storage.pypo")

PROGRAM = "programs/cscoiet-industrial-company-staff.yaml"
NEWS = "content/news/2025-10-14-shanghai-agreements"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root,
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A git copy of the sample site whose zh summary of one program and zh news article are gone."""
    root = tmp_path / "site"
    root.mkdir()
    for name in ("site.yaml", "programs", "partners", "content", "translations"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, root / name)
    text = (root / PROGRAM).read_text(encoding="utf-8")
    start = text.index("  zh: >-\n", text.index("summary:"))
    (root / PROGRAM).write_text(text[:start] + text[text.index("description:"):], encoding="utf-8")
    (root / f"{NEWS}.zh.md").unlink()
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "sample")
    return root


def uid(unit) -> str:
    """The unit's id as the site names it: its file's `original`, then its own id."""
    return f"{unit.getunitelement().getparent().get('original')}#{unit.getid()}"


def notes(unit) -> str:
    """The unit's notes (translate-toolkit's getnotes() looks in the segment; XLIFF 2.0 puts them in the unit)."""
    return " ".join(note.text for note in unit.getunitelement().iter("{urn:oasis:names:tc:xliff:document:2.0}note"))


def export(root: Path, *options: str) -> Path:
    out = root.parent / "out.file"
    assert run_cli("translations", "export", "--lang", "zh", *options, "--output", str(out), "--root", str(root)) == 0
    return out


def original_zh() -> dict[str, str]:
    """The sample's own zh texts of what the fixture removed, by unit id."""
    summary = yaml.safe_load((REPO / PROGRAM).read_text(encoding="utf-8"))["summary"]["zh"]
    text = (REPO / f"{NEWS}.zh.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    found = {f"{PROGRAM}#summary": summary, f"{NEWS}#title": data["title"], f"{NEWS}#summary": data["summary"]}
    found.update({f"{NEWS}#body.{n}": block for n, block in enumerate(body.strip().split("\n\n"), 1)})
    return found


def test_the_xliff_export_lists_each_untranslated_text_with_its_source_and_where_it_is_used(sample):
    store = xliff2.Xliff2File.parsefile(str(export(sample)))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("ru", "zh")
    ids = [uid(unit) for unit in store.units]
    assert ids[:4] == [f"{PROGRAM}#summary", f"{NEWS}#title", f"{NEWS}#summary", f"{NEWS}#body.1"]
    assert ids == [f"{PROGRAM}#summary", f"{NEWS}#title", f"{NEWS}#summary", *(f"{NEWS}#body.{n}" for n in range(1, 13))]
    first = store.units[0]
    assert first.source.startswith("Международная программа повышения квалификации для сотрудников китайских")
    assert not first.target
    assert ("shown on https://example.org/internships/zh/programs/cscoiet-industrial-company-staff/"
            in notes(first)), "the notes say where the text is used"
    assert store.units[4].source == "## Встречи с потенциальными партнёрами"


def test_the_po_export_of_every_text_carries_the_current_translations(sample):
    store = pypo.pofile.parsefile(str(export(sample, "--all", "--format", "po")))
    units = {unit.getcontext(): unit for unit in store.units if not unit.isheader()}
    title = units["partners/usst.yaml#name"]
    assert (title.source, title.target) == ("Шанхайский университет науки и технологий", "上海理工大学")
    assert f"{PROGRAM}#summary" in units and not units[f"{PROGRAM}#summary"].target
    assert "source digest: " in title.getnotes()


def test_a_stale_translation_is_exported_with_its_old_text(sample):
    assert build_site(sample, sample.parent / "public").written  # records the lock
    text = (sample / "partners/usst.yaml").read_text(encoding="utf-8")
    (sample / "partners/usst.yaml").write_text(text.replace("ru: Шанхай\n", "ru: г. Шанхай\n"), encoding="utf-8")
    store = xliff2.Xliff2File.parsefile(str(export(sample, "--stale")))
    assert [(uid(unit), unit.source, unit.target) for unit in store.units] == [
        ("partners/usst.yaml#city", "г. Шанхай", "上海")]


def test_translations_filled_in_a_tool_go_back_into_the_files_and_nothing_else_changes(sample, capsys):
    path = export(sample)
    store = xliff2.Xliff2File.parsefile(str(path))
    texts = original_zh()
    for unit in store.units:
        unit.target = texts[uid(unit)]
    store.savefile(str(path))
    capsys.readouterr()
    assert run_cli("translations", "import", str(path), "--root", str(sample)) == 0
    assert capsys.readouterr().out == ("15 units into zh imported (4 fields); 2 files changed; the lock files in "
                                       "translations/ are up to date\n")
    changed = [line for line in git(sample, "diff", "-U0", "--", "programs").splitlines()
               if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert changed == [f"+  zh: {texts[f'{PROGRAM}#summary']}"]
    article = (sample / f"{NEWS}.zh.md").read_text(encoding="utf-8")
    title = texts[f"{NEWS}#title"]
    assert article == (REPO / f"{NEWS}.zh.md").read_text(encoding="utf-8").replace(
        f"title: {title}\n", f'title: "{title}"\n'), "a new file takes the layout of its source, quotes included"
    problems = [p.format() for p in check_site(sample, TODAY).problems
                if p.position.path in (PROGRAM, f"{NEWS}.en.md", f"{NEWS}.zh.md")]
    assert problems == []
    assert build_site(sample, sample.parent / "public").written
    page = (sample.parent / "public/zh/programs/cscoiet-industrial-company-staff/index.html").read_text(encoding="utf-8")
    assert texts[f"{PROGRAM}#summary"] in page


def test_a_po_file_filled_in_a_tool_goes_back_into_the_files_too(sample, capsys):
    path = export(sample, "--format", "po")
    store = pypo.pofile.parsefile(str(path))
    texts = original_zh()
    for unit in store.units:
        if not unit.isheader():
            unit.target = texts[unit.getcontext()]
    store.savefile(str(path))
    capsys.readouterr()
    assert run_cli("translations", "import", str(path), "--root", str(sample)) == 0
    assert capsys.readouterr().out.startswith("15 units into zh imported (4 fields); 2 files changed")
    changed = [line for line in git(sample, "diff", "-U0", "--", "programs").splitlines()
               if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert changed == [f"+  zh: {texts[f'{PROGRAM}#summary']}"]
    assert [p.format() for p in check_site(sample, TODAY).problems
            if p.position.path in (PROGRAM, f"{NEWS}.en.md", f"{NEWS}.zh.md")] == []


def test_a_unit_whose_source_changed_after_the_export_is_reported_and_not_imported(sample, capsys):
    path = export(sample)
    store = xliff2.Xliff2File.parsefile(str(path))
    store.units[0].target = "译文"
    store.savefile(str(path))
    text = (sample / PROGRAM).read_text(encoding="utf-8")
    (sample / PROGRAM).write_text(text.replace("Содержание, сроки", "Содержание и сроки"), encoding="utf-8")
    capsys.readouterr()
    assert run_cli("translations", "import", str(path), "--root", str(sample)) == 1
    assert capsys.readouterr().err == (
        f"{path}:4:5: error: unit '{PROGRAM}#summary': the ru text changed after the export, so this translation "
        "was not imported\n"
        "    hint: export the file again and translate the new text (the tool's translation memory offers this "
        "translation)\n1 error, 0 warnings\n")
    assert (sample / PROGRAM).read_text(encoding="utf-8") == text.replace("Содержание, сроки", "Содержание и сроки")


def import_problems(root: Path, name: str, text: str, capsys) -> str:
    path = root.parent / name
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run_cli("translations", "import", str(path), "--root", str(root)) == 1
    return capsys.readouterr().err.replace(str(path), name)


def unit(original: str, name: str, target: str, digest: str = "0") -> str:
    return (f'<file id="f" original="{original}"><unit id="{name}"><notes><note category="source-digest">{digest}'
            f'</note></notes><segment><source>x</source><target>{target}</target></segment></unit></file>')


def xliff(*units: str, language: str = "zh") -> str:
    return (f'<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" '
            f'trgLang="{language}">\n' + "\n".join(units) + "\n</xliff>\n")


def test_a_file_that_is_not_xliff_or_po_is_reported_where_it_breaks(sample, capsys):
    assert import_problems(sample, "bad.xlf", '<?xml version="1.0"?>\n<xliff version="2.0">\n<file>\n</xliff>\n',
                           capsys) == (
        "bad.xlf:2:1: error: the translation file cannot be read: it is not an XLIFF 2.0 file (its root element is "
        "not <xliff version=\"2.0\"> in the XLIFF 2.0 namespace)\n"
        "    hint: export a new file with 'python build.py translations export', or save this one again from the "
        "translation tool as XLIFF 2.0 or PO\n1 error, 0 warnings\n")
    assert import_problems(sample, "bad2.xlf", xliff("<file>"), capsys).startswith(
        "bad2.xlf:4:3: error: the translation file cannot be read: it is not well-formed XML: mismatched tag\n")


def test_a_file_for_another_language_is_refused(sample, capsys):
    assert import_problems(sample, "de.xlf", xliff(language="de"), capsys) == (
        "de.xlf: error: the file is for the language 'de', which is not one of this site's (ru, en, zh)\n"
        "    hint: set the target language in the translation tool to one of the site's, or export the file again "
        "with --lang\n1 error, 0 warnings\n")


def test_units_of_texts_the_site_no_longer_has_are_reported_all_at_once(sample, capsys):
    found = import_problems(sample, "old.xlf", xliff(unit("programs/gone.yaml", "title", "标题"),
                                                     unit(PROGRAM, "titel", "标题")), capsys)
    assert found == (
        "old.xlf:3:44: error: unit 'programs/gone.yaml#title': the site has no item 'programs/gone.yaml' any more\n"
        "    hint: the file was renamed or removed after the export; translate it anew from a new export\n"
        f"old.xlf:4:72: error: unit '{PROGRAM}#titel' is not a translatable text of '{PROGRAM}'\n"
        "    hint: the unit was changed in the translation tool or the field was removed; export the file again\n"
        "2 errors, 0 warnings\n")


def test_a_new_article_needs_its_title_translated(sample, capsys):
    body = next(u for u in xliff2.Xliff2File.parsefile(str(export(sample))).units if uid(u) == f"{NEWS}#body.2")
    digest = fingerprint(body.source)
    found = import_problems(sample, "part.xlf", xliff(unit(NEWS, "body.2", "## 会谈", digest)), capsys)
    assert found.splitlines()[0] == (
        "content/news/2025-10-14-shanghai-agreements.zh.md: error: the file does not exist yet; to create it,"
        " translate content/news/2025-10-14-shanghai-agreements#title, content/news/2025-10-14-shanghai-agree"
        "ments#body.1, content/news/2025-10-14-shanghai-agreements#body.3, content/news/2025-10-14-shanghai-a"
        "greements#body.4, content/news/2025-10-14-shanghai-agreements#body.5, content/news/2025-10-14-shangh"
        "ai-agreements#body.6, content/news/2025-10-14-shanghai-agreements#body.7, content/news/2025-10-14-sh"
        "anghai-agreements#body.8, content/news/2025-10-14-shanghai-agreements#body.9, content/news/2025-10-1"
        "4-shanghai-agreements#body.10, content/news/2025-10-14-shanghai-agreements#body.11, content/news/202"
        "5-10-14-shanghai-agreements#body.12 too")
    assert not (sample / f"{NEWS}.zh.md").exists()


def test_a_file_whose_layout_cannot_be_kept_is_not_written(sample, capsys):
    text = "name:\n    ru: Акме\n    en: Acme\nkind: university\ncountry: CN\ncity:\n  ru: Шанхай\n"
    (sample / "partners/usst.yaml").write_text(text, encoding="utf-8")
    found = import_problems(sample, "mixed.xlf", xliff(unit("partners/usst.yaml", "city", "上海",
                                                            fingerprint("Шанхай"))), capsys)
    assert found == (
        "partners/usst.yaml: error: the translations cannot be written into this file: its indentation is mixed, "
        "so writing it back would change more than the translated texts\n"
        "    hint: put the file in the layout 'build.py new' writes (the same indentation throughout), then import "
        "again\n1 error, 0 warnings\n")
    assert (sample / "partners/usst.yaml").read_text(encoding="utf-8") == text


def test_writing_an_xliff_file_leaves_the_sitemaps_namespace_prefixes_alone():
    from sitegen.commands.translations_formats import write_xliff
    from sitegen.output.sitemap import SitemapEntry, _urlset
    entries = [SitemapEntry("https://example.org/en/", None, (("en", "https://example.org/en/"),))]
    before = _urlset(entries)
    assert before.splitlines()[1].startswith(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"')
    assert write_xliff([], "en", "zh").splitlines()[1] == \
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh" />'
    assert _urlset(entries) == before
