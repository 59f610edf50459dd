"""The `reflect` command line, as a user meets it.

Almost every test drives `cli.main.main(argv)` in this process (a subprocess costs
a Python start-up per command); three at the end run `python -m reflect` for real.

Every in-process command unlocks through the passphrase slot, as a user's would. Argon2id
is a pure function of (passphrase, salt, settings), so this module remembers its results
(`_argon2_once`): each journal copy shares its template's salt, and deriving the same key
a hundred times would only make the file slow. A wrong passphrase still derives afresh.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest

from cli.main import main
from storage import crypto, keyfile
from storage.paths import JournalPaths
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE

REPO = Path(__file__).resolve().parents[2]
RECOVERY_KEY = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){8}\b")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
NO_SECRET = "No passphrase given and no terminal to ask on"


# --- running the command line ------------------------------------------------------


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        assert self.code == 0, self.err
        data = json.loads(self.out)
        assert data["reflect_json"] == 1
        return data

    @property
    def error(self) -> str:
        """The error message, checked to be one line starting `reflect: `, no traceback."""
        assert self.code != 0, self.out
        assert "Traceback" not in self.err
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("reflect: "), self.err
        return lines[0]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _argv(data_dir: Path, unlock: Sequence[str], args: Sequence[str]) -> list[str]:
    return ["--data-dir", str(data_dir), *unlock, *args]


class Cli:
    """`reflect --data-dir DIR --passphrase-file FILE ARGS...`, in process."""

    def __init__(
        self,
        data_dir: Path,
        secrets_dir: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        self.data_dir = data_dir
        self.secrets_dir = secrets_dir
        self.passphrase_file = _write(secrets_dir / "passphrase.txt", PASSPHRASE + "\n")
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def at(self, data_dir: Path) -> Cli:
        return Cli(data_dir, self.secrets_dir, self._capsys, self._monkeypatch)

    def secret_file(self, name: str, text: str) -> Path:
        return _write(self.secrets_dir / name, text + "\n")

    def __call__(self, *args: str, stdin: str = "", unlock: Sequence[str] | None = None) -> Result:
        if unlock is None:
            unlock = ["--passphrase-file", str(self.passphrase_file)]
        self._monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        self._capsys.readouterr()
        try:
            code = main(_argv(self.data_dir, unlock, args))
        except SystemExit as exc:  # argparse's usage errors and --help
            code = int(exc.code or 0)
        captured = self._capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def add(self, body: str, *options: str) -> str:
        result = self("add", *options, stdin=body)
        assert result.code == 0, result.err
        return result.out.strip()

    def ids(self, *args: str) -> list[str]:
        return [r["id"] for r in self("list", "--json", *args).json()["reflections"]]


_DERIVED: dict[tuple[bytes, bytes, crypto.Argon2Params], bytes] = {}
_real_argon2id = crypto.argon2id


def _argon2_once(secret: bytes, salt: bytes, params: crypto.Argon2Params) -> bytes:
    key = (secret, salt, params)
    if key not in _DERIVED:
        _DERIVED[key] = _real_argon2id(secret, salt, params)
    return _DERIVED[key]


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch: pytest.MonkeyPatch) -> None:
    # Never fall back to a typed passphrase, even when the tests run in a terminal.
    monkeypatch.setattr("cli.unlock.has_terminal", lambda: False)
    monkeypatch.setattr("storage.crypto.argon2id", _argon2_once)
    monkeypatch.delenv("REFLECT_DATA_DIR", raising=False)
    monkeypatch.delenv("REFLECT_DEBUG", raising=False)


@pytest.fixture
def cli(
    journal_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Cli:
    """The command line on a fresh, empty journal whose passphrase is in a file."""
    return Cli(journal_dir, tmp_path, capsys, monkeypatch)


# Five reflections, oldest first, each with something a filter can find.
SEED: dict[str, tuple[str, list[str]]] = {
    "budget": (
        "The conversation went round in circles.",
        [
            "--title",
            "Budget meeting",
            "--at",
            "2026-01-10T09:00+00:00",
            "--way",
            "feeling",
            "--tag",
            "finance",
            "--person",
            "Asha Patel",
            "--org",
            "County Council",
        ],
    ),
    "ward": (
        "We argued about the budget again, briefly.",
        [
            "--title",
            "Ward round",
            "--at",
            "2026-02-10T09:00+00:00",
            "--way",
            "relating",
            "--way",
            "doing",
            "--tag",
            "wards",
            "--person",
            "Tom",
            "--lens",
            "historian",
            "--star",
        ],
    ),
    "quiet": (
        "Walked by the river and thought about nothing much.",
        [
            "--title",
            "Quiet morning",
            "--at",
            "2026-03-10T09:00+00:00",
            "--way",
            "being",
            "--lens",
            "sage",
        ],
    ),
    "strategy": (
        "A long day of slides about the five-year plan.",
        [
            "--title",
            "Strategy away day",
            "--at",
            "2026-04-10T09:00+00:00",
            "--way",
            "thinking",
            "--tag",
            "Finance",
            "--org",
            "NHS Trust",
            "--star",
        ],
    ),
    "untitled": (
        "Noticed how the team listened when Asha spoke.",
        ["--at", "2026-05-10T09:00+00:00", "--person", "asha patel"],
    ),
}
NEWEST_FIRST = ["untitled", "strategy", "quiet", "ward", "budget"]


@pytest.fixture(scope="module")
def seeded_template(
    tmp_path_factory: pytest.TempPathFactory, journal_template: tuple[Path, str]
) -> tuple[Path, dict[str, str]]:
    """The five SEED reflections, added once through `reflect add`, copied per test."""
    base = tmp_path_factory.mktemp("seeded")
    folder = base / "journal"
    shutil.copytree(journal_template[0], folder)
    passphrase_file = _write(base / "passphrase.txt", PASSPHRASE + "\n")
    ids: dict[str, str] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("storage.crypto.argon2id", _argon2_once)
        for name, (body, options) in SEED.items():
            patch.setattr("sys.stdin", io.StringIO(body))
            out = io.StringIO()
            with redirect_stdout(out), redirect_stderr(io.StringIO()):
                code = main(
                    _argv(folder, ["--passphrase-file", str(passphrase_file)], ["add", *options])
                )
            assert code == 0
            ids[name] = out.getvalue().strip()
    return folder, ids


@dataclass(frozen=True)
class Seeded:
    cli: Cli
    ids: dict[str, str]

    def names(self, ids: Sequence[str]) -> list[str]:
        by_id = {v: k for k, v in self.ids.items()}
        return [by_id[i] for i in ids]

    def listed(self, *args: str) -> list[str]:
        return self.names(self.cli.ids(*args))

    def found(self, query: str, *args: str) -> list[str]:
        hits = self.cli("search", query, "--json", *args).json()["hits"]
        return self.names([h["reflection"]["id"] for h in hits])


@pytest.fixture
def seeded(
    seeded_template: tuple[Path, dict[str, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Seeded:
    folder = tmp_path / "journal"
    shutil.copytree(seeded_template[0], folder)
    return Seeded(Cli(folder, tmp_path, capsys, monkeypatch), dict(seeded_template[1]))


def _device_slots(folder: Path) -> int:
    return len(keyfile.read(JournalPaths(folder).keyfile).slots_of("device"))


# --- init ----------------------------------------------------------------------------


def test_init_shows_a_nine_group_recovery_key_once_and_it_unlocks(cli: Cli, tmp_path: Path) -> None:
    new = cli.at(tmp_path / "new journal")
    result = new("init")
    assert result.code == 0, result.err
    keys = RECOVERY_KEY.findall(result.out)
    assert len(keys) == 1
    assert len(keys[0].split("-")) == 9
    assert "Traceback" not in result.err
    key_file = new.secret_file("recovery.txt", keys[0])
    assert new("list", unlock=["--recovery-key-file", str(key_file)]).code == 0
    assert new("list").code == 0


def test_init_refuses_a_folder_that_already_has_a_journal(cli: Cli) -> None:
    before = JournalPaths(cli.data_dir).keyfile.read_bytes()
    result = cli("init")
    assert result.code == 1
    assert "already a journal" in result.error
    assert JournalPaths(cli.data_dir).keyfile.read_bytes() == before


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [("short", "at least 12"), ("password1234", "too easy to guess")],
)
@pytest.mark.parametrize("option", ["--new-passphrase-file", "--passphrase-file"])
def test_init_refuses_a_weak_passphrase_with_a_reason(
    cli: Cli, tmp_path: Path, passphrase: str, reason: str, option: str
) -> None:
    folder = tmp_path / "weak"
    weak = str(cli.secret_file("weak.txt", passphrase))
    if option == "--passphrase-file":
        result = cli.at(folder)("init", unlock=[option, weak])
    else:
        result = cli.at(folder)("init", option, weak, unlock=[])
    assert result.code == 1
    assert reason in result.error  # the only line: nothing announced before the refusal
    assert not JournalPaths(folder).keyfile.exists()
    assert not JournalPaths(folder).database.exists()


def test_commands_on_a_folder_without_a_journal_exit_5(cli: Cli, tmp_path: Path) -> None:
    result = cli.at(tmp_path / "nothing here")("list")
    assert result.code == 5
    assert "reflect init" in result.error


def test_the_data_dir_can_come_from_the_environment(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reflection_id = cli.add("From the environment.")
    monkeypatch.setenv("REFLECT_DATA_DIR", str(cli.data_dir))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    capsys.readouterr()
    assert main(["--passphrase-file", str(cli.passphrase_file), "list"]) == 0
    assert reflection_id[:8] in capsys.readouterr().out


# --- add ---------------------------------------------------------------------------


def test_add_prints_the_new_id_and_keeps_every_option(cli: Cli) -> None:
    result = cli(
        "add",
        "--title",
        "Board away day",
        "--way",
        "Relating",
        "--way",
        "doing",
        "--tag",
        "board",
        "--person",
        "Asha Patel",
        "--org",
        "County Council",
        "--at",
        "2026-03-14T09:30+00:00",
        "--star",
        "--lens",
        "the aerial photographer",
        stdin="We mapped the whole system on one wall.\n",
    )
    assert result.code == 0, result.err
    assert UUID.match(result.out.strip())
    shown = cli("show", result.out.strip(), "--json").json()["reflection"]
    assert shown["id"] == result.out.strip()
    assert shown["title"] == "Board away day"
    assert shown["ways"] == ["doing", "relating"]
    assert shown["tags"] == ["board"]
    assert shown["people"] == ["Asha Patel"]
    assert shown["organisations"] == ["County Council"]
    assert shown["starred"] is True
    assert shown["happened_at"].startswith("2026-03-14T09:30:00")
    assert shown["happened_at"].endswith("+00:00")
    assert shown["sections"] == [
        {
            "text": "We mapped the whole system on one wall.",
            "lens": "aerial-photographer",
            "prompt": None,
            "prompt_id": None,
        }
    ]
    assert shown["in_trash"] is False


def test_add_reads_the_body_from_a_file(cli: Cli, tmp_path: Path) -> None:
    body = _write(tmp_path / "body.md", "Written in an editor.\n")
    reflection_id = cli("add", "--file", str(body)).out.strip()
    shown = cli("show", reflection_id, "--json").json()["reflection"]
    assert shown["sections"][0]["text"] == "Written in an editor."
    missing = cli("add", "--file", str(tmp_path / "missing.md"))
    assert missing.code == 1
    assert "missing.md" in missing.error


@pytest.mark.parametrize(
    ("options", "body", "field"),
    [
        (["--way", "feelin"], "Some text.", "way"),
        (["--lens", "poet"], "Some text.", "lens"),
        (["--at", "2026-13-01"], "Some text.", "at"),
        ([], "  \n\n", "body"),
        (["--lens", "sage", "--lens", "historian"], "One part only.", "lens"),
        (["--lens", "sage"], "## Historian\nBoth ways at once.", "lens"),
        (["--title", "x" * 301], "Some text.", "title"),
    ],
)
def test_add_refuses_bad_input_naming_the_field_and_changes_nothing(
    cli: Cli, options: list[str], body: str, field: str
) -> None:
    result = cli("add", *options, stdin=body)
    assert result.code == 1
    assert result.error.startswith(f"reflect: {field}: ")
    assert result.out == ""
    assert cli.ids() == []


def test_add_splits_a_body_at_lens_headings(cli: Cli) -> None:
    body = "## Historian\nThis began with the 2019 merger.\n\n## Sage\nAsk earlier.\n"
    reflection_id = cli.add(body, "--title", "Two lenses")
    sections = cli("show", reflection_id, "--json").json()["reflection"]["sections"]
    assert [(s["lens"], s["text"]) for s in sections] == [
        ("historian", "This began with the 2019 merger."),
        ("sage", "Ask earlier."),
    ]
    assert cli.ids("--lens", "sage") == [reflection_id]


def test_add_takes_the_title_from_a_first_line_heading(cli: Cli) -> None:
    reflection_id = cli.add("# Board away day\nWe mapped the system.\n")
    shown = cli("show", reflection_id, "--json").json()["reflection"]
    assert shown["title"] == "Board away day"
    assert [s["text"] for s in shown["sections"]] == ["We mapped the system."]

    lens_first = cli.add("# Historian\nIt began in 2019.\n")
    shown = cli("show", lens_first, "--json").json()["reflection"]
    assert shown["title"] == ""
    assert [(s["lens"], s["text"]) for s in shown["sections"]] == [
        ("historian", "It began in 2019.")
    ]

    option_wins = cli.add("# Not the title\nText.\n", "--title", "From the option")
    shown = cli("show", option_wins, "--json").json()["reflection"]
    assert shown["title"] == "From the option"
    assert shown["sections"][0]["text"].startswith("# Not the title")


def test_an_interrupted_add_exits_130_and_saves_nothing(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Interrupted(io.StringIO):
        def read(self, *args: object) -> str:
            raise KeyboardInterrupt

    monkeypatch.setattr("sys.stdin", Interrupted())
    capsys.readouterr()
    code = main(_argv(cli.data_dir, ["--passphrase-file", str(cli.passphrase_file)], ["add"]))
    assert code == 130
    assert Result(code, *capsys.readouterr()).error.startswith("reflect: interrupted")
    assert cli.ids() == []


# --- list and its filters ----------------------------------------------------------


def test_list_is_newest_first_in_text_and_json(seeded: Seeded) -> None:
    assert seeded.listed() == NEWEST_FIRST
    lines = seeded.cli("list").out.splitlines()
    assert [line.split()[2] for line in lines] == [seeded.ids[n][:8] for n in NEWEST_FIRST]
    assert "Budget meeting" in lines[-1]
    assert "Noticed how the team listened" in lines[0]  # untitled: its first words


def test_list_limit(seeded: Seeded) -> None:
    assert seeded.listed("--limit", "2") == ["untitled", "strategy"]
    result = seeded.cli("list", "--limit", "0")
    assert result.code == 1
    assert "limit" in result.error


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (["--way", "feeling"], ["budget"]),
        (["--way", "relating", "--way", "being"], ["quiet", "ward"]),
        (["--lens", "historian"], ["ward"]),
        (["--lens", "Sage"], ["quiet"]),
        (["--tag", "finance"], ["strategy", "budget"]),
        (["--tag", "FINANCE", "--tag", "wards"], ["strategy", "ward", "budget"]),
        (["--person", "asha patel"], ["untitled", "budget"]),
        (["--org", "nhs trust"], ["strategy"]),
        (["--starred"], ["strategy", "ward"]),
        (["--since", "2026-02-01", "--until", "2026-04-30"], ["strategy", "quiet", "ward"]),
        (["--since", "2026-04-10T09:00+00:00"], ["untitled", "strategy"]),
        (["--until", "2026-01-31"], ["budget"]),
        (["--tag", "finance", "--starred"], ["strategy"]),
        (["--tag", "nobody-uses-this"], []),
    ],
)
def test_list_filters(seeded: Seeded, filters: list[str], expected: list[str]) -> None:
    assert seeded.listed(*filters) == expected


def test_until_a_date_includes_that_whole_day(seeded: Seeded) -> None:
    assert seeded.listed("--until", "2026-01-10") == ["budget"]  # it happened at 09:00


def test_an_empty_list_says_so_on_stderr(seeded: Seeded) -> None:
    result = seeded.cli("list", "--tag", "nobody-uses-this")
    assert (result.code, result.out) == (0, "")
    assert "No reflections match" in result.err


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        (["--way", "feelin"], "way"),
        (["--lens", "poet"], "lens"),
        (["--since", "last tuesday"], "since"),
        (["--since", "2026-05-01", "--until", "2026-01-01"], "since"),
    ],
)
def test_bad_filters_name_the_option(seeded: Seeded, filters: list[str], field: str) -> None:
    for command in (["list"], ["search", "budget"]):
        result = seeded.cli(*command, *filters)
        assert result.code == 1
        assert result.error.startswith(f"reflect: {field}: ")


# --- show ----------------------------------------------------------------------------


def test_show_by_full_id_and_unique_prefix(seeded: Seeded) -> None:
    full = seeded.ids["budget"]
    by_full = seeded.cli("show", full)
    assert by_full.code == 0
    assert by_full.out.startswith("# Budget meeting\n")
    assert f"id:        {full}" in by_full.out
    assert "The conversation went round in circles." in by_full.out
    assert "Asha Patel" in by_full.out
    assert seeded.cli("show", full[:8]).out == by_full.out
    assert seeded.cli("show", full.upper()).out == by_full.out


def test_show_json(seeded: Seeded) -> None:
    data = seeded.cli("show", seeded.ids["ward"][:8], "--json").json()
    assert set(data) == {"reflect_json", "reflection"}
    shown = data["reflection"]
    assert shown["id"] == seeded.ids["ward"]
    assert shown["title"] == "Ward round"
    assert shown["starred"] is True
    assert shown["sections"][0]["lens"] == "historian"
    assert set(shown) == {
        "id",
        "happened_at",
        "time_zone",
        "written_at",
        "edited_at",
        "title",
        "sections",
        "ways",
        "tags",
        "starred",
        "people",
        "organisations",
        "meeting_id",
        "in_trash",
    }


@pytest.mark.parametrize("typed", ["abc", "not-an-id", "ffffffff"])
def test_show_an_unknown_id_exits_5(seeded: Seeded, typed: str) -> None:
    result = seeded.cli("show", typed)
    assert result.code == 5
    assert result.out == ""
    assert "reflection" in result.error or "id" in result.error


# --- edit, history, restore a version -------------------------------------------------


def test_edit_keeps_history_and_an_old_version_can_come_back(cli: Cli) -> None:
    reflection_id = cli.add("First thoughts.", "--title", "Draft")
    edited = cli("edit", reflection_id[:8], stdin="Second thoughts.\n")
    assert edited.code == 0
    assert "history" in edited.err
    assert "Second thoughts." in cli("show", reflection_id).out

    history = cli("history", reflection_id).out.splitlines()
    assert history[0].startswith("version 1 ")
    assert history[-1].startswith("current ")
    assert len(history) == 2

    restored = cli("restore", reflection_id, "--version", "1")
    assert restored.code == 0
    shown = cli("show", reflection_id).out
    assert "First thoughts." in shown
    assert "Second thoughts." not in shown
    assert [line.split()[:2] for line in cli("history", reflection_id).out.splitlines()] == [
        ["version", "1"],
        ["version", "2"],
        ["current", "edited"],
    ]

    missing = cli("restore", reflection_id, "--version", "9")
    assert missing.code == 5
    assert "version 9" in missing.error


def test_edit_with_the_same_text_changes_nothing(cli: Cli) -> None:
    reflection_id = cli.add("Unchanged.")
    result = cli("edit", reflection_id, stdin="Unchanged.\n")
    assert result.code == 0
    assert "No change" in result.err
    assert cli("history", reflection_id).out.splitlines()[0].startswith("current ")


# --- trash ---------------------------------------------------------------------------


def test_delete_hides_from_list_and_search_and_restore_brings_it_back(seeded: Seeded) -> None:
    ward = seeded.ids["ward"]
    result = seeded.cli("delete", ward[:8])
    assert result.code == 0
    assert "reflect restore" in result.err
    assert "ward" not in seeded.listed()
    assert seeded.found("budget") == ["budget"]

    trash = seeded.cli("list", "--trash")
    assert ward[:8] in trash.out
    assert "(in trash)" in trash.out
    trashed = seeded.cli("list", "--trash", "--json").json()["reflections"]
    assert [(r["id"], r["in_trash"]) for r in trashed] == [(ward, True)]
    assert seeded.cli("show", ward, "--json").json()["reflection"]["in_trash"] is True
    assert "in the trash" in seeded.cli("show", ward).out

    assert seeded.cli("restore", ward).code == 0
    assert seeded.listed() == NEWEST_FIRST
    assert seeded.found("budget") == ["budget", "ward"]
    assert "The trash is empty" in seeded.cli("list", "--trash").err


def test_empty_trash_deletes_for_good(seeded: Seeded) -> None:
    ward = seeded.ids["ward"]
    seeded.cli("delete", ward)
    result = seeded.cli("empty-trash", "--yes")
    assert result.code == 0
    assert "Deleted 1 reflection(s)" in result.err
    assert seeded.cli("show", ward).code == 5
    assert seeded.cli("list", "--trash", "--json").json()["reflections"] == []
    assert seeded.listed() == [n for n in NEWEST_FIRST if n != "ward"]


def test_empty_trash_without_a_terminal_suggests_yes(seeded: Seeded) -> None:
    seeded.cli("delete", seeded.ids["ward"])
    result = seeded.cli("empty-trash")
    assert result.code == 1
    assert "--yes" in result.error
    assert "passphrase" not in result.error
    assert len(seeded.cli("list", "--trash", "--json").json()["reflections"]) == 1


def test_restore_of_a_reflection_not_in_the_trash_says_so(seeded: Seeded) -> None:
    result = seeded.cli("restore", seeded.ids["ward"])
    assert result.code == 0
    assert "not in the trash" in result.err
    assert seeded.listed() == NEWEST_FIRST


# --- search --------------------------------------------------------------------------


def test_search_ranks_a_title_match_above_a_body_only_match(seeded: Seeded) -> None:
    data = seeded.cli("search", "budget", "--json").json()
    assert data["query"] == "budget"
    hits = data["hits"]
    assert seeded.names([h["reflection"]["id"] for h in hits]) == ["budget", "ward"]
    assert hits[0]["rank"] <= hits[1]["rank"]  # FTS5 ranks: lower is better
    for hit in hits:
        assert hit["reflection"]["in_trash"] is False
        assert hit["highlights"]
        for start, end in hit["highlights"]:
            assert hit["snippet"][start:end].casefold() == "budget"


def test_search_highlights_in_text_output(seeded: Seeded) -> None:
    result = seeded.cli("search", "river")
    assert result.code == 0
    lines = result.out.splitlines()
    assert seeded.ids["quiet"][:8] in lines[0]
    assert "[river]" in lines[1]


def test_search_syntax(seeded: Seeded) -> None:
    assert seeded.found("budget river") == []  # every word must match one reflection
    assert seeded.found("argued budget") == ["ward"]
    assert seeded.found('"round in circles"') == ["budget"]
    assert seeded.found('"circles in round"') == []
    assert seeded.found("slid*") == ["strategy"]
    assert sorted(seeded.found("river OR slides")) == ["quiet", "strategy"]
    assert sorted(seeded.found("asha")) == ["budget", "untitled"]  # names are searchable


def test_search_combines_with_filters(seeded: Seeded) -> None:
    assert seeded.found("budget", "--starred") == ["ward"]
    assert seeded.found("budget", "--tag", "finance") == ["budget"]
    assert seeded.found("budget", "--until", "2026-01-31") == ["budget"]
    assert seeded.found("budget", "--lens", "sage") == []
    assert seeded.found("budget", "--limit", "1") == ["budget"]


def test_search_with_no_match_says_so(seeded: Seeded) -> None:
    result = seeded.cli("search", "zebra")
    assert (result.code, result.out) == (0, "")
    assert "Nothing matches" in result.err


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "AND OR NOT",
        "*",
        "foo:bar",
        "-x",
        "NEAR(a b)",
        "^budget",
        "budget AND",
        "(",
        ")",
        '""',
        "OR",
        "title:budget",
        "budget*",
        "'",
        "\\",
        "{x y}",
        "a + b",
        "💡",
        "",
    ],
)
def test_search_never_fails_on_fts_syntax(seeded: Seeded, query: str) -> None:
    result = seeded.cli("search", "--json", "--", query)
    assert "Traceback" not in result.err
    if result.code == 0:
        assert result.json()["query"] == query
    else:
        assert result.code == 1
        assert result.error.startswith("reflect: query: ")


def test_a_query_starting_with_a_dash_needs_a_double_dash(seeded: Seeded) -> None:
    result = seeded.cli("search", "-x")
    assert result.code == 2  # argparse reads -x as an option: a usage error
    assert "Traceback" not in result.err
    assert seeded.cli("search", "--", "-x").code == 0


# --- secrets: passphrase files, passwd, recovery key -------------------------------


def test_a_wrong_passphrase_exits_3(cli: Cli) -> None:
    wrong = cli.secret_file("wrong.txt", OTHER_PASSPHRASE)
    result = cli("list", unlock=["--passphrase-file", str(wrong)])
    assert result.code == 3
    assert "passphrase" in result.error


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (PASSPHRASE + "\r\nsecond line ignored\n", 0, ""),
        ("", 1, "is empty"),
        ("AAAA-BBBB", 3, "9 groups"),
    ],
)
def test_secret_files(cli: Cli, content: str, code: int, words: str) -> None:
    path = _write(cli.secrets_dir / "secret.txt", content)
    option = "--recovery-key-file" if "AAAA" in content else "--passphrase-file"
    result = cli("list", unlock=[option, str(path)])
    assert result.code == code
    if code:
        assert words in result.error


def test_a_missing_passphrase_file_is_named(cli: Cli) -> None:
    missing = cli.secrets_dir / "nope.txt"
    result = cli("list", unlock=["--passphrase-file", str(missing)])
    assert result.code == 1
    assert "nope.txt" in result.error


def test_passwd_changes_the_passphrase(cli: Cli, recovery_key: str) -> None:
    new = cli.secret_file("new.txt", OTHER_PASSPHRASE)
    result = cli("passwd", "--new-passphrase-file", str(new))
    assert result.code == 0, result.err
    assert "Passphrase changed" in result.err
    assert cli("list").code == 3
    assert cli("list", unlock=["--passphrase-file", str(new)]).code == 0
    key_file = cli.secret_file("recovery.txt", recovery_key)
    assert cli("list", unlock=["--recovery-key-file", str(key_file)]).code == 0


def test_passwd_refuses_a_weak_new_passphrase(cli: Cli) -> None:
    weak = cli.secret_file("weak.txt", "password1234")
    result = cli("passwd", "--new-passphrase-file", str(weak))
    assert result.code == 1
    assert "too easy to guess" in result.error
    assert cli("list").code == 0


def test_passwd_with_the_recovery_key_sets_a_new_passphrase(cli: Cli, recovery_key: str) -> None:
    key_file = cli.secret_file("recovery.txt", recovery_key.lower().replace("-", " "))
    new = cli.secret_file("new.txt", OTHER_PASSPHRASE)
    result = cli(
        "passwd",
        "--recovery-key",
        "--new-passphrase-file",
        str(new),
        unlock=["--recovery-key-file", str(key_file)],
    )
    assert result.code == 0, result.err
    assert cli("list").code == 3
    assert cli("list", unlock=["--passphrase-file", str(new)]).code == 0


def test_passwd_with_the_wrong_recovery_key_exits_3(cli: Cli, recovery_key: str) -> None:
    other = "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"
    new = cli.secret_file("new.txt", OTHER_PASSPHRASE)
    for typed in (other, recovery_key[:-1] + ("A" if recovery_key[-1] != "A" else "B")):
        key_file = cli.secret_file("recovery.txt", typed)
        result = cli(
            "passwd",
            "--recovery-key",
            "--new-passphrase-file",
            str(new),
            unlock=["--recovery-key-file", str(key_file)],
        )
        assert result.code == 3
        assert "recovery key" in result.error
    assert cli("list").code == 0


def test_passwd_with_the_recovery_key_but_no_file_or_terminal(cli: Cli) -> None:
    new = cli.secret_file("new.txt", OTHER_PASSPHRASE)
    result = cli("passwd", "--recovery-key", "--new-passphrase-file", str(new), unlock=[])
    assert result.code == 1
    assert "--recovery-key-file" in result.error
    assert cli("list").code == 0


@pytest.mark.parametrize("command", ["passwd", "init"])
def test_a_new_passphrase_without_a_file_or_terminal_suggests_the_option(
    cli: Cli, tmp_path: Path, command: str
) -> None:
    target = cli if command == "passwd" else cli.at(tmp_path / "new")
    unlock = None if command == "passwd" else []
    result = target(command, unlock=unlock)
    assert result.code == 1
    assert "--new-passphrase-file" in result.error
    assert "reflect remember" not in result.error


def test_new_recovery_key_replaces_the_old_one(cli: Cli, recovery_key: str) -> None:
    result = cli("new-recovery-key")
    assert result.code == 0, result.err
    keys = RECOVERY_KEY.findall(result.out)
    assert len(keys) == 1
    assert keys[0] != recovery_key
    old = cli.secret_file("old.txt", recovery_key)
    assert cli("list", unlock=["--recovery-key-file", str(old)]).code == 3
    new = cli.secret_file("new.txt", keys[0])
    assert cli("list", unlock=["--recovery-key-file", str(new)]).code == 0


# --- remembering on this device -------------------------------------------------------


def test_remember_then_forget(cli: Cli) -> None:
    no_secret: list[str] = []
    reflection_id = cli.add("Remembered.")
    assert cli("list", unlock=no_secret).code == 1

    result = cli("remember")
    assert result.code == 0, result.err
    assert "reflect forget" in result.err
    assert _device_slots(cli.data_dir) == 1
    listed = cli("list", unlock=no_secret)
    assert listed.code == 0
    assert reflection_id[:8] in listed.out
    assert cli.at(cli.data_dir)("add", stdin="No passphrase needed.", unlock=no_secret).code == 0

    assert cli("forget", unlock=no_secret).code == 0
    assert _device_slots(cli.data_dir) == 0
    after = cli("list", unlock=no_secret)
    assert after.code == 1
    assert NO_SECRET in after.error
    assert cli("list").code == 0


def test_a_journal_that_is_not_remembered_needs_a_secret(cli: Cli) -> None:
    result = cli("add", stdin="Hello.", unlock=[])
    assert result.code == 1
    assert NO_SECRET in result.error
    assert "--passphrase-file" in result.error
    assert cli.ids() == []


def test_remember_refuses_a_keyring_that_cannot_keep_secrets(cli: Cli) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # memory_keyring restores it
    result = cli("remember")
    assert result.code == 1
    assert "no secure keychain" in result.error
    assert _device_slots(cli.data_dir) == 0


# --- check, export, import, export-key ------------------------------------------------


def test_check_reports_an_intact_journal(seeded: Seeded) -> None:
    result = seeded.cli("check")
    assert result.code == 0, result.err
    assert "database:        intact" in result.out
    assert "key file:        intact" in result.out


@pytest.mark.parametrize("damaged", ["journal.keys", "journal.keys.bak"])
def test_check_finds_a_damaged_key_file_and_repair_mends_it(cli: Cli, damaged: str) -> None:
    reflection_id = cli.add("Still here after the repair.")
    (cli.data_dir / damaged).write_bytes(b"{ not a key file")
    if damaged == "journal.keys":
        broken = cli("list")
        assert broken.code == 4
        assert "check --repair" in broken.error

    found = cli("check")
    assert found.code == 4
    assert "DAMAGED" in found.out
    assert "check --repair" in found.out

    repaired = cli("check", "--repair")
    assert repaired.code == 0, repaired.out + repaired.err
    assert "repaired" in repaired.out
    assert cli("check").code == 0
    assert cli.ids() == [reflection_id]


def test_export_then_import_into_another_journal(
    seeded: Seeded, tmp_path: Path, journal_template: tuple[Path, str]
) -> None:
    cli = seeded.cli
    cli("delete", seeded.ids["quiet"])
    cli("edit", seeded.ids["ward"], stdin="Edited once.")
    out = tmp_path / "export.json"

    result = cli("export", "--out", str(out))
    assert result.code == 0, result.err
    assert "PLAINTEXT" in result.err
    assert "Exported 5 reflection(s)" in result.err
    assert result.out == ""
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "reflect-journal-export"

    other_dir = tmp_path / "second"
    shutil.copytree(journal_template[0], other_dir)
    other = cli.at(other_dir)
    dry = other("import", str(out), "--dry-run", unlock=[])  # no unlock for a dry run
    assert dry.code == 0, dry.err
    assert "5 reflections (1 in the trash)" in dry.err and "nothing was imported" in dry.err
    assert other("list", "--json").json()["reflections"] == []
    imported = other("import", str(out))
    assert imported.code == 0, imported.err
    assert "5 added" in imported.err
    for listing in (["list", "--json"], ["list", "--trash", "--json"]):
        assert other(*listing).json() == cli(*listing).json()
    assert (
        other("show", seeded.ids["ward"], "--json").json()
        == cli("show", seeded.ids["ward"], "--json").json()
    )
    assert len(other("history", seeded.ids["ward"]).out.splitlines()) == 2

    again = other("import", str(out))
    assert again.code == 0
    assert "0 added" in again.err
    assert "5 already there" in again.err
    assert other("list", "--json").json() == cli("list", "--json").json()


def test_export_refuses_to_overwrite_without_force(seeded: Seeded, tmp_path: Path) -> None:
    out = _write(tmp_path / "export.json", "keep me")
    result = seeded.cli("export", "--out", str(out))
    assert result.code == 1
    assert "--force" in result.error
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = seeded.cli("export", "--out", str(out), "--force")
    assert forced.code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 2


def test_export_into_a_missing_folder_names_the_file(seeded: Seeded, tmp_path: Path) -> None:
    result = seeded.cli("export", "--out", str(tmp_path / "no such folder" / "export.json"))
    assert result.code == 1
    assert "export.json" in result.err.splitlines()[-1]


def _export_of(reflections: list[dict[str, Any]]) -> str:
    return json.dumps(
        {
            "format": "reflect-journal-export",
            "version": 1,
            "exported_at": "2026-05-01T00:00:00.000000+00:00",
            "reflections": reflections,
        }
    )


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("this is not JSON", "file"),
        (json.dumps({"format": "something else"}), "format"),
        ("BAD_STARRED", "reflections[1].starred"),
        ("BAD_WAY", "reflections[1].ways"),
        ("MISSING_TITLE", "reflections[1].title"),
    ],
)
def test_import_of_a_bad_file_names_the_field_and_adds_nothing(
    seeded: Seeded, tmp_path: Path, journal_template: tuple[Path, str], content: str, field: str
) -> None:
    good = seeded.cli("show", seeded.ids["budget"], "--json").json()["reflection"]
    good.pop("in_trash")
    bad = {**good, "id": "5d0c4a38-7d0e-4f0c-9a55-1d7f3a3f6a11"}
    if content == "BAD_STARRED":
        content = _export_of([good, {**bad, "starred": "yes"}])
    elif content == "BAD_WAY":
        content = _export_of([good, {**bad, "ways": ["feelin"]}])
    elif content == "MISSING_TITLE":
        bad.pop("title")
        content = _export_of([good, bad])
    path = _write(tmp_path / "import.json", content)

    other_dir = tmp_path / "second"
    shutil.copytree(journal_template[0], other_dir)
    other = seeded.cli.at(other_dir)
    result = other("import", str(path))
    assert result.code == 1
    assert f"({field}: " in result.error
    assert "nothing was imported" in result.error
    assert other.ids() == []


def test_export_key_prints_the_raw_key_and_a_warning(cli: Cli) -> None:
    result = cli("export-key")
    assert result.code == 0
    assert re.fullmatch(r"[0-9a-f]{64}\n", result.out)
    assert "WARNING" in result.err
    assert result.out.strip() not in result.err


def test_export_key_and_passwd_do_not_accept_the_device_key(cli: Cli) -> None:
    assert cli("remember").code == 0
    for command in (["export-key"], ["passwd"]):
        result = cli(*command, unlock=[])
        assert result.code == 1
        assert NO_SECRET in result.error


# --- errors in general -----------------------------------------------------------------


def test_no_command_prints_help(cli: Cli) -> None:
    result = cli(unlock=[])
    assert result.code == 0
    assert "usage: reflect" in result.out


def test_an_unexpected_error_is_one_line_without_a_traceback(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret journal text")

    monkeypatch.setattr("storage.vault.Vault.newest", explode)
    result = cli("list")
    assert result.code == 1
    assert "RuntimeError" in result.error
    assert "secret journal text" not in result.err


# --- the real program, in a subprocess (slower: keep these few) ------------------------


def _reflect(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFLECT_")}
    env["REFLECT_KDF_PROFILE"] = "floor"
    return subprocess.run(
        [sys.executable, "-m", "reflect", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_subprocess_help() -> None:
    result = _reflect("--help")
    assert result.returncode == 0
    assert "usage: reflect" in result.stdout
    for command in ("init", "add", "search", "export-key"):
        assert command in result.stdout


def test_subprocess_list_after_an_add(cli: Cli) -> None:
    reflection_id = cli.add("Seen from another process.", "--title", "Cross-process")
    result = _reflect(
        "--data-dir", str(cli.data_dir), "--passphrase-file", str(cli.passphrase_file), "list"
    )
    assert result.returncode == 0, result.stderr
    assert reflection_id[:8] in result.stdout
    assert "Cross-process" in result.stdout


def test_subprocess_wrong_passphrase_exits_3_without_a_traceback(cli: Cli) -> None:
    wrong = cli.secret_file("wrong.txt", OTHER_PASSPHRASE)
    result = _reflect("--data-dir", str(cli.data_dir), "--passphrase-file", str(wrong), "list")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("reflect: ")
    assert result.stdout == ""


def test_import_calendar_adds_meetings_once_and_refuses_a_non_calendar(
    cli: Cli, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from storage.vault import Vault
    from tests.conftest import PASSPHRASE as KEY
    from tests.storage.test_calendar_files import WEEKLY

    calendar = _write(tmp_path / "work.ics", WEEKLY)
    first = cli("import-calendar", str(calendar))
    assert first.code == 0, first.err
    assert "work.ics: Imported" in first.err and "new" in first.err
    again = cli("import-calendar", str(calendar))
    assert again.code == 0 and "already here" in again.err and "new" not in again.err
    bad = cli("import-calendar", str(_write(tmp_path / "card.ics", "BEGIN:VCARD\nEND:VCARD\n")))
    assert "card.ics" in bad.error and "nothing was imported" in bad.error.lower()
    with Vault.unlock(cli.data_dir, passphrase=KEY) as vault:
        everything = vault.meetings.between(
            datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
        )
    assert sorted(m.title for m in everything)[-1] == "Health and wellbeing board – Siân's papers"
    assert len(everything) == 5  # four weekly huddles and the board, each once


# --- prompt packs ----------------------------------------------------------------------


def test_an_enabler_writes_checks_and_signs_a_pack_that_a_leader_imports(
    cli: Cli, tmp_path: Path, journal_template: tuple[Path, str]
) -> None:
    pack = tmp_path / "board-prep.toml"
    made = cli("prompts", "new", str(pack), "--title", "Before the board", "--author", "Sam")
    assert made.code == 0 and pack.exists()
    assert 'id = "board-prep"' in pack.read_text() and '"Before the board"' in pack.read_text()
    assert cli("prompts", "new", str(pack)).error.endswith("choose another name or add --force.")

    checked = cli("prompts", "validate", str(pack))
    assert checked.code == 0
    assert checked.out.strip() == (
        "board-prep.toml: valid. “Before the board” version 1, 2 prompts, unsigned."
    )

    # Signing needs a name the first time; the key stays in the enabler's journal.
    assert "--as" in cli("prompts", "sign", str(pack)).error
    signed = cli("prompts", "sign", str(pack), "--as", "Sam Okafor")
    assert signed.code == 0, signed.err
    fingerprint = re.search(r"Fingerprint: (\S+)", signed.out)
    assert fingerprint is not None
    assert "[signature]" in pack.read_text()
    assert f"signed by Sam Okafor ({fingerprint[1]})" in cli("prompts", "validate", str(pack)).out

    # A leader's journal: the first pack from Sam waits for the fingerprint to be compared.
    leader = cli.at(tmp_path / "leader")
    shutil.copytree(journal_template[0], leader.data_dir)
    waiting = leader("prompts", "import", str(pack))
    assert waiting.code == 1 and fingerprint[1] in waiting.err
    assert "run the command again with --yes" in waiting.err
    assert "board-prep" not in leader("prompts", "list").out
    done = leader("prompts", "import", str(pack), "--yes")
    assert done.code == 0, done.err
    listed = leader("prompts", "list").out
    assert (
        "board-prep\tBefore the board\tversion 1, 2 prompts, "
        f"signed by Sam Okafor ({fingerprint[1]})" in listed
    )
    assert "reflect-six-ways\t" in listed  # the built-in library is listed too

    assert "one of Reflect's own packs" in leader("prompts", "remove", "reflect-grow").error
    assert leader("prompts", "remove", "board-prep").code == 0
    assert "board-prep" not in leader("prompts", "list").out
    assert "no imported pack" in leader("prompts", "remove", "board-prep").error


def test_validate_lists_every_problem_and_fails(cli: Cli, tmp_path: Path) -> None:
    bad = _write(
        tmp_path / "bad.toml",
        'format = 1\nid = "x-pack"\ntitle = "T"\nauthor = "A"\nversion = 0\n\n'
        '[[prompts]]\nid = "q"\ntext = "Why?"\nways = ["dancing"]\n',
    )
    result = cli("prompts", "validate", str(bad))
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.splitlines() == [
        "reflect: bad.toml is not a valid prompt pack (2 problems):",
        "  line 5, version: should be 1 or more",
        "  line 10, prompts 1, ways: unknown value 'dancing'; choose one of: feeling, "
        "perceiving, thinking, relating, doing, being",
    ]


# --- buddy pairs -----------------------------------------------------------------------


SAFETY_NUMBER = re.compile(r"Safety number: (\d{5} \d{5} \d{5} \d{5})")


def test_two_journals_become_buddies_and_exchange_a_share_and_a_reply(
    cli: Cli, tmp_path: Path, journal_template: tuple[Path, str]
) -> None:
    from reflect.sharing import ReplyTo
    from storage.vault import Vault

    asha = cli
    ben = cli.at(tmp_path / "ben")
    shutil.copytree(journal_template[0], ben.data_dir)

    # Each makes a card (the first time needs a name) and sends it as a file.
    assert "--name" in asha("buddy", "card").error
    asha_card, ben_card = tmp_path / "asha.card", tmp_path / "ben.card"
    made = asha("buddy", "card", "--name", "Asha Patel", "--out", str(asha_card))
    assert made.code == 0, made.err
    umask = os.umask(0o022)
    os.umask(umask)
    assert asha_card.stat().st_mode & 0o777 == 0o644 & ~umask  # not secret
    assert asha_card.read_text().startswith("-----BEGIN REFLECT BUDDY CARD-----\nName: Asha Patel")
    assert asha("buddy", "card").out == asha_card.read_text()  # the same card each time
    assert ben("buddy", "card", "--name", "Ben Hughes", "--out", str(ben_card)).code == 0

    # A card whose check line was changed is refused; the good ones are added.
    broken = _write(
        tmp_path / "broken.card", re.sub(r"Check: \S+", "Check: AAAAAAAA", ben_card.read_text())
    )
    assert "check does not match" in asha("buddy", "add", str(broken)).error
    added_ben = asha("buddy", "add", str(ben_card))
    added_asha = ben("buddy", "add", "-", stdin=asha_card.read_text())
    assert added_ben.code == 0 and added_asha.code == 0, added_ben.err + added_asha.err
    assert 'reflect buddy verify "Ben Hughes"' in added_ben.out
    numbers = [SAFETY_NUMBER.search(r.out) for r in (added_ben, added_asha)]
    assert numbers[0] is not None and numbers[1] is not None
    number = numbers[0][1]
    assert numbers[1][1] == number  # the same on both sides
    listed = asha("buddy", "list").out.strip().split("\t")
    assert listed[:3] == ["Ben Hughes", "not verified", number]
    verified = asha("buddy", "verify", "ben hughes")
    assert verified.code == 0 and number in verified.out
    assert asha("buddy", "list").out.split("\t")[1] == "verified"

    # Asha shares only what she wrote through the sage lens.
    board = asha.add(
        "## Biographer\nI stayed curious.\n## Sage\nAsk before proposing.\n",
        "--title",
        "Board away day",
    )
    to_ben = tmp_path / "to-ben.age"
    sent = asha(
        "share",
        "export",
        board[:8],
        "--to",
        "Ben Hughes",
        "--out",
        str(to_ben),
        "--sections",
        "sage",
        "--note",
        "Your view?",
        "--reply-by",
        "2026-12-08",
    )
    assert sent.code == 0, sent.err
    assert "cannot be taken back" in sent.err
    assert f"{to_ben}. Only Ben Hughes and you can open it." in sent.err
    assert to_ben.read_bytes().startswith(b"age-encryption.org/v1\n")
    again = asha("share", "export", board, "--to", "Ben Hughes", "--out", str(to_ben))
    assert again.error.endswith("choose another name or add --force.")

    received = ben("share", "import", str(to_ben))
    assert received.code == 0, received.err
    assert "from Asha Patel (NOT verified — compare your safety number): 1 reflection" in (
        received.err
    )
    assert "Your view?" in received.err and "2026-12-08" in received.err
    [line] = ben("share", "list").out.splitlines()
    fields = line.split("\t")
    assert fields[1:6] == ["received", "Asha Patel", "share", "1 reflection", "Board away day"]
    share_id = fields[6]
    assert UUID.match(share_id)
    # Ben answers in his own journal (the app links the answer to what it answers).
    answer = ben.add("Same for me with the council.", "--title", "Council too")
    with Vault.unlock(ben.data_dir, passphrase=PASSPHRASE) as vault:
        [record] = vault.buddies.shares()
        [shared] = record.payload.reflections
        assert [s.text for s in shared.sections] == ["Ask before proposing."]
        vault.buddies.link_reply(
            vault.resolve_id(answer), ReplyTo(record.payload.share_id, shared.id)
        )
    assert ben("buddy", "verify", "Asha Patel").code == 0
    to_asha = tmp_path / "to-asha.age"
    replied = ben("share", "export", answer, "--to", "Asha Patel", "--out", str(to_asha))
    assert replied.code == 0 and "Wrote a reply" in replied.err, replied.err
    reply = asha("share", "import", str(to_asha))
    assert reply.code == 0, reply.err
    assert "a reply from Ben Hughes (verified): 1 reflection" in reply.err
    assert "It answers your “Board away day”." in reply.err
    shares = [line.split("\t") for line in asha("share", "list").out.splitlines()]
    assert [s[1:5] for s in shares] == [
        ["received", "Ben Hughes", "reply", "1 reflection"],
        ["sent", "Ben Hughes", "share", "1 reflection"],
    ]
    assert shares[1][6] == share_id

    # Refusals: one line each, nothing imported.
    assert "already in your journal" in asha("share", "import", str(to_asha)).error
    noise = tmp_path / "noise.bin"
    noise.write_bytes(os.urandom(512))
    assert "not a Reflect share" in asha("share", "import", str(noise)).error
    assert (
        "has parts written through those lenses"
        in asha(
            "share",
            "export",
            board,
            "--to",
            "Ben Hughes",
            "--out",
            str(tmp_path / "x.age"),
            "--sections",
            "historian",
        ).error
    )
    assert len(asha("share", "list").out.splitlines()) == 2


# --- the yearly review -----------------------------------------------------------------


def test_review_json_gives_the_year_in_numbers(seeded: Seeded) -> None:
    review = seeded.cli("review", "--year", "2026", "--json").json()["review"]
    assert review["period"] == {"start": "2026-01-01", "end": "2026-12-31", "label": "2026"}
    assert review["total"] == 5
    assert [m["month"] for m in review["per_month"]][::11] == ["2026-01", "2026-12"]
    assert [m["reflections"] for m in review["per_month"]] == [1] * 5 + [0] * 7
    assert review["ways"] == {
        "feeling": 1,
        "perceiving": 0,
        "thinking": 1,
        "relating": 1,
        "doing": 1,
        "being": 1,
    }
    assert review["least_attended"] == ["perceiving"]
    assert review["attention_sentence"] == (
        "Ways of perceiving had least of your attention: none of 5 reflections."
    )
    assert review["lenses"] == {
        "biographer": 0,
        "historian": 1,
        "aerial-photographer": 0,
        "story-teller": 0,
        "sage": 1,
    }
    assert review["grid"]["relating"]["historian"] == 1
    assert review["grid"]["being"]["sage"] == 1
    assert review["days"] == {f"2026-0{m}-10": 1 for m in range(1, 6)}
    assert review["people"] == [
        {"name": "Asha Patel", "reflections": 2},
        {"name": "Tom", "reflections": 1},
    ]
    assert [o["name"] for o in review["organisations"]] == ["County Council", "NHS Trust"]
    assert {
        "phrase": "budget",
        "reflections": 2,
        "previous": 0,
        "reflection_ids": [seeded.ids["budget"], seeded.ids["ward"]],
    } in review["themes"]
    assert [(b["id"], b["title"], b["date"]) for b in review["light_bulbs"]] == [
        (seeded.ids["ward"], "Ward round", "2026-02-10"),
        (seeded.ids["strategy"], "Strategy away day", "2026-04-10"),
    ]
    assert review["follow_ups"] == {"made": 0, "done": 0, "dropped": 0, "open": 0}
    assert review["meetings"] == {"held": 0, "reflected": 0}
    assert review["trust_moves"] == [] and review["storylines"] == []
    assert isinstance(review["longest_gaps"], list)
    assert review["compared"] is None
    assert any("Belief" in note for note in review["notes"])

    empty = seeded.cli("review", "--year", "2025", "--json").json()["review"]
    assert (empty["total"], empty["themes"], empty["compared"]) == (0, [], None)
    later = seeded.cli("review", "--year", "2027", "--json").json()["review"]
    assert later["compared"]["total"] == 5
    assert later["compared"]["sentences"] == [
        "You wrote no reflections in 2027; in 2026 you wrote 5 reflections."
    ]


def test_review_text_has_every_section_and_refuses_a_silly_year(seeded: Seeded) -> None:
    result = seeded.cli("review", "--year", "2026")
    assert result.code == 0, result.err
    for heading in (
        "Your year in reflection: 2026",
        "Where my attention went",
        "Rhythm",
        "Relationships",
        "What kept repeating",
        "Intentions",
        "Light-bulb moments",
        "Belief",
        "Compared with last year",
    ):
        assert heading in result.out
    assert "Ways of perceiving had least of your attention: none of 5 reflections." in result.out
    assert "Asha Patel (2)" in result.out
    assert "“budget”: 2 reflections" in result.out
    assert "There are no reflections from 2025 to compare with." in result.out
    assert "year: is 12" in seeded.cli("review", "--year", "12").error
    usage = seeded.cli("review", "--help").out
    assert "--pdf FILE" in usage and "--html FILE" in usage and "--force" in usage


def test_backup_list_and_restore_backup_into_a_new_folder_and_replacing(
    cli: Cli, tmp_path: Path
) -> None:
    first = cli.add("Before the backup.", "--title", "kept")
    backups = tmp_path / "backups"
    made = cli("backup", "--to", str(backups))
    assert made.code == 0, made.err
    backup_dir = Path(made.out.strip())
    assert backup_dir.parent == backups and backup_dir.name.startswith("reflect-backup-")
    assert "verified" in made.err
    listed = cli("backup", "--list", "--to", str(backups), unlock=[])
    assert listed.code == 0 and str(backup_dir) in listed.out
    # The default folder sits beside the journal's folder.
    default = cli("backup")
    assert default.code == 0, default.err
    assert Path(default.out.strip()).parent == cli.data_dir.parent / "journal-backups"

    new = tmp_path / "restored"
    restored = cli("restore-backup", str(backup_dir), "--into", str(new))
    assert restored.code == 0, restored.err
    assert cli.at(new).ids() == [first]

    second = cli.add("After the backup.")
    refused = cli("restore-backup", str(backup_dir))
    assert "already a journal" in refused.error
    assert set(cli.ids()) == {first, second}
    replaced = cli("restore-backup", str(backup_dir), "--replace")
    assert replaced.code == 0, replaced.err
    safety = next(cli.data_dir.parent.glob("journal.safety-backup-*"))
    assert str(safety) in replaced.err
    assert cli.ids() == [first]
    assert set(cli.at(safety).ids()) == {first, second}

    # `reflect restore BACKUP` is the same command, for people who look for it there.
    plain = cli("restore", str(backup_dir), "--into", str(tmp_path / "plain"))
    assert plain.code == 0, plain.err
    assert cli.at(tmp_path / "plain").ids() == [first]
    assert "--into and --replace" in cli("restore", first, "--replace").error

    wrong = cli.secret_file("wrong.txt", OTHER_PASSPHRASE)
    failed = cli("restore-backup", str(backup_dir), "--into", str(tmp_path / "x"), unlock=[
        "--passphrase-file", str(wrong)])  # fmt: skip
    assert failed.code == 3 and not (tmp_path / "x").exists()


def test_import_reads_jrnl_and_markdown_with_a_dry_run_first(cli: Cli, tmp_path: Path) -> None:
    jrnl = _write(
        tmp_path / "journal.txt",
        "[2025-03-04 09:15] Board meeting *\nThe @discharge item again. Croeso.\n\n"
        "[2025-03-05 17:40] Walk home\nThinking about @relating more.\n",
    )
    dry = cli("import", str(jrnl), "--dry-run")
    assert dry.code == 0 and "2 entries to import from journal.txt" in dry.err
    assert cli.ids() == []
    done = cli("import", str(jrnl), "--map-tags")
    assert done.code == 0 and "Imported: 2 added, 0 already there" in done.err, done.err
    again = cli("import", str(jrnl))
    assert "0 added, 2 already there" in again.err
    notes = tmp_path / "vault"
    notes.mkdir()
    _write(notes / "2025-06-01 Away day.md", "---\ntags: [sage]\n---\n# Away day\n\nAsk first.\n")
    assert "1 added" in cli("import", str(notes)).err
    assert len(cli.ids()) == 3
    broken = _write(tmp_path / "broken.json", '{"entries": [{"date": "yesterday"}')
    assert "broken.json" in cli("import", str(broken)).error


def test_export_to_a_markdown_folder_warns_and_reads_back(cli: Cli, tmp_path: Path) -> None:
    cli.add("Asked first; it changed the room.", "--title", "Away day", "--tag", "board")
    out = tmp_path / "notes"
    result = cli("export", "--markdown", str(out))
    assert result.code == 0, result.err
    assert "PLAINTEXT" in result.err
    [note] = list(out.glob("*.md"))
    text = note.read_text(encoding="utf-8")
    assert "Away day" in text and "board" in text
    assert "already exists" in cli("export", "--markdown", str(out)).error


def test_an_encrypted_export_moves_the_journal_to_another(
    cli: Cli, tmp_path: Path, journal_template: tuple[Path, str]
) -> None:
    rid = cli.add("The zqcarry board.", "--title", "Moving")
    moving = cli.secret_file("moving.txt", "copper lantern orchard tideway")
    out = tmp_path / "journal.reflect.age"
    made = cli("export", "--encrypted", str(out), "--export-passphrase-file", str(moving))
    assert made.code == 0, made.err
    assert b"zqcarry" not in out.read_bytes()
    other = cli.at(tmp_path / "new")
    shutil.copytree(journal_template[0], other.data_dir)
    wrong = cli.secret_file("wrong.txt", "not the passphrase at all")
    refused = other("import", str(out), "--export-passphrase-file", str(wrong))
    assert "passphrase is wrong" in refused.error
    done = other("import", str(out), "--export-passphrase-file", str(moving))
    assert "1 added" in done.err
    assert other.ids() == [rid]
