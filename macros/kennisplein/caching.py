"""Where the build keeps what it made between builds, and how it knows an entry is its own.

What the build reads back from a cache goes onto the public site as it is: a PDF as a
download, a QR code inline in every card page. So an entry must be something this machine
made, never a file a pull request put there:

- the caches live outside the checkout by default (`directory`): $KENNISPLEIN_CACHE, else
  $XDG_CACHE_HOME/kennisplein/<hash of the checkout's path>, else ~/.cache/kennisplein/<…>;
  a pull request only changes files inside the checkout;
- every entry is sealed (`seal`): an HMAC-SHA256 over its purpose, its key and its bytes, with a
  secret made on first use and kept beside the caches (readable by its owner only, never in a
  folder the build may be told to use). An entry without a valid seal is not read: the build
  makes it anew. So even a cache folder inside the checkout (an option in mkdocs.yml) cannot
  carry a planted file onto the site.

Publishing builds from a clean checkout without any cache (.github/workflows/publiceer.yml).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from functools import cache
from pathlib import Path

from .atomic import write_atomic

SECRET_FILE = "sleutel"
_SEAL = b"kennisplein-zegel-1\n"
_DIGEST = 32


def base() -> Path:
    """The folder that holds every checkout's caches, and the secret."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    root = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return root / "kennisplein"


def directory(checkout: Path) -> Path:
    """The cache folder of one checkout: $KENNISPLEIN_CACHE, or one per checkout under `base`."""
    chosen = os.environ.get("KENNISPLEIN_CACHE")
    if chosen:
        return Path(chosen)
    digest = hashlib.sha256(str(Path(checkout).resolve()).encode("utf-8")).hexdigest()[:16]
    return base() / digest


@cache
def _secret() -> bytes | None:
    """This machine's secret, made on first use; None if it cannot be kept (nothing is cached then)."""
    path = base() / SECRET_FILE
    with contextlib.suppress(OSError):
        if not path.is_symlink():
            secret = path.read_bytes()
            if len(secret) == 32:
                return secret
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_bytes(32)
        handle = os.open(path.with_name(f".{SECRET_FILE}.{os.getpid()}"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(secret)
        os.replace(path.with_name(f".{SECRET_FILE}.{os.getpid()}"), path)
        return path.read_bytes()  # another build may have won the race: use what is there
    except OSError:
        return None


def _mac(purpose: str, key: str, content: bytes, secret: bytes) -> bytes:
    message = purpose.encode("utf-8") + b"\0" + key.encode("utf-8") + b"\0" + content
    return hmac.new(secret, message, hashlib.sha256).digest()


def seal(purpose: str, key: str, content: bytes) -> bytes | None:
    """`content` with the seal that `unseal` checks; None when no secret can be kept."""
    secret = _secret()
    if secret is None:
        return None
    return _SEAL + _mac(purpose, key, content, secret) + content


def unseal(purpose: str, key: str, sealed: bytes) -> bytes | None:
    """The content of a sealed entry, or None when it was not sealed here for this purpose and key."""
    secret = _secret()
    if secret is None or not sealed.startswith(_SEAL) or len(sealed) < len(_SEAL) + _DIGEST:
        return None
    mac, content = sealed[len(_SEAL):len(_SEAL) + _DIGEST], sealed[len(_SEAL) + _DIGEST:]
    return content if hmac.compare_digest(mac, _mac(purpose, key, content, secret)) else None


def read(path: Path, purpose: str, key: str) -> bytes | None:
    """A sealed entry's content, or None (absent, a link, damaged, or not made here)."""
    try:
        if path.is_symlink():
            return None
        return unseal(purpose, key, path.read_bytes())
    except OSError:
        return None


def write(path: Path, purpose: str, key: str, content: bytes) -> None:
    """Keep `content` sealed at `path` (nothing is kept without a secret)."""
    sealed = seal(purpose, key, content)
    if sealed is not None:
        with contextlib.suppress(OSError):
            write_atomic(path, sealed)
