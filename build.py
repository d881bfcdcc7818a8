#!/usr/bin/env python3
"""Entry point: `python build.py build|check|serve|i18n ...` (see --help)."""
import sys

from sitegen.cli import main

if __name__ == "__main__":
    sys.exit(main())
