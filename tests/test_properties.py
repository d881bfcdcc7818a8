"""Generated sites keep the promise to editors: what `check` accepts builds, with no traceback on the way,
and what the build writes is valid: feeds, calendars and sitemaps parse, pages pass the Nu HTML Checker.

The sites come from tests/site_strategies.py: within every documented limit of the content model, or with
mistakes just outside them, which check must reject. The suite tries a fixed, bounded set; `scripts/fuzz-sites`
runs the same property on many more."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from site_property import examine
from site_strategies import GeneratedSite, sites
from site_values import SUITE_SCALE
from test_html_validator import validation_errors


# The same examples on every run (no database, derandomized); shrinking is left to the long run, since a
# failing site is printed whole and shrinking one costs minutes.
def suite(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    phases=[Phase.explicit, Phase.generate], print_blob=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])


PAGES_TO_VALIDATE = 4  # built sites whose every page goes to the Nu HTML Checker, in one run


@dataclass
class Built:
    """Built sites kept for the HTML check, each beside the source it came from."""

    folder: Path
    sites: list[tuple[GeneratedSite, Path]] = field(default_factory=list)
    examined: int = 0

    def _repr_pretty_(self, printer, cycle) -> None:  # not part of a failing example worth printing
        printer.text(f"Built({self.folder})")

    def next_folder(self) -> Path:
        self.examined += 1
        return self.folder / f"example-{self.examined}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(tmp_path_factory.mktemp("generated"))


@suite(19)
@given(site=sites(SUITE_SCALE, wild=False))
def test_what_check_accepts_builds_and_its_feeds_calendars_and_sitemaps_parse(site: GeneratedSite, built: Built):
    folder = built.next_folder()
    outcome = examine(site, folder, seconds=60)
    assert outcome.failures == [], outcome.report()
    if outcome.built and len(built.sites) < PAGES_TO_VALIDATE:
        built.sites.append((site, outcome.out))
    else:
        shutil.rmtree(folder)


@suite(6)  # drawn apart: Hypothesis draws the simplest sites more often when a test is slow, and few would have mistakes
@given(site=sites(SUITE_SCALE, wild=True))
def test_check_rejects_every_site_with_a_mistake_without_a_traceback(site: GeneratedSite, built: Built):
    folder = built.next_folder()
    outcome = examine(site, folder, seconds=60)
    assert outcome.failures == [], outcome.report()
    assert outcome.check_exit == 1
    shutil.rmtree(folder)


def test_pages_of_generated_sites_pass_the_nu_html_checker(built: Built):
    if not built.sites:
        pytest.skip("checks the pages the test above built; run the whole file")
    pages = sorted(page for _, out in built.sites for page in out.rglob("*.html"))
    errors = validation_errors(pages)
    sources = {str(out): site for site, out in built.sites}
    failing = {folder: site for folder, site in sources.items() if any(folder in error for error in errors)}
    assert errors == [], "\n".join(errors[:40]) + "\n\nbuilt from:\n" + "\n\n".join(map(repr, failing.values()))
