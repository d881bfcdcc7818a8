"""Serve: the dev server. Watch the site's files, classify each change, rebuild what it needs while keeping
the last good site, reload the browser, and show problems over the page instead of dying."""
