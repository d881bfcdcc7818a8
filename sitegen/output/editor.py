"""The web editor at B/admin/ (Decap CMS): its page, its configuration and the vendored script, when site.yaml
enables it."""
from __future__ import annotations

import html
import shutil
from pathlib import Path
from typing import Any

import yaml

from ..foundation.builtin import editor_script
from ..foundation.model import Site
from ..plan.urls import INDEX_FILE, Urls, editor_path
from .editorconfig import editor_config
from .write import write_file

CONFIG_FILE = "config.yml"


def script_name(script: Path) -> str:
    """The published name of the script names its version (vendor/decap-cms-3.16.3/decap-cms.js → decap-cms-3.16.3.js)."""
    return f"{script.parent.name}{script.suffix}"


def editor_page(site: Site, urls: Urls, script: str) -> str:
    language = site.language(site.default_language)
    title = html.escape(f"{site.title.get(language.code) or ''} · CMS")
    style, icon = html.escape(urls.static("css/site.css")), html.escape(urls.static("favicon.svg"))
    # Previews are drawn in the theme's style, in the site's default language.
    return f"""<!DOCTYPE html>
<html lang="{html.escape(language.hreflang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="icon" href="{icon}" type="image/svg+xml">
<link href="{CONFIG_FILE}" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="{html.escape(script)}"></script>
<script>CMS.registerPreviewStyle("{style}");</script>
</body>
</html>
"""


def config_text(config: dict[str, Any]) -> str:
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)


def write_editor(stage: Path, site: Site, urls: Urls) -> list[str]:
    """The editor's files in the stage (none when the site does not enable it); pipeline checked the script is there."""
    if site.web_editor is None:
        return []
    script = editor_script()
    name = script_name(script)
    files = {editor_path(INDEX_FILE): editor_page(site, urls, name),
             editor_path(CONFIG_FILE): config_text(editor_config(site, urls.base_url))}
    for relative, text in files.items():
        write_file(stage, relative, text.encode())
    target = stage / editor_path(name)
    shutil.copyfile(script, target)
    return [*files, editor_path(name)]
