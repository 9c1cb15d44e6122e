"""Read back the SVG we write: viewBox, drawn points with their stroke reach, animations."""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    def holds(self, x: float, y: float, reach: float) -> bool:
        return (
            self.x <= x - reach
            and x + reach <= self.x + self.width
            and self.y <= y - reach
            and y + reach <= self.y + self.height
        )


def parse(text: str) -> ET.Element:
    return ET.fromstring(text)


def view_box(root: ET.Element) -> Box:
    x, y, width, height = (float(v) for v in root.attrib["viewBox"].split())
    return Box(x, y, width, height)


def path_points(d: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in NUMBER.findall(d)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def drawn_points(root: ET.Element) -> list[tuple[float, float, float]]:
    """Return (x, y, reach) for every drawn point, in every animation frame too."""
    widths: dict[str, float] = {}
    for use in root.iter(f"{SVG}use"):
        target = use.attrib["href"].removeprefix("#")
        width = float(use.attrib.get("stroke-width", "0"))
        widths[target] = max(widths.get(target, 0.0), width)
    points: list[tuple[float, float, float]] = []
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        own = float(element.attrib.get("stroke-width", "0"))
        reach = max(own, widths.get(element.attrib.get("id", ""), 0.0)) / 2
        if tag == "path":
            shapes = [element.attrib["d"]]
            shapes += [
                value
                for animate in element.iter(f"{SVG}animate")
                if animate.attrib["attributeName"] == "d"
                for value in animate.attrib["values"].split(";")
            ]
            points += [(x, y, reach) for d in shapes for x, y in path_points(d)]
        elif tag == "circle":
            r = float(element.attrib["r"])
            points.append((float(element.attrib["cx"]), float(element.attrib["cy"]), r))
    return points
