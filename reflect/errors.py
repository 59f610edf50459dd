"""Errors the core raises. Each carries a message fit to show a user as is."""

from __future__ import annotations


class ReflectError(Exception):
    """Base of every error Reflect means to show the user (never with a traceback)."""


class ValidationError(ReflectError):
    """Input that cannot become a valid reflection; names the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
