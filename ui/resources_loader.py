"""The one place that reads files from resources/."""

from __future__ import annotations

from importlib import resources


def stylesheet() -> str:
    return resources.files("resources").joinpath("style.qss").read_text(encoding="utf-8")
