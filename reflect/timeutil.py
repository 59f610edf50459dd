"""Aware date-times: parsing user input and a lossless text form for storage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reflect.errors import ValidationError


def now() -> datetime:
    """The current moment in the machine's local time zone, aware."""
    return datetime.now(UTC).astimezone(local_zone())


def local_zone() -> timezone | ZoneInfo:
    """The local zone, as an IANA zone when the platform names one."""
    import os

    name = os.environ.get("TZ")
    if name:
        try:
            return ZoneInfo(name.removeprefix(":"))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        from pathlib import Path

        link = Path("/etc/localtime").resolve()
        if "zoneinfo" in link.parts:
            key = "/".join(link.parts[link.parts.index("zoneinfo") + 1 :])
            return ZoneInfo(key)
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    return timezone(offset)


def parse_datetime(raw: str, field: str) -> datetime:
    """Parse ISO 8601; a value without an offset is taken as local time."""
    text = raw.strip()
    if not text:
        raise ValidationError(field, "a date and time is required")
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        raise ValidationError(
            field, f"cannot read {raw!r} as a date; use ISO 8601, e.g. 2026-03-14T09:30+00:00"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=local_zone())
    return value


def parse_range_end(raw: str, field: str) -> datetime:
    """The end of a date range: a date alone means the whole of that day is included."""
    value = parse_datetime(raw, field)
    if len(raw.strip()) == len("2026-01-10"):
        value = value + timedelta(days=1) - timedelta(microseconds=1)
    return value


def zone_key(value: datetime) -> str | None:
    """The IANA zone name of an aware date-time, when it has one."""
    tz = value.tzinfo
    return tz.key if isinstance(tz, ZoneInfo) else None


def to_text(value: datetime) -> str:
    """ISO 8601 with its offset, to the microsecond: sorts and parses losslessly."""
    return value.isoformat(timespec="microseconds")


def from_text(text: str, zone: str | None = None) -> datetime:
    value = datetime.fromisoformat(text)
    if zone:
        value = value.astimezone(ZoneInfo(zone))
    return value


def to_micros(value: datetime) -> int:
    """Microseconds since the epoch (UTC), for ordering and ranges."""
    delta = value - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
