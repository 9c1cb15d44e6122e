"""Spoken cues through espeak-ng, offline; beeps at the end of each hold.

One espeak-ng process is started before the session and fed one line per cue on stdin, so
speech starts on the cue's deadline instead of after a process start-up.

Sound is a help, never a condition: when audio fails (no device, a player that exits, espeak-ng
gone) the speaker turns itself off, keeps the reason for the player to show once, and the
session goes on.
"""

import contextlib
import io
import math
import shutil
import struct
import subprocess
import sys
import tempfile
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

    def take_failure(self) -> str | None:
        """Return why the voice turned itself off, once; None when there is nothing new."""
        ...


class SilentSpeaker:
    """Says nothing: the --no-voice choice, or espeak-ng is not installed."""

    def say(self, text: str) -> None:
        """Do nothing."""

    def beep(self, count: int) -> None:
        """Do nothing."""

    def close(self) -> None:
        """Do nothing."""

    def take_failure(self) -> str | None:
        """Return None: silence cannot fail."""
        return None


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

    def take_failure(self) -> str | None:
        """Return None: recording cannot fail."""
        return None


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
    """Speaks through one long-lived espeak-ng process; beeps through aplay, play or the bell."""

    def __init__(
        self,
        executable: str,
        voice: str = "en",
        terminal: IO[str] = sys.stdout,
        wav_output: IO[bytes] | None = None,
        player: list[str] | None = None,
    ) -> None:
        # Without text arguments espeak-ng speaks each line of stdin as soon as it arrives;
        # with wav_output it writes the same speech as one WAV stream instead of playing it.
        command = [executable, "-v", voice, "-s", str(WORDS_PER_MINUTE)]
        # espeak-ng exits 0 even when no audio device opens; what it writes on stderr is the
        # only sign, so stderr goes to a file that is checked before each cue.
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115  # closed by close()
        self._process = subprocess.Popen(
            [*command, "--stdout"] if wav_output else command,
            stdin=subprocess.PIPE,
            stdout=wav_output or subprocess.DEVNULL,
            stderr=self._errors,
            text=True,
        )
        self._player = player if player is not None else _wav_player()
        self._beeps: list[subprocess.Popen[bytes]] = []  # reaped as they end
        self._terminal = terminal
        self._failure: str | None = None
        self._failure_taken = False

    @property
    def off(self) -> bool:
        """Return whether the voice turned itself off after an audio failure."""
        return self._failure is not None

    def _turn_off(self, reason: str) -> None:
        """Stop using sound for the rest of the session and keep the reason to show once."""
        if self._failure is None:
            self._failure = f"Voice is off: {reason}. The session goes on without sound."
            _stop(self._process)

    def _check(self) -> None:
        """Turn off if espeak-ng has died, complained, or the last beep player failed."""
        if self.off:
            return
        if self._process.poll() is not None:
            self._turn_off(f"espeak-ng stopped (exit code {self._process.returncode})")
        elif complaint := _last_line(self._errors):
            self._turn_off(f"espeak-ng cannot play sound ({complaint})")
        else:
            ended = [beep for beep in self._beeps if beep.poll() is not None]
            self._beeps = [beep for beep in self._beeps if beep not in ended]
            if any(beep.returncode != 0 for beep in ended):
                self._turn_off(f"{self._player_name} cannot play sound")

    @property
    def _player_name(self) -> str:
        return self._player[0].rsplit("/", 1)[-1] if self._player else "the terminal"

    def say(self, text: str) -> None:
        """Queue the text as one line; espeak-ng starts speaking it at once."""
        self._check()
        stdin = self._process.stdin
        if self.off or stdin is None:
            return
        try:
            stdin.write(" ".join(text.split()) + "\n")
            stdin.flush()
        except OSError as error:  # BrokenPipeError and friends: espeak-ng is gone
            self._turn_off(f"espeak-ng stopped ({error.strerror or error})")

    def beep(self, count: int) -> None:
        """Play the beeps through aplay or play if present, else ring the terminal bell."""
        self._check()
        if self.off:
            return
        try:
            if self._player:
                beeping = subprocess.Popen(
                    self._player,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                self._beeps.append(beeping)
                if beeping.stdin is not None:
                    with beeping.stdin:
                        beeping.stdin.write(beep_wav(count))
            else:
                self._terminal.write("\a" * count)
                self._terminal.flush()
        except OSError as error:  # the player exited before reading: no audio device
            self._turn_off(f"{self._player_name} cannot play sound ({error.strerror or error})")

    def take_failure(self) -> str | None:
        """Return why the voice turned itself off, the first time only."""
        self._check()
        if self._failure is None or self._failure_taken:
            return None
        self._failure_taken = True
        return self._failure

    def close(self) -> None:
        """Let espeak-ng finish what it was saying, then end it; audio errors are ignored."""
        try:
            if self._process.stdin is not None:
                self._process.stdin.close()
        except OSError:
            pass  # espeak-ng already gone: nothing left to finish
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _stop(self._process)
        for beeping in self._beeps:
            with contextlib.suppress(subprocess.TimeoutExpired):
                beeping.wait(timeout=2)  # let the last beeps finish
            _stop(beeping)
        self._errors.close()


def _stop(process: "subprocess.Popen[str] | subprocess.Popen[bytes]") -> None:
    """End a helper process that is no longer wanted, without raising."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _last_line(errors: IO[bytes]) -> str | None:
    """Return the last non-empty line a helper wrote to its error file, if it wrote any."""
    errors.seek(0)
    lines = [line.strip() for line in errors.read().decode(errors="replace").splitlines()]
    errors.seek(0, io.SEEK_END)
    return next((line for line in reversed(lines) if line), None)


def probe_audio(executable: str) -> str | None:
    """Say nothing at volume 0 and return espeak-ng's complaint if no audio device opened."""
    try:
        done = subprocess.run(
            [executable, "-a", "0", "."], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    complaint = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    if done.returncode != 0 or complaint:
        return complaint[-1] if complaint else f"exit code {done.returncode}"
    return None


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
    complaint = probe_audio(executable)
    if complaint is not None:
        # The person needs to know there will be no voice, not why the sound device failed.
        return SilentSpeaker(), "Voice is off: this computer has no way to play sound right now."
    return EspeakSpeaker(executable), None


def announce(speaker: Speaker, started: CueStarted, previous: Cue | None) -> str | None:
    """Beep three times when a hold has just ended, then say the new cue.

    Return, once, the reason the voice turned itself off, for the player to show.
    """
    if previous is not None and previous.kind is CueKind.HOLD:
        speaker.beep(3)
    speaker.say(started.cue.text)
    return speaker.take_failure()
