"""The rule for writes (docs/architecture.md): views parse, call one service and redirect. A view
module never saves a model or writes the audit trail itself; the services do, in one transaction
with the trail entry."""

from __future__ import annotations

import ast
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "src" / "maca" / "web"
WRITES = {
    "save",
    "save_m2m",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "update",
    "delete",
    "log_event",
}


def view_modules() -> list[Path]:
    return sorted([*WEB.glob("*/views.py"), *WEB.glob("*/views/*.py")])


def writes_in(path: Path, root: Path = WEB) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in WRITES:
                found.append(f"{path.relative_to(root)}:{node.lineno} {name}()")
    return found


def test_there_are_view_modules_to_check():
    names = {str(p.relative_to(WEB)) for p in view_modules()}
    assert {"audits/views/cases.py", "briefings/views.py", "trail/views.py"} <= names


def test_views_write_only_through_services():
    assert [w for path in view_modules() for w in writes_in(path)] == []


def test_the_check_finds_a_write_in_a_view(tmp_path):
    view = tmp_path / "views.py"
    view.write_text("def v(request, case):\n    case.save()\n    log_event(request.user)\n")
    assert writes_in(view, tmp_path) == ["views.py:2 save()", "views.py:3 log_event()"]


def test_no_app_imports_another_apps_views():
    """Only the project's urls.py wires views; apps share models, fetchers, services, queries."""
    offenders = []
    for path in sorted(WEB.rglob("*.py")):
        app = path.relative_to(WEB).parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                parts = node.module.split(".")
                if (
                    parts[:2] == ["maca", "web"]
                    and parts[3:4] == ["views"]
                    and parts[2] not in (app, "common")
                ):
                    offenders.append(f"{path.relative_to(WEB)}: {node.module}")
    assert [o for o in offenders if not o.startswith("urls.py")] == []
