"""Spoken cues through espeak-ng, offline; beeps at the end of each hold.

One espeak-ng process is started before the session and fed one line per cue on stdin, so
speech starts on the cue's deadline instead of after a process start-up.
"""

import io
import math
import shutil
import struct
import subprocess
import sys
import wave
from typing import IO, Protocol

from spinecoach.playback import CueStarted
from spinecoach.timeline import Cue, CueKind

WORDS_PER_MINUTE = 150
BEEP_HZ = 880
BEEP_SECONDS = 0.12
GAP_SECONDS = 0.08


class Speaker(Protocol):
    """Something that says cue texts and beeps without blocking the player."""

    def say(self, text: str) -> None:
        """Start saying the text now."""
        ...

    def beep(self, count: int) -> None:
        """Play `count` short beeps."""
        ...

    def close(self) -> None:
        """Stop any speech and release the audio process."""
        ...


class SilentSpeaker:
    """Says nothing: the --no-voice choice, or espeak-ng is not installed."""

    def say(self, text: str) -> None:
        """Do nothing."""

    def beep(self, count: int) -> None:
        """Do nothing."""

    def close(self) -> None:
        """Do nothing."""


class FakeSpeaker:
    """Records what would have been said, for tests."""

    def __init__(self) -> None:
        self.spoken: list[str] = []

    def say(self, text: str) -> None:
        """Record the text."""
        self.spoken.append(text)

    def beep(self, count: int) -> None:
        """Record the beeps as a marker."""
        self.spoken.append(f"<beep x{count}>")

    def close(self) -> None:
        """Do nothing."""


def beep_wav(count: int) -> bytes:
    """Return a WAV file of `count` short sine beeps (16-bit mono, 22.05 kHz)."""
    rate = 22050
    frames = bytearray()
    for _ in range(count):
        for n in range(int(rate * BEEP_SECONDS)):
            frames += struct.pack("<h", int(12000 * math.sin(2 * math.pi * BEEP_HZ * n / rate)))
        frames += b"\0\0" * int(rate * GAP_SECONDS)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


class EspeakSpeaker:
    """Speaks through one long-lived espeak-ng process; beeps through aplay or the bell."""

    def __init__(
        self,
        executable: str,
        voice: str = "en",
        terminal: IO[str] = sys.stdout,
        wav_output: IO[bytes] | None = None,
    ) -> None:
        # Without text arguments espeak-ng speaks each line of stdin as soon as it arrives;
        # with wav_output it writes the same speech as one WAV stream instead of playing it.
        command = [executable, "-v", voice, "-s", str(WORDS_PER_MINUTE)]
        self._process = subprocess.Popen(
            [*command, "--stdout"] if wav_output else command,
            stdin=subprocess.PIPE,
            stdout=wav_output or subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self._player = _wav_player()
        self._terminal = terminal

    def say(self, text: str) -> None:
        """Queue the text as one line; espeak-ng starts speaking it at once."""
        stdin = self._process.stdin
        if stdin is None or self._process.poll() is not None:
            return
        try:
            stdin.write(" ".join(text.split()) + "\n")
            stdin.flush()
        except BrokenPipeError:  # espeak-ng died (audio device gone): carry on silently
            pass

    def beep(self, count: int) -> None:
        """Play the beeps through aplay if present, else ring the terminal bell."""
        if self._player:
            player = subprocess.Popen(
                self._player,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if player.stdin is not None:
                player.stdin.write(beep_wav(count))
                player.stdin.close()
        else:
            self._terminal.write("\a" * count)
            self._terminal.flush()

    def close(self) -> None:
        """Let espeak-ng finish what it was saying, then end it."""
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.terminate()
            self._process.wait(timeout=5)


def _wav_player() -> list[str] | None:
    """Return a command that plays a WAV from stdin: ALSA's aplay, else SoX's play."""
    if aplay := shutil.which("aplay"):
        return [aplay, "-q", "-"]
    if play := shutil.which("play"):
        return [play, "-q", "-t", "wav", "-"]
    return None


def make_speaker(voice: bool) -> tuple[Speaker, str | None]:
    """Return a speaker and, when voice was asked for but is unavailable, a one-line note."""
    if not voice:
        return SilentSpeaker(), None
    executable = shutil.which("espeak-ng")
    if executable is None:
        note = "Voice is off: espeak-ng is not installed (e.g. apt install espeak-ng)."
        return SilentSpeaker(), note
    return EspeakSpeaker(executable), None


def announce(speaker: Speaker, started: CueStarted, previous: Cue | None) -> None:
    """Beep three times when a hold has just ended, then say the new cue."""
    if previous is not None and previous.kind is CueKind.HOLD:
        speaker.beep(3)
    speaker.say(started.cue.text)
