"""Keep tests away from a person's real records: where they live and whether a run touched them."""

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "spinecoach"

Fingerprint = frozenset[tuple[str, int, int]] | None


def real_data_dir() -> Path:
    """Return the user data directory the app would use with the current environment."""
    return Path(user_data_dir(APP_NAME))


def fingerprint(directory: Path) -> Fingerprint:
    """Return every path under the directory with its size and modification time, or None."""
    if not directory.exists():
        return None
    entries = {(str(directory), 0, directory.stat().st_mtime_ns)}
    for root, dirs, files in os.walk(directory):
        for name in [*dirs, *files]:
            path = Path(root) / name
            stat = path.stat()
            entries.add((str(path), stat.st_size, stat.st_mtime_ns))
    return frozenset(entries)


def touched(directory: Path, before: Fingerprint) -> str | None:
    """Return what changed in the directory since `before`, or None when nothing did."""
    after = fingerprint(directory)
    if after == before:
        return None
    if before is None:
        return f"the test run created the real user data directory {directory}"
    if after is None:
        return f"the test run removed the real user data directory {directory}"
    changed = sorted({path for path, _, _ in after ^ before})
    return f"the test run changed the real user data directory: {', '.join(changed)}"
