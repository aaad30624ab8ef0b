"""Reading input bytes safely: one clear IngestError for each way a file can be unusable, and strict decoding."""

from __future__ import annotations

import codecs
import os
import stat

from claimscope.ingest.errors import IngestError

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def byte_size(size: int, scale: int | None = None) -> str:
    """A byte count for messages in the unit that suits `scale` (default `size`): `25.3 MB`, `2.0 KB`, `512 bytes`."""
    scale = size if scale is None else scale
    if scale >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{size / (1 << 10):.1f} KB" if scale >= 1 << 10 else f"{size} bytes"


def check_size(size: int, limit: int, origin: str) -> None:
    """Refuse an input larger than `limit` bytes, before it is read (both given in the limit's unit)."""
    if size > limit:
        raise IngestError(origin, f"too large: {byte_size(size, limit)} > {byte_size(limit)} limit")


def read_bytes(path: str, limit: int) -> bytes:
    """The bytes of a regular file no larger than `limit`; missing, unreadable and special files are refused."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise IngestError(path, "no such file") from None
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except OSError as err:
        raise IngestError(path, err.strerror or str(err)) from None
    if stat.S_ISDIR(info.st_mode):
        reason = "is a directory, not a file" if os.access(path, os.R_OK | os.X_OK) else "permission denied"
        raise IngestError(path, reason)
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(path, "not a regular file")
    check_size(info.st_size, limit, path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except OSError as err:
        raise IngestError(path, err.strerror or str(err)) from None
    check_size(len(data), limit, path)  # the file grew after stat
    return data


def check_content(data: bytes, origin: str) -> None:
    """Refuse empty (or whitespace-only) and binary input; NUL bytes are fine only in BOM-marked UTF-16/32."""
    if not data.strip():
        raise IngestError(origin, "empty file")
    if b"\x00" in data and bom(data) in (None, "utf-8"):
        raise IngestError(origin, "binary file (NUL bytes)")


def bom(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of `data`, if any."""
    for mark, codec, _ in _BOMS:
        if data.startswith(mark):
            return codec
    return None


def decode(data: bytes, origin: str, encoding: str = "utf-8", label: str = "UTF-8") -> str:
    """Text of `data`: a BOM decides the encoding, else `encoding` strictly; never a guess, never a replacement."""
    skip = 0
    for mark, codec, name in _BOMS:
        if data.startswith(mark):
            encoding, label, skip = codec, name, len(mark)
            break
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as err:
        byte = err.object[err.start]
        raise IngestError(origin, f"not {label} text: invalid byte 0x{byte:02x} at offset {err.start + skip}") from None
    if not text.strip():
        raise IngestError(origin, "empty file")
    return text
