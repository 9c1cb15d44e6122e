"""Files that hold health records or keys: readable by their owner alone, whatever the umask.

The database and its folder, backups, exports, reports, charts and handouts say how someone's
back is; a shared computer's other accounts have no business reading them. The umask can only
take permission bits away, so each file is created owner-only and then given its mode itself.
"""

import os
from pathlib import Path

OWNER_ONLY = 0o600
OWNER_ONLY_FOLDER = 0o700
ANYONE_MAY_READ = 0o644


def write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read, whole or not at all (OSError when it cannot)."""
    write_whole(path, data, OWNER_ONLY)


def write_whole(path: Path, data: bytes, mode: int) -> None:
    """Write the file with this mode, replacing any old one in one step; never half written."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # Owner-only while it is written, so no one else can read it half way.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
    try:
        try:
            os.write(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        # The umask may have taken too much (0o777 leaves nothing): set the mode itself. By
        # path, not os.fchmod, which Windows lacks before Python 3.13.
        os.chmod(partial, mode)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise


def create_private_file(path: Path) -> None:
    """Create an empty owner-only file if there is none; an existing file is left as it is."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    except FileExistsError:  # another process made it a moment ago, or it was always there
        return
    os.close(descriptor)
    os.chmod(path, OWNER_ONLY)


def create_private_folder(folder: Path) -> None:
    """Create the folder (and its parents) if missing; the folder itself is owner-only."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(OWNER_ONLY_FOLDER)
