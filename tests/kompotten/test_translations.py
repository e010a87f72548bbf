"""English is the second language: every catalogue in the project translates every message, none of them fuzzily."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    path for path in ROOT.glob("**/locale/en/LC_MESSAGES/django.po") if not {".venv", "node_modules"} & set(path.parts)
)


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_message_has_an_english_translation(catalogue):
    statistics = subprocess.run(  # noqa: S603 - our own catalogue paths
        ["msgfmt", "--statistics", "-o", "/dev/null", str(catalogue)],  # noqa: S607 - gettext, installed by bin/setup
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert "translated messages." in statistics and "fuzzy" not in statistics and "untranslated" not in statistics, (
        f"{catalogue.relative_to(ROOT)}: {statistics.strip()}"
    )
