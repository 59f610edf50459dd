"""The app's settings: a typed, defaulted declaration, kept in QSettings.

Only preferences live here: never text, titles or names from the journal.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from PySide6.QtCore import QSettings


@dataclass(frozen=True, slots=True)
class Settings:
    auto_lock_minutes: int = 10
    theme: str = "system"  # system, light or dark
    text_size: int = 12
    calendar_folder: str = ""  # a folder of .ics files re-read after each unlock

    @staticmethod
    def load(store: QSettings | None = None) -> Settings:
        store = store or QSettings("Reflect", "Reflect")
        values = {}
        for field in fields(Settings):
            default = getattr(Settings(), field.name)
            raw = store.value(f"settings/{field.name}", default)
            try:
                values[field.name] = type(default)(raw)
            except (TypeError, ValueError):
                values[field.name] = default
        return Settings(**values)

    def save(self, store: QSettings | None = None) -> None:
        store = store or QSettings("Reflect", "Reflect")
        for name, value in asdict(self).items():
            store.setValue(f"settings/{name}", value)
