"""The rules of docs/architecture.md that a grep (or the syntax tree) can check, per app.

- Roles are compared only in `accounts` (the capability table and the permission API).
- Views neither query models nor write: they ask selectors and services.
- Services write through `@service` (one transaction, audited: core/services.py), never a
  bare `transaction.atomic`, and name their actor.
- Selectors that take a user scope through the one API (`visible`, `visible_or_404`,
  `in_scope`, `scope_of`) or another selector that does.
- Nobody uses the old helpers (`restrict`, `has_capability`, `rule_required`,
  `capability_required`): one way to ask.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "akademia"
APPS = [
    "core",
    "accounts",
    "territory",
    "programmes",
    "consultations",
    "recruitment",
    "planning",
    "delivery",
    "evaluation",
    "reporting",
    "efs",
    "api",
]
SCOPING = {"visible", "visible_or_404", "in_scope", "scope_of", "can"}
OLD_HELPERS = re.compile(r"\b(restrict|has_capability|rule_required|capability_required)\(")
ROLE_COMPARISON = re.compile(
    r"\.role\s*(==|!=|\bin\b|\bnot in\b)|\brole\s*(==|!=)|\bRole\.[A-Z_]+\b|"
    r"\b(OPERATORS|JST_SCOPED|VOIVODESHIP_SCOPED)\b"
)


def _sources(app: str, *, pattern: str = "**/*.py"):
    for path in sorted((ROOT / app).glob(pattern)):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _modules(app: str, layer: str):
    """`<app>/<layer>.py` and every module of the package `<app>/<layer>/`."""
    single = ROOT / app / f"{layer}.py"
    if single.exists():
        yield single
    package = ROOT / app / layer
    if package.is_dir():
        yield from sorted(p for p in package.glob("*.py") if p.name != "__init__.py")


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT.parent))


@pytest.mark.parametrize("app", [a for a in APPS if a != "accounts"])
def test_no_role_comparison_outside_accounts(app):
    found = []
    for path in _sources(app):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ROLE_COMPARISON.search(line) and "role=" not in line.replace(" ", ""):
                found.append(f"{_relative(path)}:{number}: {line.strip()}")
    for path in sorted((ROOT / app).glob("templates/**/*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"user\.role\b", line):
                found.append(f"{_relative(path)}:{number}: {line.strip()}")
    assert not found, "ask accounts.permissions.can() instead:\n" + "\n".join(found)


@pytest.mark.parametrize("app", APPS)
def test_one_way_to_ask_for_a_permission(app):
    found = [
        f"{_relative(path)}:{number}: {line.strip()}"
        for path in _sources(app)
        if path.name not in ("permissions.py", "scoping.py") or app != "accounts"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OLD_HELPERS.search(line)
    ]
    assert not found, "use visible/can/require/permission_required:\n" + "\n".join(found)


@pytest.mark.parametrize("app", APPS)
def test_views_neither_query_nor_write(app):
    found = []
    for path in _modules(app, "views"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "objects":
                found.append(f"{_relative(path)}:{node.lineno}: .objects")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("save", "delete", "update", "create", "bulk_create")
                and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "form")
            ):
                found.append(f"{_relative(path)}:{node.lineno}: .{node.func.attr}()")
    assert not found, "move these to a selector or a service:\n" + "\n".join(found)


def _decorators(function: ast.FunctionDef) -> set[str]:
    names = set()
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        names.add(ast.unparse(target))
    return names


@pytest.mark.parametrize("app", APPS)
def test_services_write_through_the_audited_decorator(app):
    found = []
    for path in _modules(app, "services"):
        if path.parent.name == "services" and path.name == "common.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            decorators = _decorators(node)
            if {"transaction.atomic", "atomic"} & decorators:
                found.append(f"{_relative(path)}:{node.lineno}: {node.name} uses atomic")
            if "service" in decorators and "actor" not in [a.arg for a in node.args.kwonlyargs]:
                found.append(f"{_relative(path)}:{node.lineno}: {node.name} names no actor")
    assert not found, "write services with @service (core/services.py):\n" + "\n".join(found)


@pytest.mark.parametrize("app", APPS)
def test_selectors_of_a_user_scope_through_the_one_api(app):
    found = []
    for path in _modules(app, "selectors"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        local = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        # Another app's (or module's) selector scopes by itself: calling it counts.
        local |= {
            alias.asname or alias.name
            for n in tree.body
            if isinstance(n, ast.ImportFrom) and "selectors" in (n.module or "")
            for alias in n.names
        }
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            params = {a.arg for a in node.args.args + node.args.kwonlyargs}
            if not params & {"user", "actor"}:
                continue
            called = {
                call.func.id if isinstance(call.func, ast.Name) else call.func.attr
                for call in ast.walk(node)
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name | ast.Attribute)
            }
            if not called & (SCOPING | local):
                found.append(f"{_relative(path)}:{node.lineno}: {node.name}")
    assert not found, "scope these with accounts.permissions.visible:\n" + "\n".join(found)


# Each app imports only the apps below it (docs/architecture.md); the newest layers are checked.
BELOW = {
    "efs": [
        "core",
        "accounts",
        "territory",
        "programmes",
        "consultations",
        "recruitment",
        "planning",
        "delivery",
        "evaluation",
    ],
    "delivery": ["core", "accounts", "territory", "programmes", "recruitment", "planning"],
    "evaluation": [
        "core",
        "accounts",
        "territory",
        "programmes",
        "consultations",
        "recruitment",
        "planning",
        "delivery",
    ],
    # Reporting reads every app; nothing imports it (the demo data may).
    "reporting": [
        "core",
        "accounts",
        "territory",
        "programmes",
        "consultations",
        "recruitment",
        "planning",
        "delivery",
        "evaluation",
    ],
    # The REST API reads every app (reporting's indicators too); none reads it.
    "api": [
        "core",
        "accounts",
        "territory",
        "programmes",
        "consultations",
        "recruitment",
        "planning",
        "delivery",
        "evaluation",
        "reporting",
        "efs",
    ],
}


@pytest.mark.parametrize("upper", sorted(BELOW))
def test_nothing_below_an_app_imports_it(upper):
    found = [
        f"{_relative(path)}:{number}: {line.strip()}"
        for app in BELOW[upper]
        for path in _sources(app)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(rf"\bakademia\.{upper}\b", line)
    ]
    assert not found, f"{upper} is above these; send a signal instead:\n" + "\n".join(found)
