"""Light, dark, or whatever the system uses: one place sets the app's palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_DARK = {
    QPalette.ColorRole.Window: "#24272b",
    QPalette.ColorRole.WindowText: "#e6e6e3",
    QPalette.ColorRole.Base: "#1c1e21",
    QPalette.ColorRole.AlternateBase: "#2a2d31",
    QPalette.ColorRole.Text: "#e6e6e3",
    QPalette.ColorRole.PlaceholderText: "#8d9096",
    QPalette.ColorRole.Button: "#2e3236",
    QPalette.ColorRole.ButtonText: "#e6e6e3",
    QPalette.ColorRole.Highlight: "#3d6fa6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2e3236",
    QPalette.ColorRole.ToolTipText: "#e6e6e3",
    QPalette.ColorRole.Link: "#8ab4e8",
    # The shades used for bevels, tracks and separators, or they stay light.
    QPalette.ColorRole.Light: "#464a50",
    QPalette.ColorRole.Midlight: "#363a3f",
    QPalette.ColorRole.Mid: "#2b2e32",
    QPalette.ColorRole.Dark: "#17191b",
    QPalette.ColorRole.Shadow: "#000000",
}


_platform_style: str | None = None  # the style the platform gave, before any switch


def apply(app: QApplication, theme: str) -> None:
    """`system` keeps the platform's own style and palette (and follows its light/dark switch)."""
    global _platform_style
    if _platform_style is None:
        _platform_style = app.style().name()
    if theme == "system":
        app.setStyle(_platform_style)
        app.setPalette(app.style().standardPalette())
        return
    app.setStyle("Fusion")
    palette = app.style().standardPalette()
    if theme == "dark":
        for role, colour in _DARK.items():
            palette.setColor(role, QColor(colour))
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6f7277"))
        palette.setColor(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6f7277")
        )
    app.setPalette(palette)


def apply_text_size(app: QApplication, points: int) -> None:
    """The size of the writing: the stylesheet's editor rules, restated at `points`."""
    from ui.resources_loader import stylesheet

    app.setStyleSheet(
        f"{stylesheet()}\n"
        f"QPlainTextEdit {{ font-size: {points}pt; }}\n"
        f"QLineEdit#title {{ font-size: {points + 3}pt; }}\n"
    )
