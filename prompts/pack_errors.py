"""The one error a prompt pack can fail with: every problem at once, each with its line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reflect.errors import ReflectError


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a pack. `where` names the field ("prompts 2, ways")."""

    message: str
    line: int | None = None
    where: str = ""

    def __str__(self) -> str:
        parts = [f"line {self.line}"] if self.line is not None else []
        if self.where:
            parts.append(self.where)
        return f"{', '.join(parts)}: {self.message}" if parts else self.message


class PackError(ReflectError):
    """A pack that is refused; nothing of it is imported."""

    def __init__(self, name: str, summary: str, problems: Sequence[Problem] = ()) -> None:
        self.name = name
        self.summary = summary
        self.problems = tuple(problems)
        lines = [f"{name} {summary}"]
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def invalid(name: str, problems: Sequence[Problem]) -> PackError:
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    return PackError(name, f"is not a valid prompt pack ({count} {noun}):", problems)
