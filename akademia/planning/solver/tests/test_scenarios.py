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


def test_varied_scenarios_are_reproducible_differ_by_seed_and_can_be_grouped():
    from akademia.planning.solver.data import GroupingData
    from akademia.planning.solver.precheck import grouping_precheck
    from akademia.planning.solver.scenarios import splittable, varied_national_scenario

    first, again, other = (varied_national_scenario(s) for s in (1, 1, 2))
    assert first == again
    assert len(first) == 16
    assert [p.teams for p in first] != [p.teams for p in other]
    assert {t.size for p in first for t in p.teams} <= {2, 3, 4, 5}
    for problem in first:
        assert problem.calendar is None
        assert grouping_precheck(GroupingData.build(problem)) is None, problem.name
        for kind in {t.kind for t in problem.teams}:
            assert splittable([t.size for t in problem.teams if t.kind == kind]), problem.name


def test_splittable():
    from akademia.planning.solver.scenarios import splittable

    assert not splittable([5, 5, 5, 5, 5, 4, 3])  # 32 people, no 16 + 16
    assert splittable([5, 5, 5, 5, 5, 4, 3, 2])  # 34 = 17 + 17
    assert not splittable([5, 5, 5])  # 15 < 16
    assert splittable([5, 5, 5, 5])
