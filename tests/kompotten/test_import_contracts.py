"""The import contracts of pyproject.toml hold the layers: `lint-imports` passes on the project as it is and fails,
naming the import, when a copy of the project gains an import that points up, across, or into the development tools."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["kompotten", "cases", "housing", "evictions", "reports"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_of_the_project(tmp_path: Path) -> Path:
    """The Python files of every project package and the contracts (templates, locale and static do not matter)."""
    keep_python_only = shutil.ignore_patterns("templates", "locale", "static", "data", "__pycache__", "*.mo", "*.po")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=keep_python_only)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own tool, on our own copy
        [str(LINT_IMPORTS), "--no-cache"], cwd=project, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_project_keeps_every_import_contract(tmp_path):
    result = _lint_imports(_copy_of_the_project(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "added_import", "reported"),
    [
        ("cases/models/person.py", "import reports.models", "cases.models.person -> reports.models"),
        ("housing/selectors.py", "import evictions.models", "housing.selectors -> evictions.models"),
        ("cases/views.py", "import kompotten.devtools.demo.cases", "cases.views -> kompotten.devtools.demo.cases"),
    ],
    ids=["the case core importing reports", "housing importing evictions", "production code importing devtools"],
)
def test_an_import_against_the_layers_breaks_a_contract_that_names_it(tmp_path, module, added_import, reported):
    project = _copy_of_the_project(tmp_path)
    path = project / module
    path.write_text(f"{path.read_text()}\n{added_import}  # deliberately against the layers\n")

    result = _lint_imports(project)

    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert reported in result.stdout


@pytest.mark.parametrize(
    ("module", "reported"),
    [
        ("cases/views.py", "cases.views -> cases.relocation.services"),
        ("housing/selectors.py", "housing.selectors -> cases.relocation.services"),
    ],
    ids=["the case core importing relocation", "housing importing relocation"],
)
def test_a_layer_below_the_nested_relocation_app_may_not_import_it(tmp_path, module, reported):
    project = _copy_of_the_project(tmp_path)
    path = project / module
    path.write_text(f"{path.read_text()}\nimport cases.relocation.services  # deliberately against the layers\n")

    result = _lint_imports(project)

    assert result.returncode != 0
    assert reported in result.stdout


def test_a_module_cycle_inside_an_app_breaks_the_contract(tmp_path):
    project = _copy_of_the_project(tmp_path)
    path = project / "cases/relocation/models.py"
    path.write_text(f"{path.read_text()}\nimport cases.relocation.views  # deliberately a cycle\n")

    result = _lint_imports(project)

    assert result.returncode != 0
    assert "No cycles are allowed in cases.relocation" in result.stdout
