"""Render PDFs to PNG pages with poppler's pdftoppm and measure how much of each page is ink."""

import subprocess
from pathlib import Path

from PIL import Image

# poppler-utils (pdftoppm, pdffonts) is installed for the tests by tools/debian-packages test.
# A row of pixels with any pixel darker than this carries ink (0 black, 255 white).
INK_LEVEL = 200


def render_pages(pdf: bytes, folder: Path, stem: str, dpi: int = 50) -> list[Path]:
    """Write each page of the PDF as a greyscale PNG; return the files in page order."""
    source = folder / f"{stem}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), str(folder / stem)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return sorted(folder.glob(f"{stem}-*.png"))


def inked_share(png: Path) -> float:
    """Return the share of the page's height, between the margins, where ink reaches.

    Measured as the lowest inked row above the footer: a page filled to its foot scores
    near 1, a page that stops half-way scores near 0.5.
    """
    with Image.open(png) as page:
        grey = page.convert("L")
        width, height = grey.size
        pixels = grey.load()
        assert pixels is not None
        top, foot = int(height * 0.05), int(height * 0.92)  # the footer sits below foot
        lowest = top
        for y in range(top, foot):
            if any(int(pixels[x, y]) < INK_LEVEL for x in range(0, width, 2)):  # type: ignore[arg-type]
                lowest = y
    return (lowest - top) / (foot - top)
