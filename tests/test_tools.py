"""Tests that need Chromium or Java skip on a developer's machine without them, and fail in CI."""
from __future__ import annotations

import pytest

import conftest


def test_a_missing_tool_skips_with_the_reason(monkeypatch):
    monkeypatch.setattr(conftest, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception, match="needs no-such-tool-xyz, which is not installed"):
        conftest.require_tool("no-such-tool-xyz")


def test_a_missing_tool_fails_under_ci(monkeypatch):
    monkeypatch.setattr(conftest, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="under CI=true this is a failure"):
        conftest.require_tool("no-such-tool-xyz")
    with pytest.raises(pytest.fail.Exception, match="under CI=true this is a failure"):
        conftest.require_module("no_such_module_xyz")
