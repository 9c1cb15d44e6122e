"""Turn our SVG (charts, figures) into PNG with CairoSVG, which needs the system's cairo."""

from spinecoach.errors import InvalidInputError

# Twice the SVG's size, so the PNG stays sharp on a high-density screen or in print.
PNG_SCALE = 2.0


def svg_to_png(svg: str, width: int | None = None) -> bytes:
    """Return the SVG as PNG bytes, `width` pixels wide or at twice its size; or say why not."""
    try:
        import cairosvg  # type: ignore[import-untyped]  # CairoSVG ships no type hints
    except OSError:  # cairocffi raises OSError when libcairo itself cannot be loaded
        raise InvalidInputError(
            "-o: writing PNG needs the cairo library (Debian: libcairo2); write .svg instead"
        ) from None
    if width is not None:
        sized: bytes = cairosvg.svg2png(bytestring=svg.encode(), output_width=width)
        return sized
    png: bytes = cairosvg.svg2png(bytestring=svg.encode(), scale=PNG_SCALE)
    return png
