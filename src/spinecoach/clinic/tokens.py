"""Secrets handed to browsers (sign-in, enrolment link, device) and the digests the store keeps."""

import hashlib
import secrets

TOKEN_BYTES = 32  # 256 bits: not guessable, whatever the number of tries


def new_token() -> tuple[str, str]:
    """Return a new random token for the browser and its digest for the store."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_digest(token)


def token_digest(token: str) -> str:
    """Return the SHA-256 digest of a token, in hex: enough, since the token is random."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
