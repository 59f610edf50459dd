from __future__ import annotations

import pytest

from reflect.frameworks import Way
from ui.demo import DemoJournal
from ui.launcher import wants_desktop


@pytest.mark.parametrize(
    ("argv", "desktop"),
    [
        ([], True),
        (["--data-dir", "/x"], True),
        (["--data-dir=/x"], True),
        (["--demo"], True),
        (["list"], False),
        (["--data-dir", "/x", "add"], False),
        (["--help"], False),
    ],
)
def test_reflect_without_a_command_opens_the_app(argv: list[str], desktop: bool) -> None:
    assert wants_desktop(argv) is desktop


def test_the_demo_journal_is_full_private_and_thrown_away() -> None:
    demo = DemoJournal.create()
    try:
        with demo.open() as vault:
            reflections = vault.newest(limit=100)
            assert 25 <= len(reflections) <= 35
            assert {w for r in reflections for w in r.ways} == set(Way)
            assert vault.search("carers")
        assert len(demo.passphrase) >= 12
    finally:
        demo.remove()
    assert not demo.folder.exists()
