"""The URL × role table, assembled from one module per app in this package.

Each module defines ACCESS = {url name: (kwargs maker or None, answers per role, scoped?)}
and may define POST_ACCESS = {url name: answers per role} for POST-only views (every view that
answers GET with 405 must have one). Every other URL's POST is checked against its GET row: a
role refused the page is refused the write with the same answer. Answers are a status code, or
LOGIN for a redirect to the login page. Kwargs makers get the personas.
"""

import importlib
import pkgutil

LOGIN = "login"
ROLES = ["anonymous", "national", "regional", "expert", "trainer", "coordinator", "participant"]
OPERATORS = {"national", "regional"}
PROGRAMME_PEOPLE = OPERATORS | {"expert"}


def everyone(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status=200):
    return {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], status)}


def only(allowed: set[str], status=200, denied=403):
    return {
        "anonymous": LOGIN,
        **{role: status if role in allowed else denied for role in ROLES[1:]},
    }


_SHARED: dict[tuple[int, str], tuple[dict, object]] = {}


def shared(maker):
    """For one set of personas, make the maker's object once and share it between URLs (a
    recruitment pipeline and a solved plan are the slow part of the table)."""

    def make_once(p):
        key = (id(p), f"{maker.__module__}.{maker.__qualname__}")
        if key not in _SHARED:
            _SHARED[key] = (p, maker(p))  # keeps `p` alive, so its id is not reused
        return _SHARED[key][1]

    return make_once


def collect() -> tuple[dict, dict]:
    access, post_access = {}, {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        access.update(module.ACCESS)
        post_access.update(getattr(module, "POST_ACCESS", {}))
    return access, post_access
