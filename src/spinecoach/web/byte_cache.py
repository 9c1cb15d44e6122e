"""A least-recently-used cache of byte strings, bounded by their total size rather than count.

functools.lru_cache counts entries: 256 speech clips of up to 4 MB each let 470 requests take
the server from 195 MB to 3 GB. This one drops the least recently used clips once their bytes
pass the budget, so memory stays bounded whatever the requests ask for.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class ByteCache:
    """Values (bytes) by key, the least recently used dropped once their total passes a budget."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._values: OrderedDict[Hashable, bytes] = OrderedDict()
        self._total = 0
        # Sync routes run in a thread pool: two requests may store at once.
        self._lock = threading.Lock()

    @property
    def total_bytes(self) -> int:
        """Return how many bytes the cached values hold together."""
        return self._total

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._values

    def get(self, key: Hashable) -> bytes | None:
        """Return the value stored for key (now the most recently used), or None."""
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: Hashable, value: bytes) -> None:
        """Store a value, dropping the least recently used ones until all fit the budget."""
        if len(value) > self.max_bytes:
            return  # would push out everything else and still not fit
        with self._lock:
            old = self._values.pop(key, None)
            if old is not None:
                self._total -= len(old)
            self._values[key] = value
            self._total += len(value)
            while self._total > self.max_bytes:
                _, dropped = self._values.popitem(last=False)
                self._total -= len(dropped)

    def get_or_make(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """Return the value for key, making and storing it first when it is not cached."""
        value = self.get(key)
        if value is None:
            # Made outside the lock: making a clip takes a while and others may read meanwhile.
            value = make()
            self.put(key, value)
        return value
