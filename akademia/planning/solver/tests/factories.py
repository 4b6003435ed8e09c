"""Small hand-made problems shared by the tests (all tiny: the folder must run fast)."""

from __future__ import annotations


def line_problem(**groups) -> dict:
    """Four teams of two on a line, venues at both ends: the optimum is obvious."""
    return {
        "format": "akademia-plan/1",
        "name": "line",
        "distance": {"metric": "euclidean"},
        "travel_cost": "per_person",
        "teams": [
            {"id": "t1", "size": 2, "x": 0, "y": 0, "kind": "gmina wiejska", "managers": 1},
            {"id": "t2", "size": 2, "x": 1, "y": 0, "kind": "gmina wiejska", "managers": 1},
            {"id": "t3", "size": 2, "x": 9, "y": 0, "kind": "gmina wiejska", "managers": 1},
            {"id": "t4", "size": 2, "x": 10, "y": 0, "kind": "gmina wiejska", "managers": 1},
        ],
        "venues": [
            {"id": "A", "x": 0, "y": 0, "max_groups": 1},
            {"id": "B", "x": 10, "y": 0, "max_groups": 1},
        ],
        "groups": {"min_size": 4, "max_size": 4, "fixed_cost": 0} | groups,
    }


def calendar_block(**changes) -> dict:
    block = {
        "start": "2027-04-26",
        "end": "2027-05-31",
        "modules": 2,
        "days_per_module": 1,
        "weekdays": [1],
        "min_gap_days": 7,
        "max_gap_days": 28,
        "holidays": "PL",
        "trainers": [{"id": "T1", "x": 0, "y": 0, "max_days": 10}],
    }
    return block | changes
