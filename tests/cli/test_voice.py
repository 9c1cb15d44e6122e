from __future__ import annotations

import array
import io
import shutil
import time
import wave
from pathlib import Path

import pytest

from spinecoach.cli.voice import (
    EspeakSpeaker,
    FakeSpeaker,
    SilentSpeaker,
    announce,
    beep_wav,
    make_speaker,
)
from spinecoach.playback import CueStarted
from spinecoach.timeline import Cue, CueKind
from tests.cli.conftest import Run, rows


def rms(samples: array.array[int]) -> float:
    return (sum(s * s for s in samples) / max(1, len(samples))) ** 0.5


def read_wav(path: Path) -> tuple[float, array.array[int]]:
    with wave.open(str(path), "rb") as audio:
        frames = audio.readframes(audio.getnframes())
        seconds = audio.getnframes() / audio.getframerate()
    return seconds, array.array("h", frames)


def test_real_espeak_ng_speaks_cues_into_audio_that_is_not_silent(tmp_path: Path) -> None:
    executable = shutil.which("espeak-ng")
    assert executable, "espeak-ng must be installed (.ci/run installs it)"
    path = tmp_path / "cues.wav"

    with path.open("wb") as output:
        speaker = EspeakSpeaker(executable, wav_output=output)
        speaker.say("Breathe in and draw your left knee in.")
        speaker.say("Hold gently and breathe slowly.")
        speaker.close()

    seconds, samples = read_wav(path)
    assert seconds > 2.0  # two sentences, not one word
    assert rms(samples) > 500  # 16-bit samples; silence is ~0


def test_beeps_are_three_tones_with_gaps() -> None:
    path_bytes = beep_wav(3)

    with wave.open(io.BytesIO(path_bytes), "rb") as audio:
        samples = array.array("h", audio.readframes(audio.getnframes()))
        rate = audio.getframerate()
    loud = [abs(s) > 1000 for s in samples]
    starts = sum(1 for before, now in zip([False, *loud], loud, strict=False) if now and not before)

    assert len(samples) / rate == pytest.approx(3 * (0.12 + 0.08), rel=0.01)
    assert starts >= 3


def test_announce_beeps_only_when_a_hold_ends() -> None:
    speaker = FakeSpeaker()
    hold = Cue(0, 10, CueKind.HOLD, "Hold.")
    release = Cue(10, 3, CueKind.RELEASE, "Come back to the middle.")
    inhale = Cue(13, 3, CueKind.INHALE, "Breathe in.")

    announce(speaker, CueStarted(1, release, 10, 0), hold)
    announce(speaker, CueStarted(2, inhale, 13, 0), release)

    assert speaker.spoken == ["<beep x3>", "Come back to the middle.", "Breathe in."]


def test_voice_off_or_missing_espeak_is_silent_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    off, no_note = make_speaker(False)
    monkeypatch.setenv("PATH", "/nonexistent")
    missing, note = make_speaker(True)

    assert isinstance(off, SilentSpeaker) and no_note is None
    assert isinstance(missing, SilentSpeaker)
    assert note is not None and "espeak-ng" in note


@pytest.fixture
def no_audio_device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every audio library find no device, as on a server or in a container."""
    empty = tmp_path / "empty-alsa.conf"
    empty.write_text("")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(empty))
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'no-pulse'}")
    monkeypatch.setenv("AUDIODRIVER", "alsa")


def test_espeak_without_an_audio_device_turns_the_voice_off_and_says_so_once(
    no_audio_device: None,
) -> None:
    executable = shutil.which("espeak-ng")
    assert executable
    speaker = EspeakSpeaker(executable, player=[])
    hold = Cue(0, 1, CueKind.HOLD, "Hold.")
    notices = []

    for index in range(40):  # espeak-ng complains asynchronously, while speaking
        cue = Cue(index + 1, 1, CueKind.INHALE, "Breathe in.")
        notices.append(announce(speaker, CueStarted(index, cue, 0, 0), hold))
        time.sleep(0.05)
    speaker.close()

    shown = [notice for notice in notices if notice]
    assert len(shown) == 1
    assert shown[0].startswith("Voice is off: espeak-ng cannot play sound")


def test_a_beep_player_that_exits_at_once_never_raises_and_is_reported_once(
    tmp_path: Path,
) -> None:
    executable = shutil.which("espeak-ng")
    assert executable
    with (tmp_path / "speech.wav").open("wb") as output:
        speaker = EspeakSpeaker(executable, wav_output=output, player=["false"])
        reports = []
        for _ in range(5):
            speaker.beep(3)
            time.sleep(0.1)
            speaker.say("Breathe in.")
            reports.append(speaker.take_failure())
        speaker.close()

    shown = [report for report in reports if report]
    assert len(shown) == 1
    assert shown[0].startswith("Voice is off: false cannot play sound")
    assert shown[0].endswith("The session goes on without sound.")


def test_make_speaker_finds_no_audio_device_and_says_so_in_plain_words(
    no_audio_device: None,
) -> None:
    speaker, note = make_speaker(True)

    assert isinstance(speaker, SilentSpeaker)
    assert note == "Voice is off: this computer has no way to play sound right now."


def test_a_plain_session_with_voice_and_no_audio_device_completes(
    no_audio_device: None, spinecoach: Run, screened: None, db_file: Path
) -> None:
    done = spinecoach("session", "desk-break", "--plain", "--speed", "50", stdin="3\n2\n\n")

    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Voice is off") == 1
    assert rows(db_file, "SELECT status FROM sessions") == [("completed",)]
