"""Find, read and validate instruments and role profiles.

Shipped instruments live in ``questionnaires/instruments/<id>.yaml`` (the
current version) and ``questionnaires/instruments/archive/<id>/<version>.yaml``
(every earlier version still in use, frozen); role profiles live in
``questionnaires/roles/<id>.yaml``. Either can also be loaded from any path.
Every load validates fully and raises ``InstrumentError`` listing every
problem with file, line and field path.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from stat import S_ISREG
from typing import Any

from questionnaires.instrument_schema import read_instrument
from questionnaires.model import Instrument, RoleProfile
from questionnaires.problems import InstrumentError, Problem, ProblemLog
from questionnaires.role_schema import read_role
from questionnaires.yamlnodes import compose

PACKAGE_DIR = Path(__file__).resolve().parent
INSTRUMENTS_DIR = PACKAGE_DIR / "instruments"
ROLES_DIR = PACKAGE_DIR / "roles"
ARCHIVE_DIR = INSTRUMENTS_DIR / "archive"
"""Earlier versions of shipped instruments: ``archive/<id>/<version>.yaml``."""

ROLE_KEYS = frozenset({"instruments", "requirements", "fit_bands", "competencies"})
"""Top-level keys only a role profile has; they tell a role file from an instrument."""


def available() -> list[str]:
    """Ids of the shipped instruments, sorted."""
    return _ids_in(INSTRUMENTS_DIR)


def available_roles() -> list[str]:
    """Ids of the shipped role profiles, sorted."""
    return _ids_in(ROLES_DIR)


def load(id_or_path: str | os.PathLike[str], version: str | None = None) -> Instrument:
    """A validated instrument: a shipped one by id, or one read from a YAML path.

    Parameters
    ----------
    id_or_path : str or path-like
        The id of a shipped instrument (``"service-composure"``), optionally
        with a version (``"service-composure@1.0"``), or a path (anything
        with a slash or a ``.yaml``/``.yml`` ending, or a ``Path``).
    version : str, optional
        The version wanted. For a shipped id: the current file when its
        version matches, else the archived one. For a path: the file must be
        that version. None (the default) takes the current version.

    Returns
    -------
    Instrument
        Cached per file until the file changes (modification time and size),
        so the same object may be returned again: treat it as read-only.

    Raises
    ------
    InstrumentError
        When the instrument or version is unknown, unreadable or invalid;
        ``problems`` lists every fault.
    """
    text = os.fspath(id_or_path)
    if not _looks_like_path(id_or_path) and "@" in text:
        text, _, pinned = text.partition("@")
        if version is not None and str(version) != pinned:
            raise _file_error(text, f"two versions asked for: '{pinned}' and '{version}'")
        version, id_or_path = pinned, text
    path, display, stat = _resolve(id_or_path, INSTRUMENTS_DIR, "instrument", available)
    instrument = _load_instrument_file(path, display, stat.st_mtime_ns, stat.st_size)
    if version is None or instrument.version == str(version):
        return instrument
    if _looks_like_path(id_or_path):
        raise _file_error(display, f"is version '{instrument.version}', not '{version}'")
    return _load_archived(instrument.id, str(version))


def versions(ident: str) -> list[str]:
    """Every loadable version of the shipped instrument ``ident``, oldest
    first, the current one last (raises ``InstrumentError`` for an unknown id)."""
    current = load(ident).version
    archived = [v for v in _ids_in(ARCHIVE_DIR / ident) if v != current]
    return [*sorted(archived, key=_version_order), current]


def load_pinned(pins: Iterable[Mapping[str, Any]]) -> tuple[Instrument, ...]:
    """The instruments a campaign pinned, in order: each ``{"id", "version"}``
    (as ``Campaign.instruments`` stores them) at exactly that version, so a
    campaign keeps asking and scoring what it started with after an
    instrument is revised. A pin without a version takes the current one."""
    return tuple(load(pin["id"], pin.get("version") or None) for pin in pins)


def _load_archived(ident: str, version: str) -> Instrument:
    path = os.path.join(ARCHIVE_DIR, ident, f"{version}.yaml")
    try:
        stat = os.stat(path)
    except OSError:
        stat = None
    if stat is None or not S_ISREG(stat.st_mode):
        known = ", ".join(versions(ident))
        raise InstrumentError(
            [Problem(ident, None, "version", f"no version '{version}' (available: {known})")]
        )
    return _load_instrument_file(path, _display(path), stat.st_mtime_ns, stat.st_size)


def _version_order(version: str) -> tuple[tuple[int, int | str], ...]:
    # "1.10" after "1.9"; text parts sort after numbers.
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in version.split("."))


@functools.lru_cache(maxsize=64)
def _load_instrument_file(path: str, display: str, mtime_ns: int, size: int) -> Instrument:
    # Keyed by modification time and size so an edited file is read again.
    return instrument_from_text(_read(Path(path), display), display, Path(path))


def instrument_from_text(
    text: str,
    source: str = "<instrument>",
    path: Path | None = None,
    taken_scales: Mapping[str, str] | None = None,
) -> Instrument:
    """The validated instrument in YAML ``text``; ``source`` names it in problems.

    ``taken_scales`` (scale id -> instrument id) are scale ids other
    instruments already use; reusing one is a problem.
    """
    log = ProblemLog(source)
    data = compose(text, log)
    _check_file_name(data, path, INSTRUMENTS_DIR, log)
    instrument = read_instrument(data, log, path, taken_scales) if data is not None else None
    log.raise_if_any()
    return instrument


def load_role(
    id_or_path: str | os.PathLike[str], instruments: Mapping[str, Instrument] | None = None
) -> RoleProfile:
    """A validated role profile: a shipped one by id, or one read from a YAML path.

    Parameters
    ----------
    id_or_path : str or path-like
        The id of a shipped role profile, or a path (as for ``load``).
    instruments : mapping of id to Instrument, optional
        Instruments the role may name besides the shipped ones (looked up
        first).

    Raises
    ------
    InstrumentError
        When the role is unknown, unreadable or invalid, or names an
        instrument or scale that does not exist.
    """
    path, display, _ = _resolve(id_or_path, ROLES_DIR, "role profile", available_roles)
    return role_from_text(_read(Path(path), display), display, Path(path), instruments)


def role_from_text(
    text: str,
    source: str = "<role>",
    path: Path | None = None,
    instruments: Mapping[str, Instrument] | None = None,
) -> RoleProfile:
    """The validated role profile in YAML ``text``."""
    log = ProblemLog(source)
    data = compose(text, log)
    _check_file_name(data, path, ROLES_DIR, log)
    role = read_role(data, log, _lookup(instruments), path) if data is not None else None
    log.raise_if_any()
    return role


def role_from_mapping(
    data: Mapping[str, Any],
    source: str = "<role>",
    instruments: Mapping[str, Instrument] | None = None,
) -> RoleProfile:
    """Validate a role profile held as data (e.g. JSON in the database).

    Parameters
    ----------
    data : mapping
        The role in the file layout, as ``role_to_mapping`` writes it; level
        keys of anchors may be text (``"1"``), as JSON has them.
    source : str
        How problems name the role, e.g. ``"role profile 12 v3"``.
    instruments : mapping of id to Instrument, optional
        Instruments the role may name besides the shipped ones.

    Returns
    -------
    RoleProfile
        With ``source`` None.

    Raises
    ------
    InstrumentError
        Listing every problem; their ``line`` is None since data has no lines.
    """
    log = ProblemLog(source)
    role = read_role(dict(data) if isinstance(data, Mapping) else data, log, _lookup(instruments))
    log.raise_if_any()
    return role


def load_definition(
    path: str | os.PathLike[str],
    instruments: Mapping[str, Instrument] | None = None,
    taken_scales: Mapping[str, str] | None = None,
) -> Instrument | RoleProfile:
    """Validate the instrument or role profile at ``path``, telling which by its keys.

    A role may name the ``instruments`` given as well as shipped ones; an
    instrument must not reuse a scale id in ``taken_scales``.
    """
    resolved, display = Path(path), os.fspath(path)
    _stat(resolved, display)
    text = _read(resolved, display)
    if is_role(text):
        return role_from_text(text, display, resolved, instruments)
    return instrument_from_text(text, display, resolved, taken_scales)


def shipped_scales() -> dict[str, str]:
    """Scale id -> id of the shipped instrument holding it (instruments that
    do not load are left out; checking them reports why)."""
    owners: dict[str, str] = {}
    for ident in available():
        try:
            instrument = load(ident)
        except InstrumentError:
            continue
        owners.update(dict.fromkeys((scale.id for scale in instrument.scales), ident))
    return owners


def is_role(text: str) -> bool:
    """Whether YAML ``text`` looks like a role profile rather than an instrument."""
    log = ProblemLog("<probe>")
    data = compose(text, log)
    return isinstance(data, dict) and bool(ROLE_KEYS & set(data)) and "items" not in data


def _lookup(extra: Mapping[str, Instrument] | None):
    def lookup(ident: str) -> Instrument:
        if extra and ident in extra:
            return extra[ident]
        shipped = available()
        if ident not in shipped:
            raise KeyError(ident, ", ".join([*(extra or {}), *shipped]) or "none")
        return load(ident)

    return lookup


def _ids_in(directory: Path) -> list[str]:
    if not directory.is_dir():
        return []
    return sorted(path.stem for path in directory.glob("*.yaml"))


def _resolve(
    id_or_path: str | os.PathLike[str], directory: Path, kind: str, ids: Any
) -> tuple[str, str, os.stat_result]:
    """The file to read, how to name it in problems, and its ``os.stat``
    (one system call: this runs on every load, the cached ones included)."""
    text = os.fspath(id_or_path)
    if _looks_like_path(id_or_path):
        return text, text, _stat(text, text)
    path = os.path.join(directory, f"{text}.yaml")
    try:
        stat = os.stat(path)
    except OSError:
        stat = None
    if stat is None or not S_ISREG(stat.st_mode):
        known = ", ".join(ids()) or "none"
        raise InstrumentError(
            [Problem(text, None, "id", f"no shipped {kind} '{text}' (available: {known})")]
        )
    return path, _display(path), stat


def _looks_like_path(id_or_path: str | os.PathLike[str]) -> bool:
    text = os.fspath(id_or_path)
    return (
        isinstance(id_or_path, os.PathLike)
        or os.sep in text
        or "/" in text
        or text.endswith((".yaml", ".yml"))
    )


def _display(path: str) -> str:
    # Shipped files are named relative to the working directory when possible.
    # (String operations: this runs on every load, the cached ones included.)
    cwd = os.path.join(os.getcwd(), "")
    return path[len(cwd) :] if path.startswith(cwd) else path


def _stat(path: str | Path, display: str) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as error:
        raise _file_error(display, f"cannot read: {error.strerror}") from error


def _read(path: Path, display: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise _file_error(display, f"not UTF-8 text: {error.reason}") from error
    except OSError as error:
        raise _file_error(display, f"cannot read: {error.strerror}") from error


def _file_error(display: str, message: str) -> InstrumentError:
    return InstrumentError([Problem(display, None, "(file)", message)])


def _check_file_name(data: Any, path: Path | None, directory: Path, log: ProblemLog) -> None:
    """A shipped file's id must be its file name, so ``load(id)`` finds it; an
    archived one sits in ``archive/<id>/<version>.yaml``, so ``load(id,
    version)`` finds it."""
    if path is None or not isinstance(data, dict):
        return
    folder = path.resolve().parent
    if folder == directory:
        if isinstance(data.get("id"), str) and data["id"] != path.stem:
            log.report(("id",), f"id '{data['id']}' must match the file name '{path.stem}'")
    elif directory == INSTRUMENTS_DIR and folder.parent == ARCHIVE_DIR:
        if isinstance(data.get("id"), str) and data["id"] != folder.name:
            log.report(("id",), f"id '{data['id']}' must match the folder name '{folder.name}'")
        if isinstance(data.get("version"), str) and data["version"] != path.stem:
            log.report(
                ("version",), f"version '{data['version']}' must match the file name '{path.stem}'"
            )
