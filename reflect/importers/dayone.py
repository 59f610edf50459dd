"""Day One: its JSON export and the zip that holds `Journal.json` and the photos.

An entry is `{"uuid", "creationDate": "2023-01-05T09:15:00Z", "timeZone":
"Europe/London", "text", "tags", "starred", "photos": [{"md5", "type",
"identifier"}]}`. The text is Markdown whose first line is the title (often
`# Title`). The time is stored in UTC and shown in the entry's own zone. In the
zip, photos are `photos/<md5>.<type>` and become attachments.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reflect.importers import (
    Attachment,
    Collector,
    ImportFormatError,
    ImportPreview,
    decode,
    get_bool,
    get_str,
    get_str_list,
    json_entries,
    load_json,
    where,
)

MAX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_MEMBERS = 10_000

_MEDIA_TYPES = {
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "heic": "image/heic",
    "tiff": "image/tiff",
    "webp": "image/webp",
}
PhotoLoader = Callable[[str, str], Attachment | None]
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    ValueError,
    zlib.error,
)


def read_dayone_json(text: str, name: str) -> ImportPreview:
    found = Collector()
    _read_entries(text, name, found, photos=None)
    return found.preview()


def read_dayone_zip(data: bytes, name: str) -> ImportPreview:
    found = Collector()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise ImportFormatError(name, f"more than {MAX_MEMBERS:,} files in the zip")
            if sum(m.file_size for m in members) > MAX_UNCOMPRESSED:
                raise ImportFormatError(name, "more than 500 MB once unpacked")
            for member in members:
                if not _safe(member.filename):
                    raise ImportFormatError(name, f"unsafe path in the zip: {member.filename!r}")
            journals = sorted(
                (m for m in members if _is_top_json(m.filename)),
                key=lambda m: (m.filename != "Journal.json", m.filename),
            )
            if not journals:
                raise ImportFormatError(name, "not a Day One export: no Journal.json in the zip")
            photos = {
                PurePosixPath(m.filename).name.casefold(): m
                for m in members
                if m.filename.startswith("photos/") and not m.is_dir()
            }
            budget = [MAX_UNCOMPRESSED]
            for journal in journals:
                text = decode(
                    _read(archive, journal, budget, name), f"{journal.filename} in {name}"
                )
                _read_entries(
                    text,
                    f"{journal.filename} in {name}",
                    found,
                    photos=lambda file, at: _photo(archive, photos, file, at, budget, found),
                )
    except _ZIP_ERRORS as error:
        raise ImportFormatError(name, f"not a readable zip file ({error})") from None
    return found.preview()


def _safe(path: str) -> bool:
    parts = path.replace("\\", "/").split("/")
    return not (
        path.startswith(("/", "\\"))
        or ".." in parts
        or re.match(r"^[A-Za-z]:", path)
        or "\x00" in path
    )


def _is_top_json(path: str) -> bool:
    return "/" not in path and path.casefold().endswith(".json") and not path.startswith(".")


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: list[int], name: str) -> bytes:
    """Read one member, refusing to unpack more than the zip's declared total."""
    chunks: list[bytes] = []
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise ImportFormatError(name, "more than 500 MB once unpacked")
            chunks.append(chunk)
    return b"".join(chunks)


def _photo(
    archive: zipfile.ZipFile,
    photos: dict[str, zipfile.ZipInfo],
    file: str,
    at: str,
    budget: list[int],
    found: Collector,
) -> Attachment | None:
    member = photos.get(file.casefold())
    if member is None:
        found.problem(at, f"the photo {file} is not in the zip; left out")
        return None
    kind = file.rsplit(".", 1)[-1].casefold()
    data = _read(archive, member, budget, at)
    return Attachment(file, data, _MEDIA_TYPES.get(kind, "application/octet-stream"))


def _when(item: Mapping[str, object], at: str, found: Collector) -> datetime:
    raw = get_str(item, "creationDate", at, required=True)
    try:
        value = datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith("Z") else raw)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ImportFormatError(at, "'creationDate' is not a date") from None
    zone_name = get_str(item, "timeZone", at)
    if not zone_name:
        return value
    try:
        return value.astimezone(ZoneInfo(zone_name))
    except (ZoneInfoNotFoundError, ValueError, OSError, OverflowError):
        found.problem(at, f"unknown time zone {zone_name!r}; the time is kept in UTC")
        return value


def _title_and_body(text: str) -> tuple[str, str]:
    lines = text.lstrip("\n").split("\n")
    first = lines[0].strip()
    if not first or first.startswith("!["):
        return "", text
    return first.lstrip("#").strip(), "\n".join(lines[1:])


def _read_entries(text: str, name: str, found: Collector, photos: PhotoLoader | None) -> None:
    """Entries of one Day One JSON; `photos(file, where)` loads a photo, None without a zip."""
    missing = 0
    for number, item in enumerate(json_entries(load_json(text, name), name, "Day One"), 1):
        at = where(name, entry=number)
        if not isinstance(item, Mapping):
            raise ImportFormatError(at, "not an entry (expected an object)")
        uuid = get_str(item, "uuid", at, required=True).strip()
        if not uuid:
            raise ImportFormatError(at, "'uuid' is empty")
        happened_at = _when(item, at, found)
        title, body = _title_and_body(get_str(item, "text", at))
        attachments: list[Attachment] = []
        listed = item.get("photos") or []
        if not isinstance(listed, list):
            raise ImportFormatError(at, "'photos' is not a list")
        for photo in listed:
            if not isinstance(photo, Mapping):
                raise ImportFormatError(at, "a photo is not an object")
            md5 = get_str(photo, "md5", at, required=True)
            kind = get_str(photo, "type", at) or "jpeg"
            if not re.fullmatch(r"[0-9A-Za-z]+", md5) or not re.fullmatch(r"[0-9A-Za-z]+", kind):
                raise ImportFormatError(at, f"the photo {md5!r} has an unexpected name")
            if photos is not None:
                attachment = photos(f"{md5}.{kind}", at)
                if attachment is not None:
                    attachments.append(attachment)
            else:
                missing += 1
        found.add(
            at,
            key=f"dayone:{uuid}",
            happened_at=happened_at,
            title=title,
            body=body,
            tags=get_str_list(item, "tags", at),
            starred=get_bool(item, "starred", at),
            attachments=tuple(attachments),
        )
    if missing:
        found.problem(
            name,
            f"{missing} photo(s) are only in Day One's zip export; import the zip to keep them",
        )
