"""The venues of the benchmark and demo scenarios: one per distinct county seat."""

from akademia.planning.solver.scenarios import _venues


def test_one_venue_per_distinct_seat_town():
    venues = _venues("", rooms=2)
    assert len(venues) == 335  # 380 county-level units, 45 powiaty seated in a city county
    assert len({v.id for v in venues}) == len(venues)
    assert {v.max_groups for v in venues} == {2}


def test_slaskie_has_32_seats_and_bielsko_biala_once():
    venues = {v.id: v for v in _venues("24", rooms=2)}
    assert len(venues) == 32
    assert [v.name for v in venues.values()].count("Bielsko-Biała") == 1
    assert venues["2401011"].name == "Będzin"
    assert abs(venues["2461011"].lat - 49.80915) < 1e-6  # the city's inner point
