"""A static multilingual program catalog site generator.

The packages follow a build from bottom to top, and import only downwards (tests/test_architecture.py):
foundation (problems, model, limits, fingerprints) → source (files to validated content) → plan (catalog facts,
URLs, pages) → render (one language's HTML) → checks (what is wrong across items) → output (everything written
to the output folder) → pipeline (the build, stage by stage) → commands and serve → cli."""
