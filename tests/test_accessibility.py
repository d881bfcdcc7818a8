"""Every page type in every language passes axe-core in light and dark colours and requests nothing from other hosts.

Page types are found in the output by their <body class="page-KIND">, so a new template is checked as soon as
the theme has it. The sample site is checked whole (one page per type and language), the 1,000-program catalog
with one page per type.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import REPO, require_tool, static_host
from test_browser import browser, served_site  # noqa: F401  (fixtures shared with the browser tests)

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
KIND = re.compile(rb'<body class="page-([a-z-]+)')
LANG = re.compile(rb'<html lang="([^"]+)"')
# A query that finds something in each sample language, so the search page is checked with its results shown.
QUERIES = {"en": "program", "ru": "программа", "zh": "实习"}
SCHEMES = ("light", "dark")
# Every rule on the whole page; colour contrast, by far the slowest, skips the 21st and later children of a long
# list: a thousand catalog cards repeat the same markup and colours as the first twenty.
RUN_AXE = """async () => {
  const repeated = [];
  for (const parent of document.querySelectorAll("main *")) {
    if (parent.children.length > 20) repeated.push(...Array.from(parent.children).slice(20));
  }
  const only = (rule) => ({runOnly: [rule], resultTypes: ["violations"]});
  const others = await axe.run(document, {rules: {"color-contrast": {enabled: false}}, resultTypes: ["violations"]});
  const contrast = await axe.run(repeated.length ? {include: [document], exclude: repeated} : document,
                                 only("color-contrast"));
  return {violations: [...others.violations, ...contrast.violations], passes: [...others.passes, ...contrast.passes]};
}"""
CATALOG_BUDGET = 300 * 1024  # bytes, gzip-compressed HTML, CSS and JS of the 1,000-program catalog page


def page_types(site: Path, per_language: bool) -> list[str]:
    """One page path for each page type (and language), in a stable order."""
    chosen: dict[tuple[str, str], str] = {}
    for path in sorted(site.rglob("*.html")):
        html = path.read_bytes()
        kind, lang = KIND.search(html), LANG.search(html)
        relative = path.relative_to(site).as_posix()
        if kind and lang:
            key = (kind[1].decode(), relative if kind[1] == b"chooser" else lang[1].decode() if per_language else "")
            chosen.setdefault(key, relative.removesuffix("index.html"))
    return [chosen[key] for key in sorted(chosen)]


def sample_pages() -> list[str]:
    return page_types(REPO / "tests" / "golden", per_language=True)


@pytest.fixture(scope="module")
def axe_script() -> Path:
    return Path(require_tool(str(AXE)))


@pytest.fixture(scope="module")
def served_1000(catalog_1000: Path):
    with static_host(catalog_1000) as address:
        yield address


def visit(browser, url: str, axe_script: Path, redirects: bool) -> tuple[dict[str, list[dict]], list[str], list[str]]:
    """Open a page; its axe violations in each colour scheme, the requests that left its host, its console errors."""
    context = browser.new_context(color_scheme=SCHEMES[0], locale="en-GB")
    page = context.new_page()
    own_host = urlsplit(url).netloc
    foreign, errors = [], []
    page.on("request", lambda r: urlsplit(r.url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(r.url).netloc != own_host and foreign.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    if redirects:  # the root pages send visitors on at once; check what they show without scripts
        page.route(url, _without_redirect)
    page.goto(url)
    if "/search/?q=" in url:
        page.locator("#search-results li").first.wait_for()
    page.add_script_tag(path=str(axe_script))
    violations = {}
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        page.evaluate("document.getAnimations().forEach(a => a.finish())")  # colour transitions, if any, end now
        result = page.evaluate(RUN_AXE)
        assert any(r["id"] == "color-contrast" for r in result["passes"] + result["violations"]), "axe did not run"
        violations[scheme] = result["violations"]
    context.close()
    return violations, foreign, errors


def _without_redirect(route) -> None:
    response = route.fetch()
    body = re.sub(r"<script>.*?</script>", "", response.text(), flags=re.S)
    route.fulfill(response=response, body=body)


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " +
                     "\n    ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                                   for n in v["nodes"][:5]) for v in violations)


def check_page(browser, base: str, relative: str, axe_script: Path, searchable: bool) -> None:
    lang = relative.split("/", 1)[0]
    query = searchable and relative.endswith("/search/") and lang in QUERIES
    url = base + relative + (f"?q={QUERIES[lang]}" if query else "")
    redirects = "/" not in relative  # the root chooser and root 404
    violations, foreign, errors = visit(browser, url, axe_script, redirects)
    for scheme in SCHEMES:
        assert violations[scheme] == [], f"{relative} ({scheme}):\n{describe(violations[scheme])}"
    assert foreign == [], f"{relative} requested other hosts: {foreign}"
    assert errors == [], f"{relative}: console errors {errors}"


@pytest.mark.parametrize("relative", sample_pages())
def test_sample_page_passes_axe_in_light_and_dark(browser, served_site, axe_script, relative):
    check_page(browser, served_site, relative, axe_script, searchable=True)


def test_every_page_type_of_the_1000_program_catalog_passes_axe(browser, served_1000, catalog_1000, axe_script):
    pages = page_types(catalog_1000, per_language=False)
    assert {"home", "programs", "program", "partner", "article", "search"} <= {_kind(catalog_1000, p) for p in pages}
    for relative in pages:
        check_page(browser, served_1000, relative, axe_script, searchable=(catalog_1000 / "pagefind").is_dir())


def _kind(site: Path, relative: str) -> str:
    path = site / (relative + "index.html" if relative.endswith("/") or not relative else relative)
    return KIND.search(path.read_bytes())[1].decode()


def test_the_1000_program_catalog_page_weighs_under_300_kb_compressed(browser, served_1000):
    context = browser.new_context()
    page = context.new_page()
    loaded: list = []
    page.on("response", lambda r: r.request.resource_type in ("document", "stylesheet", "script") and loaded.append(r))
    page.goto(f"{served_1000}en/programs/")
    page.wait_for_load_state("networkidle")
    sizes = {r.url: len(gzip.compress(r.body(), 6)) for r in loaded}
    context.close()
    assert any(url.endswith("/en/programs/") for url in sizes) and any(url.endswith(".css") for url in sizes)
    assert sum(sizes.values()) < CATALOG_BUDGET, sizes
