"""The speech clips' cache: bounded by bytes, least recently used dropped first."""

from spinecoach.web.byte_cache import ByteCache


def test_the_cache_never_holds_more_bytes_than_its_budget() -> None:
    cache = ByteCache(max_bytes=1000)

    for number in range(500):
        cache.put(number, bytes(number % 300))

        assert cache.total_bytes <= 1000
    assert cache.total_bytes == sum(
        len(cache.get(key) or b"") for key in range(500) if key in cache
    )


def test_the_least_recently_used_value_is_dropped_first() -> None:
    cache = ByteCache(max_bytes=300)
    for key in "abc":
        cache.put(key, bytes(100))

    cache.get("a")  # a is now more recent than b
    cache.put("d", bytes(100))

    assert ("a" in cache, "b" in cache, "c" in cache, "d" in cache) == (True, False, True, True)


def test_a_value_larger_than_the_budget_is_not_kept_and_pushes_nothing_out() -> None:
    cache = ByteCache(max_bytes=300)
    cache.put("small", bytes(100))

    made = cache.get_or_make("huge", lambda: bytes(301))

    assert len(made) == 301
    assert ("huge" in cache, "small" in cache, cache.total_bytes) == (False, True, 100)


def test_a_value_is_made_once_then_served_from_the_cache() -> None:
    cache = ByteCache(max_bytes=300)
    made: list[str] = []

    def make() -> bytes:
        made.append("clip")
        return b"clip"

    first, second = cache.get_or_make("k", make), cache.get_or_make("k", make)

    assert first == second == b"clip"
    assert made == ["clip"]
    assert len(cache) == 1
