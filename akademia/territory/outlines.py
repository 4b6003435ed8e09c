"""Boundaries simplified for maps of the whole country (the monitoring's choropleths).

The bundled county boundaries are 550 KB of GeoJSON, drawn at a scale where a millimetre is
several kilometres. Simplifying each unit on its own would move a shared border differently
on each side (gaps and overlaps between neighbours), so the units of a level are simplified
together as a coverage (GEOS's coverage simplification, through shapely): each shared border
is simplified once, and neighbours still meet exactly.
"""

import json

import shapely
from shapely.geometry import mapping, shape

# Degrees: about 4 km north–south and 3 km east–west, under 0.7 mm on a map of Poland printed
# across A4 (17 cm for 10 degrees of longitude); the smallest city counties keep their place
# and a recognisable shape. The county map of the whole country becomes 165 KB (was 590 KB).
TOLERANCE = 0.04
# Decimals kept: about 100 m. Neighbours share each vertex, so they are rounded alike.
DIGITS = 3


def simplified(boundaries: dict[str, str]) -> dict[str, str]:
    """The boundaries (GeoJSON geometry text by code) of units that tile a territory,
    simplified together; a unit without a boundary gets none."""
    codes = [code for code, text in boundaries.items() if text]
    shapes = [shape(json.loads(boundaries[code])) for code in codes]
    outlines = shapely.coverage_simplify(shapes, TOLERANCE)
    rounded = shapely.transform(outlines, lambda points: points.round(DIGITS))
    return {
        code: json.dumps(mapping(outline), separators=(",", ":"))
        for code, outline in zip(codes, rounded, strict=True)
    }
