"""Checks: what is wrong across items rather than in one field. Links and images in editors' Markdown that
lead nowhere, stale translations recorded in the lock (translations/), and UI strings left untranslated. `check`
reports them; the build records the lock and the status page shows them."""
