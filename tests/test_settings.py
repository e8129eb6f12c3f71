"""Every setting is read from ZITAT_* and documented in the README."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from zitat.settings import Settings, get_settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


@pytest.mark.parametrize("f", fields(Settings), ids=lambda f: f.name)
def test_setting_has_help_and_is_documented(f):
    assert f.metadata.get("help"), f"setting {f.name} has no help text"
    assert f"ZITAT_{f.name.upper()}" in README, f"ZITAT_{f.name.upper()} missing from README"


def test_environment_overrides(monkeypatch):
    monkeypatch.setenv("ZITAT_MAX_CHARS", "123")
    monkeypatch.setenv("ZITAT_DB", "other.db")
    get_settings.cache_clear()
    s = get_settings()
    assert (s.max_chars, s.db) == (123, "other.db")
