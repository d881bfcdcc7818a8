"""The dev server's problem overlay: what stops the site from rebuilding, shown over every served page."""
from __future__ import annotations

import re
from dataclasses import dataclass

from babel.support import NullTranslations
from markupsafe import Markup

from ..foundation.problems import Problem
from ..plan.urls import path_language

# The generator's own messages are English; the overlay's frame speaks the page's language.
MESSAGES_LANGUAGE = "en"
_HTML_LANG = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z0-9-]+)", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Report:
    """Why the served site is not the current content: the build's problems, or an internal error."""

    problems: tuple[Problem, ...] = ()
    internal_error: str = ""  # the exception, when the generator itself failed

    def __bool__(self) -> bool:
        return bool(self.problems or self.internal_error)


def page_language(path: str, html: str, languages: dict[str, str], default: str) -> str:
    """The language code of a served page: its URL's first folder, else its <html lang>, else the default.

    `languages` maps each site language's code and hreflang (e.g. zh-Hans) to its code.
    """
    first = path_language(path)
    if first in languages:
        return languages[first]
    found = _HTML_LANG.search(html[:2000])
    if found:
        tag = found.group(1)
        for candidate in (tag, tag.split("-")[0]):
            if candidate in languages:
                return languages[candidate]
    return default


def overlay_html(report: Report, translations: NullTranslations, lang: str) -> Markup:
    """The overlay: a labelled, non-modal dialog whose summary is announced; every value escaped."""
    _ = translations.gettext
    count = len(report.problems)
    if report.internal_error:
        summary = _("The generator failed with an internal error. The terminal shows the details; please report them.")
    else:
        summary = translations.ngettext("%(count)s problem stops the site from being rebuilt.",
                                        "%(count)s problems stop the site from being rebuilt.", count) % {"count": count}
    items = Markup("").join(_problem_item(problem, translations) for problem in report.problems)
    if report.internal_error:
        items += Markup('<li><pre lang="{}">{}</pre></li>').format(MESSAGES_LANGUAGE, report.internal_error)
    return Markup(_TEMPLATE).format(
        lang=lang, style=Markup(_STYLE), script=Markup(_SCRIPT), heading=_("The site could not be rebuilt"),
        summary=summary, advice=_("Fix the file and save it: this page updates by itself. "
                                  "Until then the last good version of the site is shown."),
        close=_("Close"), items=items)


def _problem_item(problem: Problem, translations: NullTranslations) -> Markup:
    severity = translations.gettext("Error") if problem.severity == "error" else translations.gettext("Warning")
    field = f"{problem.field}: " if problem.field else ""
    hint = Markup('<p class="sg-hint"><span>{}</span> <span lang="{}">{}</span></p>').format(
        translations.gettext("Hint:"), MESSAGES_LANGUAGE, problem.hint) if problem.hint else Markup("")
    return Markup('<li><p><code class="sg-where">{}</code> <strong>{}</strong></p>'
                  '<p lang="{}">{}{}</p>{}</li>').format(
        str(problem.position), severity, MESSAGES_LANGUAGE, field, problem.message, hint)


def inject(html: str, fragment: str) -> str:
    """Put the fragment just before </body>, or at the end of a page without one."""
    found = None
    for found in _BODY_END.finditer(html):
        pass
    if found is None:
        return html + fragment
    return html[:found.start()] + fragment + html[found.start():]


_TEMPLATE = """<div id="sitegen-overlay" lang="{lang}" role="dialog" aria-modal="false"
 aria-labelledby="sitegen-overlay-heading" aria-describedby="sitegen-overlay-summary">{style}
<div class="sg-box">
<button type="button" class="sg-close" id="sitegen-overlay-close" autofocus>{close}</button>
<h2 id="sitegen-overlay-heading">{heading}</h2>
<p id="sitegen-overlay-summary" role="alert">{summary}</p>
<p>{advice}</p>
<ol>{items}</ol>
</div>{script}</div>
"""

_STYLE = """<style>
#sitegen-overlay{all:initial;position:fixed;inset:0;z-index:2147483647;display:flex;align-items:flex-start;
justify-content:center;padding:2rem 1rem;background:rgba(20,20,20,.72);overflow:auto;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif}
#sitegen-overlay[hidden]{display:none}
#sitegen-overlay .sg-box{position:relative;box-sizing:border-box;max-width:56rem;width:100%;margin:0;padding:1.5rem;
background:#fff;color:#1a1a1a;border-top:.5rem solid #b00020;border-radius:.25rem;box-shadow:0 .5rem 2rem #000}
#sitegen-overlay h2{margin:0 6rem .5rem 0;font-size:1.4rem;color:#b00020}
#sitegen-overlay p{margin:.25rem 0}
#sitegen-overlay ol{margin:1rem 0 0;padding:0 0 0 1.5rem}
#sitegen-overlay li{margin:0 0 .75rem}
#sitegen-overlay code,#sitegen-overlay pre{font:.95rem/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace}
#sitegen-overlay pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.5rem}
#sitegen-overlay .sg-where{background:#f4f4f4;padding:0 .25rem}
#sitegen-overlay .sg-hint{color:#3d3d3d}
#sitegen-overlay .sg-close{position:absolute;top:1rem;right:1rem;padding:.4rem .9rem;font:inherit;cursor:pointer;
color:#fff;background:#1a1a1a;border:2px solid #1a1a1a;border-radius:.25rem}
#sitegen-overlay .sg-close:focus-visible{outline:3px solid #b00020;outline-offset:2px}
</style>"""

_SCRIPT = """<script>(function(){var o=document.getElementById("sitegen-overlay"),
b=document.getElementById("sitegen-overlay-close");function c(){o.hidden=true;}
b.addEventListener("click",c);document.addEventListener("keydown",function(e){if(e.key==="Escape")c();});
b.focus();})();</script>"""
