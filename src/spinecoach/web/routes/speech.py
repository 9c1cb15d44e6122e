"""Spoken cues made on the server by espeak-ng, for browsers that have no speech voice.

Browsers without a Web Speech voice (Chromium on a Linux laptop without speech-dispatcher),
and every browser while its page is hidden, fetch each cue's words as a clip, decode it and
schedule it on the audio clock ahead of its deadline. A clip depends only on its words, rate,
voice and format, so it is cached here (up to 32 MB of clips, the least recently used dropped
first) and may be cached by the browser for good. Ogg Vorbis is about a ninth of the WAV's size
(a whole session's cues: 1.2 MB of WAV); WAV stays for browsers that cannot decode Vorbis.
"""

import io
import re
import shutil
import struct
import subprocess
import wave
from typing import Annotated, Literal

import numpy as np
import soundfile  # type: ignore[import-untyped]  # soundfile ships no type hints
from fastapi import APIRouter, HTTPException, Query, Response

from spinecoach.web.byte_cache import ByteCache
from spinecoach.web.deps import SameSiteOnly
from spinecoach.web.schemas import error_responses

router = APIRouter(
    prefix="/api/speech",
    tags=["speech"],
    dependencies=[SameSiteOnly],
    responses=error_responses(403),
)

# The longest cue in the catalogue is 115 characters; a 400-character clip at the slowest rate
# is 4 MB of WAV and a third of a second of espeak-ng.
MAX_TEXT = 400
CACHE_BYTES = 32 * 1024 * 1024
CLIPS = ByteCache(CACHE_BYTES)
# espeak-ng voice names: a language code with optional variants, e.g. en, en-gb, en-us+f3.
VOICE_PATTERN = r"^[a-z]{2,3}(-[a-z0-9]{1,8})*(\+[a-z0-9]{1,8})?$"
ESPEAK_SECONDS = 20.0
# libsndfile's scale, 0 best to 1 smallest; 1 is about 30 kbit/s, clear for a synthetic voice.
VORBIS_COMPRESSION = 1.0
MEDIA_TYPES = {"wav": "audio/wav", "ogg": "audio/ogg"}


def espeak_wav(text: str, words_per_minute: int, voice: str) -> bytes:
    """Return espeak-ng's WAV of the text; raise HTTPException 503 when it cannot speak."""
    executable = shutil.which("espeak-ng")
    if executable is None:
        raise HTTPException(503, "server speech needs espeak-ng, which is not installed")
    # The words go on stdin, never on the command line, so no text can pass as an option.
    done = subprocess.run(
        [executable, "-v", voice, "-s", str(words_per_minute), "--stdout"],
        input=" ".join(text.split()).encode(),
        capture_output=True,
        timeout=ESPEAK_SECONDS,
        check=False,
    )
    if done.returncode != 0 or len(done.stdout) < 44 or not done.stdout.startswith(b"RIFF"):
        message = done.stderr.decode(errors="replace").strip() or "no audio"
        raise HTTPException(422, f"espeak-ng could not say this with voice {voice!r}: {message}")
    return whole_wav(done.stdout)


def whole_wav(streamed: bytes) -> bytes:
    """Return espeak-ng's streamed WAV with true sizes: a stream's header says "unknown length"."""
    channels, rate = struct.unpack_from("<HI", streamed, 22)
    bits = struct.unpack_from("<H", streamed, 34)[0]
    data = streamed.find(b"data")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(bits // 8)
        out.setframerate(rate)
        out.writeframes(streamed[data + 8 :])
    return buffer.getvalue()


def espeak_ogg(text: str, words_per_minute: int, voice: str) -> bytes:
    """Return espeak-ng's words as Ogg Vorbis (same sound, same length, a ninth of the bytes)."""
    samples, rate = soundfile.read(io.BytesIO(espeak_wav(text, words_per_minute, voice)))
    buffer = io.BytesIO()
    soundfile.write(
        buffer,
        np.asarray(samples, dtype=np.float32),
        rate,
        format="OGG",
        subtype="VORBIS",
        compression_level=VORBIS_COMPRESSION,
    )
    return buffer.getvalue()


@router.get(
    "",
    response_class=Response,
    responses={
        200: {
            "content": {"audio/wav": {}, "audio/ogg": {}},
            "description": "the words as a WAV or Ogg Vorbis clip",
        },
        **error_responses(422, 503),
    },
)
def speech(
    text: Annotated[str, Query(min_length=1, max_length=MAX_TEXT, description="words to say")],
    rate: Annotated[int, Query(ge=80, le=300, description="words per minute")] = 150,
    voice: Annotated[str, Query(pattern=VOICE_PATTERN, description="espeak-ng voice")] = "en",
    format: Annotated[
        Literal["wav", "ogg"], Query(description="wav, or ogg (Vorbis) where it can be decoded")
    ] = "wav",
) -> Response:
    """Say the words with espeak-ng and return them as audio/wav or audio/ogg."""
    if not re.search(r"\w", text):
        raise HTTPException(422, "text must contain a word to say")
    make = espeak_ogg if format == "ogg" else espeak_wav
    words = text.strip()
    clip = CLIPS.get_or_make((format, words, rate, voice), lambda: make(words, rate, voice))
    return Response(
        clip,
        media_type=MEDIA_TYPES[format],
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )
