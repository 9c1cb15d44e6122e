"""The gallery as a person sees it: written by the CLI, opened in real Chromium, offline."""

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from spinecoach.figures.gallery import gallery_files
from tests.cli.conftest import SPINECOACH

pytestmark = pytest.mark.browser

# Every drawn element's box, in the SVG's own units, against its viewBox.
OUTSIDE_VIEWBOX = """() => {
  const svg = document.querySelector('svg');
  const box = svg.viewBox.baseVal;
  const shapes = svg.querySelectorAll('path, line, circle, ellipse, polygon, polyline, rect');
  const outside = [];
  for (const shape of shapes) {
    const b = shape.getBBox();
    if (b.width === 0 && b.height === 0) continue;
    const m = shape.getCTM();
    const root = svg.getCTM();
    const corners = [[b.x, b.y], [b.x + b.width, b.y + b.height]].map(([x, y]) => {
      const p = new DOMPoint(x, y).matrixTransform(root.inverse().multiply(m));
      return [p.x, p.y];
    });
    for (const [x, y] of corners) {
      const left = x < box.x - 0.5 || y < box.y - 0.5;
      const right = x > box.x + box.width + 0.5 || y > box.y + box.height + 0.5;
      if (left || right) {
        outside.push(shape.outerHTML.slice(0, 80));
        break;
      }
    }
  }
  return outside;
}"""


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gallery")
    subprocess.run([SPINECOACH, "gallery", "-o", str(folder)], check=True, capture_output=True)
    return folder


def offline_page(browser: Browser, requests: list[str]) -> Page:
    """A page that refuses, and records, any request that is not a local file."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})

    def guard(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return page


def test_gallery_page_renders_every_figure_without_the_network(
    browser: Browser, gallery: Path, tmp_path: Path
) -> None:
    requests: list[str] = []
    page = offline_page(browser, requests)

    page.goto((gallery / "index.html").as_uri())
    page.wait_for_load_state("load")
    images = page.eval_on_selector_all(
        "img", "imgs => imgs.map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])"
    )
    screenshot = tmp_path / "gallery.png"
    page.screenshot(path=str(screenshot), full_page=True)

    assert requests == []
    assert len(images) == len(list(gallery.glob("*.svg")))
    assert [src for src, complete, width in images if not complete or width == 0] == []
    assert screenshot.stat().st_size > 50_000  # a page of drawings, not a blank one


def svg_files() -> list[str]:
    return sorted(name for name in gallery_files() if name.endswith(".svg"))


@pytest.mark.parametrize("name", svg_files())
def test_every_figure_is_drawn_inside_its_box(browser: Browser, gallery: Path, name: str) -> None:
    page = offline_page(browser, [])
    page.goto((gallery / name).as_uri())

    if "moving" in name:
        duration = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('animate')]"
            ".map(a => a.getSimpleDuration()))"
        )
        moments = [duration * step / 8 for step in range(9)]
    else:
        moments = [0.0]
    outside = {}
    for moment in moments:
        page.evaluate(
            "() => { const s = document.querySelector('svg'); s.pauseAnimations();"
            f" s.setCurrentTime({moment}); }}"
        )
        found = page.evaluate(OUTSIDE_VIEWBOX)
        if found:
            outside[moment] = found

    assert outside == {}


def test_the_box_check_finds_a_shape_drawn_outside(browser: Browser, tmp_path: Path) -> None:
    stray = tmp_path / "stray.svg"
    stray.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        '<circle cx="50" cy="50" r="10"/><circle cx="130" cy="50" r="5"/></svg>'
    )
    page = offline_page(browser, [])

    page.goto(stray.as_uri())

    (found,) = page.evaluate(OUTSIDE_VIEWBOX)
    assert 'cx="130"' in found


def test_gallery_reads_on_a_360_px_phone_without_sideways_scrolling(
    browser: Browser, gallery: Path, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)

    page.goto((gallery / "index.html").as_uri())
    page.wait_for_load_state("load")
    scroll_width = page.evaluate("() => document.scrollingElement.scrollWidth")
    widest = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('img')]"
        ".map(i => i.getBoundingClientRect().right))"
    )
    captions = page.eval_on_selector_all("figcaption", "c => c.map(x => x.textContent)")
    body_font = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    page.screenshot(path=str(tmp_path / "gallery-phone.png"), full_page=True)

    assert scroll_width <= 360
    assert widest <= 360
    assert body_font >= 16
    # Plain words under every picture, never a file's id such as "knee-in" or "hips-up".
    assert [c for c in captions if re.fullmatch(r"[a-z]+(-[a-z]+)+", c)] == []
    assert "Holding the knee" in captions
