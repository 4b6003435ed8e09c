"""Quota-constrained selection of applications (nabór): optimal, explained, refillable.

Pure Python + HiGHS; no Django. The web app builds `Application` and `Quota` objects from its
models, calls `select`, stores `SelectionResult.to_dict()`, and calls `refill` on withdrawals.
"""

from .greedy import GreedyResult, greedy_select
from .model import (
    Application,
    Quota,
    QuotaChange,
    QuotaUsage,
    Reason,
    RefillResult,
    Relaxation,
    SelectionResult,
)
from .optimise import select
from .waiting import refill

__all__ = [
    "Application",
    "GreedyResult",
    "Quota",
    "QuotaChange",
    "QuotaUsage",
    "Reason",
    "RefillResult",
    "Relaxation",
    "SelectionResult",
    "greedy_select",
    "refill",
    "select",
]
