"""What the PDF report and the handout share: page set-up, fonts, headings, SVG pictures."""

import io
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from spinecoach.errors import SpinecoachError

# Every font of a PDF is embedded, so it prints the same anywhere, and Unicode, so any note a
# person typed is printable. DejaVu Sans comes from the Debian package fonts-dejavu-core
# (tools/debian-packages), read from disk: nothing is downloaded. No Python dependency ships a
# font, and fpdf2's built-in Helvetica is neither embedded nor able to print beyond Latin-1.
FONT_FOLDERS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian and Ubuntu
    Path("/usr/share/fonts/dejavu"),  # Fedora and Arch
)
FONT_FAMILY = "DejaVu"
MISSING_FONT = (
    "the PDF needs the DejaVu Sans font, which is missing: install it "
    "(on Debian or Ubuntu: sudo apt-get install fonts-dejavu-core)"
)
INK = (31, 41, 51)
MUTED = (82, 96, 109)
ACCENT = (31, 78, 128)
_VIEW_BOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')
_SVG_TEXT_ALTERNATIVE = re.compile(r"<(title|desc)\b[^>]*>.*?</\1>", re.S)
_SVG_FONT_FAMILY = re.compile(r'font-family="[^"]*"')


def font_files(folders: Sequence[Path] = FONT_FOLDERS) -> tuple[Path, Path]:
    """Return the regular and bold DejaVu Sans files, or raise SpinecoachError naming the fix."""
    for folder in folders:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise SpinecoachError(MISSING_FONT)


class Document(FPDF):
    """An A4 page in millimetres with our fonts, a footer and small layout helpers."""

    def __init__(self, title: str, footer: str, created: datetime) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer
        self.set_margins(16, 14, 16)
        self.set_auto_page_break(auto=True, margin=16)
        self.set_title(title)
        self.set_creator("spinecoach")
        self.set_creation_date(created)
        regular, bold = font_files()
        self.add_font(FONT_FAMILY, "", str(regular))
        self.add_font(FONT_FAMILY, "B", str(bold))
        self.font_name = FONT_FAMILY
        self.add_page()

    def footer(self) -> None:
        """Print the footer words and the page number on every page."""
        self.set_y(-11)
        self.use(7.5, colour=MUTED)
        self.cell(0, 4, self.safe(f"{self.footer_text}  ·  page {self.page_no()}"), align="C")

    def safe(self, words: str) -> str:
        """Return text the document's font can print: all of it, since the font is Unicode."""
        return words

    def use(self, size: float, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        """Switch font size, weight and colour."""
        self.set_font(self.font_name, "B" if bold else "", size)
        self.set_text_color(*colour)

    def heading(self, words: str, size: float = 12) -> None:
        """Print a section heading with a little space above it, never alone at a page foot."""
        if self.get_y() > self.h - 45:
            self.add_page()
        self.ln(2.5)
        self.use(size, bold=True, colour=ACCENT)
        self.cell(0, size * 0.5, self.safe(words), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def para(
        self, words: str, size: float = 9.5, bold: bool = False, colour: tuple[int, int, int] = INK
    ) -> None:
        """Print a wrapped paragraph across the page."""
        self.use(size, bold, colour)
        self.multi_cell(
            0, size * 0.47, self.safe(words), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def rows(
        self, header: Sequence[str], body: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        """Print a small table: a bold header row, then the rows, wrapped within their widths."""
        self.use(8.5)
        with self.table(
            col_widths=tuple(widths),
            text_align="LEFT",
            line_height=4.2,
            padding=0.8,
            borders_layout="HORIZONTAL_LINES",
            first_row_as_headings=True,
            headings_style=FontFace(emphasis="BOLD", color=ACCENT),
        ) as table:
            row = table.row()
            for cell in header:
                row.cell(self.safe(cell))
            for values in body:
                row = table.row()
                for cell in values:
                    row.cell(self.safe(cell))
        self.ln(1)

    def picture(
        self, svg: str, x: float, y: float, width: float, max_height: float | None = None
    ) -> float:
        """Draw an SVG as vectors at (x, y) within width (and max_height) mm; return its height."""
        box = _VIEW_BOX.search(svg)
        if box and max_height is not None:
            box_width, box_height = float(box.group(3)), float(box.group(4))
            if width * box_height / box_width > max_height:
                x += (width - max_height * box_width / box_height) / 2
                width = max_height * box_width / box_height
        # fpdf2 draws <title> and <desc> as nothing and logs a warning for each; the PDF
        # carries the same words as text next to the picture.
        drawn = _SVG_TEXT_ALTERNATIVE.sub("", svg)
        # An SVG names the fonts a browser should try (Helvetica, Arial); in the PDF its text
        # uses the document's embedded font instead, or fpdf2 would fall back to Helvetica
        # without embedding it.
        drawn = _SVG_FONT_FAMILY.sub(f'font-family="{self.font_name}"', drawn)
        info = self.image(io.BytesIO(drawn.encode()), x=x, y=y, w=width)
        return float(info.rendered_height)
