"""Queryset bulk writes skip django-simple-history. On a tracked model they must go through simple-history's
bulk helpers (bulk_create_with_history, bulk_update_with_history); this test reads the code to hold that line."""

import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
APPS = ["kompotten", "cases", "housing", "evictions", "reports"]
BULK = re.compile(r"(\w+)\.objects(?:\.\w+\([^)]*\))*\.(bulk_create|bulk_update|update|delete)\(")


def tracked_model_names() -> set[str]:
    return {model.__name__ for model in apps.get_models() if hasattr(model, "history")}


def test_no_bulk_write_on_a_tracked_model_bypasses_its_history():
    tracked = tracked_model_names()
    assert {"Person", "Case", "ProtectedAddress", "FormerIdentityLink", "User"} <= tracked
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                for match in BULK.finditer(line):
                    if match.group(1) in tracked:
                        offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
