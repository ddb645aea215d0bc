"""Every kind of file the project reads goes through the guarded reader: random bytes, random
nesting and random sizes give the project's own error with a message, never anything else; a
FIFO, a device or a folder is refused at once; the odd inputs that once crashed say why."""

from __future__ import annotations

import json
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balancing_act.analysis.policies import PolicyError, load_policy_file
from balancing_act.classroom.roster import read_key, read_roster
from balancing_act.classroom.session import read_session
from balancing_act.classroom.verify import read_result
from balancing_act.cli import main
from balancing_act.engine import compile_scenario
from balancing_act.errors import BalancingActError
from balancing_act.frontends.window.store import Store
from balancing_act.io import read_image, read_json
from balancing_act.play.catalog import read_catalog
from balancing_act.scenario import load_scenario
from tests.conftest import CLASSIC


def _store_save(path: Path) -> Any:
    store = Store(path.parent)
    path.replace(store.autosave_path) if path != store.autosave_path else None
    return store.load_game()


def _store_settings(path: Path) -> Any:
    store = Store(path.parent)
    if path != store.settings_path:
        path.replace(store.settings_path)
    settings, problem = store.load_settings()
    if problem:
        raise BalancingActError(problem)
    return settings


def _policy(path: Path) -> Any:
    """A policy file's read problem is listed under the policy file's heading."""
    try:
        return load_policy_file(path, compile_scenario(load_scenario(CLASSIC)))
    except PolicyError as err:
        raise BalancingActError("\n".join([str(err), *map(str, err.problems)])) from None


READERS: dict[str, Callable[[Path], Any]] = {
    "scenario": load_scenario,
    "session": read_session,
    "result": read_result,
    "save": _store_save,
    "settings": _store_settings,
    "policy": _policy,
    "catalog": lambda p: read_catalog.__wrapped__(p),
    "roster": read_roster,
    "key": read_key,
    "image": read_image,
    "json": lambda p: read_json(p, limit=1 << 20),
}


def nested_json(depth: int) -> bytes:
    return ("[" * depth + "]" * depth).encode()


def nested_yaml(depth: int) -> bytes:
    return ("a:\n" + "".join("  " * i + "- \n" for i in range(1, depth))).encode()


contents = st.one_of(
    st.binary(max_size=3000),
    st.integers(1, 3000).map(nested_json),
    st.integers(1, 200).map(nested_yaml),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
    st.integers(1, 20).map(lambda n: b"\xef\xbb\xbf" + b'{"kind": "x"' * n),
    st.just(b"9" * 6000),
    st.just(b'{"seed": ' + b"9" * 6000 + b"}"),
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(READERS)), data=contents)
def test_any_bytes_give_the_projects_error_or_a_value(tmp_path_factory, kind: str,
                                                      data: bytes) -> None:
    folder = tmp_path_factory.mktemp("reader")
    path = folder / {"save": "autosave.json", "settings": "settings.json"}.get(kind, "file.x")
    path.write_bytes(data)
    try:
        READERS[kind](path)
    except BalancingActError as err:
        assert str(err).strip()


@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_fifo_a_device_and_a_folder_are_refused_at_once(tmp_path: Path, kind: str) -> None:
    fifo = tmp_path / ("autosave.json" if kind == "save" else
                       "settings.json" if kind == "settings" else "pipe")
    os.mkfifo(fifo)
    with pytest.raises(BalancingActError, match="not a regular file"):
        READERS[kind](fifo)
    fifo.unlink()
    device = tmp_path / ("autosave.json" if kind == "save" else
                         "settings.json" if kind == "settings" else "zero")
    device.symlink_to("/dev/zero")
    with pytest.raises(BalancingActError, match="a device"):
        READERS[kind](device)


def huge_png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b""))


def scenario_with(tmp_path: Path, **event: Any) -> Path:
    import yaml

    data = yaml.safe_load(CLASSIC.read_text(encoding="utf-8"))
    data["events"][0].update(event)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_huge_image_is_an_error_found_before_decoding(tmp_path: Path, capsys) -> None:
    (tmp_path / "big.png").write_bytes(huge_png(20000, 20000))
    (tmp_path / "fake.png").write_bytes(b"GIF89a not a png")
    (tmp_path / "noise.wav").write_bytes(b"\x00" * 64)
    path = scenario_with(tmp_path, image="big.png", sound="noise.wav")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "error: image 'big.png': the image is 20000x20000 pixels; at most 4096x4096 is " \
           "shown" in out
    assert "error: sound 'noise.wav': not a sound the game can play" in out
    path = scenario_with(tmp_path, image="fake.png")
    assert main(["validate", str(path)]) == 1
    assert "image 'fake.png': not a PNG or JPEG image" in capsys.readouterr().out


def test_odd_values_in_a_scenario_are_messages(tmp_path: Path, capsys) -> None:
    path = scenario_with(tmp_path, image="images/a\x00b.png")
    assert main(["validate", str(path)]) == 0  # a name no file can have: not found
    assert "image 'images/a\\x00b.png' is not in assets/" in capsys.readouterr().out.replace(
        "\x00", "\\x00")
    text = CLASSIC.read_text(encoding="utf-8").replace("turns: 8", "turns: " + "9" * 5000)
    (tmp_path / "n.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", str(tmp_path / "n.yaml")]) == 1
    assert "has 5000 digits; numbers have at most 30" in capsys.readouterr().out


def test_a_settings_file_nested_too_deep_falls_back_to_defaults(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.settings_path.write_bytes(nested_json(20_000))
    settings, problem = store.load_settings()
    assert settings.text_size == "medium"
    assert problem == f"{store.settings_path}: the data is nested more than 40 levels deep"


def test_saves_with_impossible_paths_are_refused_with_a_reason(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for bad in ("a\x00b.yaml", "\udcff.yaml"):
        store.autosave_path.write_text(json.dumps({
            "format": 2, "kind": "balancing-act-save",
            "scenario": {"id": "t", "sha256": "0" * 64, "path": bad},
            "seed": 1, "choices": [], "turn": 1, "meters": {}}), encoding="utf-8")
        with pytest.raises(BalancingActError, match=r"autosave\.json: scenario\.path: "):
            store.load_game()
