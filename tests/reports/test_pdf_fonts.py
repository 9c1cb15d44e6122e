"""The PDFs embed DejaVu Sans from the system's fonts, and say what to install without it."""

from pathlib import Path

import pytest

from spinecoach.errors import SpinecoachError
from spinecoach.reports.pdf_layout import font_files


def test_the_system_font_is_found_in_a_debian_font_folder() -> None:
    regular, bold = font_files()

    assert (regular.name, bold.name) == ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def test_without_the_font_the_message_names_the_package_to_install(tmp_path: Path) -> None:
    (tmp_path / "DejaVuSans.ttf").write_bytes(b"")  # the bold face is missing

    with pytest.raises(SpinecoachError) as raised:
        font_files([tmp_path])

    assert "fonts-dejavu-core" in raised.value.user_message
