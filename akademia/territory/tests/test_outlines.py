"""The outlines for maps of the whole country: the bundled boundaries simplified together, so
the county map is small and neighbours still meet without gaps or overlaps."""

import json

import shapely
from shapely.geometry import shape

from akademia.territory.models import County, Voivodeship
from akademia.territory.outlines import simplified
from akademia.territory.services import DATA_DIR


def _boundaries(stem: str) -> dict[str, str]:
    features = json.loads((DATA_DIR / f"{stem}.geojson").read_text(encoding="utf-8"))["features"]
    return {f["properties"]["teryt"]: json.dumps(f["geometry"]) for f in features}


def test_the_county_outlines_tile_the_country_without_gaps_at_a_fraction_of_the_size():
    boundaries = _boundaries("powiaty")
    outlines = simplified(boundaries)
    assert outlines.keys() == boundaries.keys()
    assert sum(map(len, outlines.values())) < 0.25 * sum(map(len, boundaries.values()))
    shapes = [shape(json.loads(text)) for text in outlines.values()]
    assert all(s.is_valid and not s.is_empty for s in shapes)
    # Neighbours share their borders exactly: no sliver between them (narrower than 1 km; a
    # wider gap would be a hole in the union), no overlap.
    assert shapely.coverage_is_valid(shapes, gap_width=0.01)
    country = shapely.union_all(shapes)
    assert country.geom_type == "Polygon" and not country.interiors
    assert abs(sum(s.area for s in shapes) - country.area) < 1e-9
    # Still the country's outline (Poland is about 38 square degrees in these coordinates).
    original = shapely.union_all([shape(json.loads(t)) for t in boundaries.values()])
    assert abs(country.area - original.area) < 0.01 * original.area


def test_a_unit_without_a_boundary_gets_no_outline():
    boundaries = _boundaries("wojewodztwa") | {"99": ""}
    assert "99" not in simplified(boundaries)


def test_import_geo_stores_the_outlines_of_voivodeships_and_counties(db):
    county = County.objects.get(code="2461")  # Bielsko-Biała, a city with county rights
    assert shape(json.loads(county.outline)).is_valid
    assert len(county.outline) < len(county.boundary)
    assert not Voivodeship.objects.filter(outline="").exists()
    assert not County.objects.filter(outline="").exists()
