"""Commands: the command line's jobs besides build and serve. `check` with its output formats, `new` (the
commented scaffolds), and `i18n` over Babel's message catalogs."""
