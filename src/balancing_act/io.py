"""Every file the project reads goes through the guarded reader; every file it writes goes
through the atomic writer.

Reading is bounded and refuses what is not a plain file: a FIFO would block the game, a device
such as /dev/zero would never end, a folder is a mistake. Sizes and JSON nesting are capped,
a UTF-8 byte-order mark (as Notepad writes) is accepted, and every refusal is a `ReadError`
saying `path: what is wrong`.

Writing goes to a temporary file in the same folder, is flushed to disk, then renamed over the
old file, so a crash, a kill or a full disk leaves the last good copy in place. A failed write is
a `WriteError` with a plain reason (read-only folder, disk full, no permission).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import struct
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from balancing_act.errors import ReadError, WriteError

KB = 1024
MB = 1024 * KB
MAX_JSON_DEPTH = 40
MAX_IMAGE_SIDE = 4096

Model = TypeVar("Model", bound=BaseModel)

_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a device",
          stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def describe(path: Path | str) -> str:
    """A path as shown in messages: control characters and odd bytes escaped."""
    text = str(path)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _reason(err: OSError) -> str:
    return {
        errno.ENOENT: "no such file or folder",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the folder is read-only",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EISDIR: "it is a folder",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.ENAMETOOLONG: "the name is too long",
        errno.ELOOP: "too many symbolic links",
        errno.EIO: "an input/output error",
    }.get(err.errno or 0, (err.strerror or str(err)).lower())


def _size_text(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB".replace(".0 MB", " MB") if size % MB == 0 and \
            size < 10 * MB else f"{size / MB:.1f} MB"
    return f"{size / KB:.0f} KB" if size >= KB else f"{size} bytes"


def read_bytes(path: Path, *, limit: int, what: str = "files of this kind") -> bytes:
    """The bytes of a regular file of at most `limit` bytes (`what` names the kind of file
    in the message when it is larger)."""
    name = describe(path)
    if "\x00" in str(path):
        raise ReadError(name, "the path contains a NUL character")
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                             | getattr(os, "O_BINARY", 0))
    except OSError as err:
        raise ReadError(name, f"cannot read it: {_reason(err)}") from None
    except (ValueError, UnicodeError):
        raise ReadError(name, "the path cannot be used on this system") from None
    try:
        info = os.fstat(descriptor)
        kind = stat.S_IFMT(info.st_mode)
        if kind != stat.S_IFREG:
            raise ReadError(name, f"not a regular file ({_KINDS.get(kind, 'a special file')})")
        if info.st_size > limit:
            raise ReadError(name, f"the file is {_size_text(info.st_size)}; {what} are "
                                  f"limited to {_size_text(limit)}")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(descriptor, min(limit + 1 - total, MB))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise ReadError(name, f"the file is larger than {_size_text(limit)}; {what} are "
                                  f"limited to {_size_text(limit)}")
        return b"".join(chunks)
    except OSError as err:
        raise ReadError(name, f"cannot read it: {_reason(err)}") from None
    finally:
        os.close(descriptor)


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 text without a byte-order mark; a clear message for anything else."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise ReadError(f"{name}:{line}:{col}", f"not UTF-8 text (byte 0x{raw[err.start]:02x}); "
                                                "save it as UTF-8") from None
    return text.removeprefix("\ufeff")


def read_text(path: Path, *, limit: int, what: str = "files of this kind") -> str:
    return decode_text(read_bytes(path, limit=limit, what=what), describe(path))


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest (strings ignored)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def parse_json(text: str, name: str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """JSON with bounded nesting; numbers too long to be meant are refused, and an empty file
    is said to be empty."""
    if not text.strip():
        raise ReadError(name, "the file is empty" + (" (only blank space)" if text else ""))
    if json_depth(text) > max_depth:
        raise ReadError(name, f"the data is nested more than {max_depth} levels deep")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        what = err.msg.lower().removesuffix(" at").removesuffix(" starting")
        raise ReadError(f"{name}:{err.lineno}:{err.colno}",
                        f"not valid JSON ({what}); the file may be truncated or "
                        "damaged") from None
    except (ValueError, RecursionError) as err:
        raise ReadError(name, f"not usable JSON ({_short(err)})") from None


def _no_constant(word: str) -> Any:
    raise ValueError(f"{word} is not a number JSON allows")


def _short(err: Exception) -> str:
    text = str(err).split("\n")[0]
    if "digits" in text:
        return "a number has too many digits"
    return text[:120]


def read_json(path: Path, *, limit: int, what: str = "files of this kind",
              max_depth: int = MAX_JSON_DEPTH) -> Any:
    name = describe(path)
    return parse_json(read_text(path, limit=limit, what=what), name, max_depth=max_depth)


def validation_message(err: ValidationError) -> str:
    """The first problem pydantic found, as `where: what`."""
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "the file"
    return f"{where}: {first['msg'][:1].lower()}{first['msg'][1:]}"


def load_model(model: type[Model], data: Any, name: str) -> Model:
    """Validate data read from `name` against a file model; ReadError names the problem."""
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise ReadError(name, validation_message(err)) from None


def read_json_model(path: Path, model: type[Model], *, limit: int,
                    what: str = "files of this kind") -> Model:
    return load_model(model, read_json(path, limit=limit, what=what), describe(path))


# -- images ---------------------------------------------------------------------------------

def image_size(raw: bytes, name: str) -> tuple[int, int]:
    """The width and height of a PNG or JPEG from its header, before anything is decoded."""
    if raw.startswith(b"\x89PNG\r\n\x1a\n") and len(raw) >= 24 and raw[12:16] == b"IHDR":
        width, height = struct.unpack(">II", raw[16:24])
        return int(width), int(height)
    if raw.startswith(b"\xff\xd8"):
        index = 2
        while index + 9 < len(raw):
            if raw[index] != 0xFF:
                index += 1
                continue
            marker = raw[index + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                index += 2
                continue
            length = struct.unpack(">H", raw[index + 2:index + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", raw[index + 5:index + 9])
                return int(width), int(height)
            index += 2 + length
        raise ReadError(name, "a damaged JPEG image (no size found)")
    raise ReadError(name, "not a PNG or JPEG image")


def read_image(path: Path, *, limit: int = 8 * MB, max_side: int = MAX_IMAGE_SIDE) -> bytes:
    """An image's bytes, refused before decoding when it is too large in pixels."""
    raw = read_bytes(path, limit=limit)
    width, height = image_size(raw, describe(path))
    if width < 1 or height < 1 or width > max_side or height > max_side:
        raise ReadError(describe(path), f"the image is {width}x{height} pixels; at most "
                                        f"{max_side}x{max_side} is shown")
    return raw


# -- writing --------------------------------------------------------------------------------

def _fail(path: Path, err: OSError) -> WriteError:
    return WriteError(f"{describe(path)}: cannot save it: {_reason(err)}")


def _usual_mode(descriptor: int) -> None:
    """The permissions any new file gets (a temporary file starts private): a result in a
    shared class folder must stay readable by the instructor."""
    mask = os.umask(0)
    os.umask(mask)
    with contextlib.suppress(OSError, AttributeError):
        os.fchmod(descriptor, 0o666 & ~mask)


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def write_bytes(path: Path, data: bytes, *, make_folder: bool = False) -> None:
    """Replace `path` with `data` atomically: the old file stays whole if anything fails."""
    folder = path.parent
    if make_folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise _fail(path, err) from None
    elif not folder.is_dir():
        raise WriteError(f"{describe(path)}: cannot save it: the folder {describe(folder)} "
                         "does not exist")
    _replace(path, data, flush=True)
    _sync_folder(folder)


def _replace(path: Path, data: bytes, *, flush: bool) -> None:
    """Write `data` to a temporary file beside `path` (flushed to disk when `flush`), then
    rename it over `path`; on any failure the temporary file goes and `path` stays whole."""
    temporary = None
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.",
                                        suffix=".tmp")
        temporary = Path(name)
        _usual_mode(handle)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if flush:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = None
    except OSError as err:
        raise _fail(path, err) from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Many files into one existing folder, each replaced atomically (written to a temporary
    file, then renamed over the old one), and flushed to disk once for all of them: a class
    report's hundreds of pages would otherwise wait for the disk once per page. WriteError
    names the file that could not be written; the files written before it stay whole."""
    if not folder.is_dir():
        raise WriteError(f"{describe(folder)}: cannot save files there: the folder does not "
                         "exist")
    for name, data in files.items():
        _replace(folder / name, data, flush=False)
    sync = getattr(os, "sync", None)
    if sync is not None:  # POSIX: one flush of everything written
        sync()
    _sync_folder(folder)


def write_text(path: Path, text: str, *, make_folder: bool = False, bom: bool = False) -> None:
    data = ("\ufeff" if bom else "").encode() + text.encode("utf-8", errors="replace")
    write_bytes(path, data, make_folder=make_folder)


def json_text(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_json(path: Path, data: Any, *, make_folder: bool = False) -> None:
    write_text(path, json_text(data), make_folder=make_folder)


def create_new(path: Path, data: bytes, *, make_folder: bool = False) -> bool:
    """Write `data` to `path` only if no file has that name (False if one has), so two
    writers can never take the same name. Atomic where the file system has hard links."""
    folder = path.parent
    try:
        if make_folder:
            folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:40]}.", suffix=".tmp")
    except OSError as err:
        raise _fail(path, err) from None
    temporary = Path(name)
    try:
        _usual_mode(handle)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        except OSError as err:
            if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                                 errno.EMLINK):
                raise
            return _create_without_links(path, data)
        return True
    except OSError as err:
        raise _fail(path, err) from None
    finally:
        temporary.unlink(missing_ok=True)


def _create_without_links(path: Path, data: bytes) -> bool:
    """For file systems without hard links (FAT on a USB stick): exclusive create, then write."""
    try:
        with path.open("xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except FileExistsError:
        return False
    return True
