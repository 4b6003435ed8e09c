"""Distances and travel costs; shared by the solver and the independent checker."""

from __future__ import annotations

import math

from .model import DistanceSpec, Problem, Team, Venue

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on the mean Earth sphere."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi = p2 - p1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def point_distance(spec: DistanceSpec, a, b) -> float:
    """Distance between two located objects (anything with lat/lon or x/y attributes).

    Used for pairs the matrix cannot cover (trainer→venue): haversine when both points have
    coordinates in degrees, Euclidean on x/y otherwise, and 0 when a location is missing.
    """
    if spec.metric == "euclidean" and a.x is not None and b.x is not None:
        return math.hypot(a.x - b.x, a.y - b.y)
    if a.lat is not None and b.lat is not None:
        return haversine_km(a.lat, a.lon, b.lat, b.lon) * spec.road_factor
    if a.x is not None and b.x is not None:
        return math.hypot(a.x - b.x, a.y - b.y)
    return 0.0


def team_venue_distance(spec: DistanceSpec, team: Team, venue: Venue) -> float:
    """Distance in km; ``math.inf`` when a matrix has no entry (the pair is not allowed)."""
    if spec.metric == "matrix":
        row = (spec.matrix or {}).get(team.id, {})
        return float(row[venue.id]) if venue.id in row else math.inf
    if spec.metric == "euclidean":
        return math.hypot(team.x - venue.x, team.y - venue.y)
    return haversine_km(team.lat, team.lon, venue.lat, venue.lon) * spec.road_factor


def team_cost(problem: Problem, team: Team, venue: Venue) -> float:
    """Travel cost of one team to a venue: distance, times the team size when per_person."""
    d = team_venue_distance(problem.distance, team, venue)
    return d * team.size if problem.travel_cost == "per_person" else d
