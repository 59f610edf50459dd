"""Getting the user's secret and unlocking the journal, from a file, the keyring or a terminal."""

from __future__ import annotations

import functools
import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reflect.errors import ReflectError
from storage.errors import WrongPassphrase
from storage.vault import Vault

PASSPHRASE_ATTEMPTS = 3


class NoSecretAvailable(ReflectError):
    pass


@dataclass(frozen=True, slots=True)
class Secrets:
    """Where secrets come from, as given on the command line."""

    data_dir: Path
    passphrase_file: Path | None = None
    recovery_key_file: Path | None = None


def read_secret_file(path: Path, what: str) -> str:
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise NoSecretAvailable(
            f"Cannot read the {what} file {path}: {exc.strerror or exc}."
        ) from None
    except UnicodeDecodeError:
        raise NoSecretAvailable(f"The {what} file {path} is not text.") from None
    # Only the line ending is removed: spaces may be part of a passphrase.
    secret = content.split("\n", 1)[0].removesuffix("\r")
    if not secret:
        raise NoSecretAvailable(f"The {what} file {path} is empty.")
    return secret


def has_terminal() -> bool:
    if sys.platform == "win32":
        return sys.stdin.isatty()
    try:
        os.close(os.open("/dev/tty", os.O_RDWR))
    except OSError:
        return False
    return True


NO_TERMINAL_TO_ASK_ON = (
    "No passphrase given and no terminal to ask on: pass --passphrase-file FILE, "
    "or run `reflect remember` once to unlock on this device without one."
)


def ask(prompt: str, without_terminal: str = NO_TERMINAL_TO_ASK_ON) -> str:
    """Ask on the terminal, never echoing the answer and never reading piped input."""
    if not has_terminal():
        raise NoSecretAvailable(without_terminal)
    return getpass.getpass(prompt)


def ask_new_passphrase(file: Path | None) -> str:
    if file is not None:
        return read_secret_file(file, "new passphrase")
    no_terminal = "No terminal to type the new passphrase on: pass --new-passphrase-file FILE."
    first = ask("New passphrase (at least 12 characters): ", without_terminal=no_terminal)
    if ask("Type it again: ", without_terminal=no_terminal) != first:
        raise NoSecretAvailable("The two passphrases differ; nothing was changed.")
    return first


def unlock(
    secrets: Secrets,
    *,
    verify: bool = False,
    allow_device: bool = True,
    from_backup_keyfile: bool = False,
) -> Vault:
    """Unlock with, in order: the recovery key file, the passphrase file, this device's
    key, or a passphrase typed at the terminal.

    Commands skip the full-page quick_check (it reads the whole journal, seconds on a
    large one) unless asked; `reflect check` runs it and the fuller integrity checks.
    Each command opens one direct connection: see storage.db for why.
    """
    folder = secrets.data_dir
    open_vault = functools.partial(
        Vault.unlock, folder, verify=verify, direct=True, from_backup_keyfile=from_backup_keyfile
    )
    if secrets.recovery_key_file is not None:
        typed = read_secret_file(secrets.recovery_key_file, "recovery key")
        return open_vault(recovery_key=typed)
    if secrets.passphrase_file is not None:
        passphrase = read_secret_file(secrets.passphrase_file, "passphrase")
        return open_vault(passphrase=passphrase)
    if allow_device:
        from storage.errors import DeviceKeyUnavailable, WrongDeviceKey

        try:
            return open_vault(use_device_key=True)
        except DeviceKeyUnavailable:
            pass
        except WrongDeviceKey as exc:
            print(f"reflect: {exc}", file=sys.stderr)
    attempts_left = PASSPHRASE_ATTEMPTS
    while True:
        try:
            return open_vault(passphrase=ask("Passphrase: "))
        except WrongPassphrase:
            attempts_left -= 1
            if not attempts_left:
                raise
            print("That passphrase does not unlock this journal; try again.", file=sys.stderr)


def unlock_with_recovery_prompt(secrets: Secrets) -> Vault:
    if secrets.recovery_key_file is not None:
        return unlock(secrets)
    typed = ask(
        "Recovery key (the groups you wrote down): ",
        without_terminal="No terminal to type the recovery key on: pass --recovery-key-file FILE.",
    )
    return Vault.unlock(secrets.data_dir, recovery_key=typed, verify=False, direct=True)
