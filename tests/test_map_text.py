"""The maps' JavaScript gives Leaflet names as DOM text, never as an HTML string.

Leaflet treats a string given to bindTooltip/bindPopup/setContent as HTML, so a venue or JST
name with markup would render live. Every such call in our static files must pass the result
of the file's `text(...)` helper (an element whose textContent is the name). The browser test
tests/browser/test_map_text.py shows the effect on a real map.
"""

import re
from pathlib import Path

import akademia

ROOT = Path(akademia.__file__).parent
LEAFLET_CONTENT = re.compile(r"\.(bindTooltip|bindPopup|setTooltipContent|setPopupContent)\(")
HTML_SINKS = re.compile(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML\(|document\.write\(")


def our_scripts():
    return [path for path in ROOT.glob("*/static/**/*.js") if "vendor" not in path.parts]


def test_there_are_map_scripts_to_check():
    names = {path.name for path in our_scripts()}
    assert {"map.js", "plan-map.js"} <= names


def test_leaflet_content_is_always_a_text_element():
    offenders = []
    for path in our_scripts():
        source = path.read_text(encoding="utf-8")
        for match in LEAFLET_CONTENT.finditer(source):
            if not source.startswith("text(", match.end()):
                line = source.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}")
        if LEAFLET_CONTENT.search(source):
            helper = re.search(r"function text\(value\) \{(.*?)\n  \}", source, re.S)
            if not helper or "textContent = value" not in helper.group(1):
                offenders.append(f"{path.relative_to(ROOT)}: no text() helper with textContent")
    assert not offenders, f"Leaflet content given as an HTML string: {offenders}"


def test_no_script_writes_html_strings():
    offenders = [
        str(path.relative_to(ROOT))
        for path in our_scripts()
        if HTML_SINKS.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders
