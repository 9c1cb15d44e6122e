"""The player's own routes: spoken cues made by espeak-ng, and figures in step."""

import io
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile  # type: ignore[import-untyped]
from fastapi.testclient import TestClient

from spinecoach.catalog.loader import default_catalog
from spinecoach.catalog.schema import Exercise
from spinecoach.serving import WebSettings
from spinecoach.web.app import create_app
from spinecoach.web.routes import speech
from tests.web.api_helpers import assert_error


@pytest.fixture
def app(tmp_path: Path) -> Iterator[TestClient]:
    settings = WebSettings(
        database_url=f"sqlite:///{tmp_path / 'routes.db'}", extra_hosts=("testserver",)
    )
    with TestClient(create_app(settings), base_url="http://testserver") as client:
        yield client


def seconds_of(audio: bytes) -> float:
    with wave.open(io.BytesIO(audio)) as clip:
        return clip.getnframes() / clip.getframerate()


def test_a_cue_is_spoken_as_a_wav_the_browser_may_keep_for_good(app: TestClient) -> None:
    response = app.get("/api/speech", params={"text": "Breathe in slowly through the nose."})

    assert response.status_code == 200
    assert response.headers["content-type"] == "audio/wav"
    assert "immutable" in response.headers["cache-control"]
    assert 1.0 < seconds_of(response.content) < 6.0


def test_an_ogg_clip_says_the_same_in_a_fraction_of_the_bytes(app: TestClient) -> None:
    params = {"text": "Breathe out and let the knee move away.", "rate": 150}

    wav = app.get("/api/speech", params=params)
    ogg = app.get("/api/speech", params={**params, "format": "ogg"})

    assert ogg.status_code == 200
    assert ogg.headers["content-type"] == "audio/ogg"
    assert "immutable" in ogg.headers["cache-control"]
    info = soundfile.info(io.BytesIO(ogg.content))
    assert (info.format, info.subtype) == ("OGG", "VORBIS")
    assert info.duration == pytest.approx(seconds_of(wav.content), abs=0.05)
    assert len(ogg.content) * 5 < len(wav.content)
    # Not silence: the decoded clip carries about the loudness of the original.
    decoded, _ = soundfile.read(io.BytesIO(ogg.content))
    original, _ = soundfile.read(io.BytesIO(wav.content))
    assert np.sqrt(np.mean(decoded**2)) == pytest.approx(np.sqrt(np.mean(original**2)), rel=0.2)


def test_a_faster_rate_gives_a_shorter_clip(app: TestClient) -> None:
    text = "Hold gently and breathe slowly, letting the back relax."

    slow = app.get("/api/speech", params={"text": text, "rate": 100}).content
    fast = app.get("/api/speech", params={"text": text, "rate": 250}).content

    assert seconds_of(fast) < seconds_of(slow) * 0.6


def test_words_that_look_like_options_are_spoken_not_obeyed(app: TestClient) -> None:
    response = app.get("/api/speech", params={"text": "--help -w /tmp/x.wav"})

    assert response.status_code == 200
    assert response.content.startswith(b"RIFF")


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"text": ""}, 422),
        ({"text": "x" * 401}, 422),
        ({"text": "..."}, 422),
        ({"text": "Rest.", "format": "mp3"}, 422),
        ({"text": "hello", "rate": 5}, 422),
        ({"text": "hello", "voice": "en; rm -rf"}, 422),
        ({"text": "hello", "voice": "zz"}, 422),
    ],
)
def test_bad_speech_requests_are_refused_with_a_detail(
    app: TestClient, params: dict[str, object], status: int
) -> None:
    assert_error(app.get("/api/speech", params=params), status)


def test_a_figure_is_sampled_over_the_phases_it_is_given(app: TestClient) -> None:
    phases = "prepare:0.5,inhale:4,exhale:4"

    response = app.get("/api/player/figure/cat-cow.json", params={"phases": phases})

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "public, max-age=86400"
    figure = response.json()
    assert figure["times"][0] == 0.0 and figure["times"][-1] == 8.5
    assert len(figure["rows"]) == len(figure["times"])
    assert figure["title"] == "Cat and cow: one round, moving"


def test_each_side_of_a_one_sided_stretch_has_its_own_figure(app: TestClient) -> None:
    phases = {"phases": "prepare:0.5,inhale:4,hold:1,exhale:4"}

    left, right = (
        app.get("/api/player/figure/knee-to-chest.json", params={**phases, "side": side}).json()
        for side in ("left", "right")
    )

    assert left["title"].endswith("(left side)") and right["title"].endswith("(right side)")
    assert left["rows"] != right["rows"]
    # The player draws the second side by flipping the first, in the second side's words.
    assert (left["side"], left["other_side"]["side"]) == ("left", "right")
    assert left["other_side"]["title"] == right["title"]
    assert left["other_side"]["description"] == right["description"]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/player/figure/no-such.json", {}, 404),
        ("/api/player/figure/cat-cow.json", {"phases": "hold:x"}, 422),
        ("/api/player/figure/cat-cow.json", {"phases": "dance:2"}, 422),
        ("/api/player/figure/cat-cow.json", {"phases": "hold:0"}, 422),
        ("/api/player/figure/cat-cow.json", {"phases": "hold:nan"}, 422),
        ("/api/player/figure/cat-cow.json", {"side": "left"}, 422),
        ("/api/player/figure/cat-cow.json", {"phases": ",".join(["hold:1"] * 13)}, 422),
    ],
)
def test_bad_figure_requests_are_refused_with_a_detail(
    app: TestClient, path: str, params: dict[str, str], status: int
) -> None:
    assert_error(app.get(path, params=params), status)


def player_phases(exercise: Exercise) -> str:
    """Return the phases the player asks a figure for: a short start, one repetition, holds 1 s."""
    phases = [("prepare", 0.5)] + [(p.kind.value, p.seconds or 1.0) for p in exercise.repetition]
    return ",".join(f"{kind}:{seconds:g}" for kind, seconds in phases)


def test_every_figure_a_session_asks_for_is_drawn(app: TestClient) -> None:
    for exercise in default_catalog().exercises.values():
        params = {"phases": player_phases(exercise)}

        response = app.get(f"/api/player/figure/{exercise.id}.json", params=params)

        assert response.status_code == 200, (exercise.id, response.text)


@pytest.mark.parametrize(
    ("phases", "message"),
    [
        (",".join(["inhale:120", "exhale:120"] * 6), "one repetition of cat-cow is inhale, exhale"),
        ("prepare:0.5,exhale:4,inhale:4", "one repetition of cat-cow is inhale, exhale"),
        ("prepare:0.5,inhale:4,exhale:4,inhale:4", "not inhale, exhale, inhale"),
        ("prepare:0.5,inhale:30,exhale:4", "inhale lasts at most 4 s in cat-cow, got 30"),
        ("prepare:600,inhale:4,exhale:4", "a start lasts at most 60 s"),
    ],
)
def test_figure_phases_beyond_what_a_session_needs_are_refused_at_once(
    app: TestClient, phases: str, message: str
) -> None:
    # Checked before any drawing: 12 two-minute phases used to take 17 to 37 s of CPU to draw.
    response = app.get("/api/player/figure/cat-cow.json", params={"phases": phases})

    detail = assert_error(response, 422)
    assert detail.startswith("phases: ") and message in detail


def test_the_speech_cache_stays_within_its_bytes(app: TestClient) -> None:
    # Each clip is about 2 MB of WAV (370 characters at the slowest rate): 20 pass the budget.
    texts = [
        f"Clip {number}. " + "Breathe in, and breathe out slowly. " * 10 for number in range(20)
    ]
    texts = [text[: speech.MAX_TEXT] for text in texts]

    sizes = [
        len(app.get("/api/speech", params={"text": text, "rate": 80}).content) for text in texts
    ]

    assert sum(sizes) > speech.CACHE_BYTES
    assert speech.CLIPS.total_bytes <= speech.CACHE_BYTES
    assert ("wav", texts[0].strip(), 80, "en") not in speech.CLIPS
    assert ("wav", texts[-1].strip(), 80, "en") in speech.CLIPS
