"""kawasaki_econ.atomic on its own: single-file replacement, and generations switched by
one pointer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kawasaki_econ import atomic


def test_write_text_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "catalog.toml"
    target.write_text("old", encoding="utf-8")
    inode = target.stat().st_ino
    atomic.write_text_atomic(target, "新しい")
    assert target.read_text(encoding="utf-8") == "新しい"
    assert target.stat().st_ino != inode  # a new file renamed over the old one
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.toml"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path):
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic.write_text_atomic(target, "\ud800")  # a lone surrogate cannot be encoded
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def generation(directory: Path, text: str) -> Path:
    folder = atomic.new_generation(directory)
    (folder / "t.csv").write_text(text, encoding="utf-8")
    return folder


def test_no_generation_before_the_first_switch(tmp_path: Path):
    assert atomic.current_generation(tmp_path) is None
    folder = generation(tmp_path, "one")
    assert atomic.current_generation(tmp_path) is None  # written, not yet switched in
    assert atomic.stale(tmp_path) == [folder]


def test_switch_points_current_at_the_new_generation_in_one_rename(tmp_path: Path):
    first = generation(tmp_path, "one")
    atomic.switch(tmp_path, first)
    pointer = tmp_path / atomic.POINTER
    assert pointer.is_symlink() and os.readlink(pointer) == first.name  # relative
    assert atomic.current_generation(tmp_path) == first
    second = generation(tmp_path, "two")
    assert second.name > first.name  # ids sort by creation
    atomic.switch(tmp_path, second)
    assert atomic.current_generation(tmp_path) == second
    assert (pointer / "t.csv").read_text(encoding="utf-8") == "two"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_stable_links_follow_the_pointer(tmp_path: Path):
    (tmp_path / "t.csv").write_text("a plain file of the old layout", encoding="utf-8")
    atomic.switch(tmp_path, generation(tmp_path, "one"))
    atomic.link_stable(tmp_path, ["t.csv"])
    link = tmp_path / "t.csv"
    assert link.is_symlink() and os.readlink(link) == "current/t.csv"
    assert link.read_text(encoding="utf-8") == "one"
    atomic.switch(tmp_path, generation(tmp_path, "two"))
    assert link.read_text(encoding="utf-8") == "two"  # no need to touch the link again


def test_remove_stale_keeps_only_the_current_generation(tmp_path: Path):
    old = generation(tmp_path, "one")
    atomic.switch(tmp_path, old)
    new = generation(tmp_path, "two")
    atomic.switch(tmp_path, new)
    killed = generation(tmp_path, "half")  # a build killed before its switch
    leftover = tmp_path / ".current.4242.tmp"
    os.symlink(old.name, leftover)
    assert atomic.stale(tmp_path) == sorted([old, killed, leftover])
    removed = atomic.remove_stale(tmp_path)
    assert sorted(removed) == sorted([old.name, killed.name, leftover.name])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([atomic.POINTER, new.name])
    assert atomic.current_generation(tmp_path) == new
