"""Shared helpers: build small corpora on disk for the loader tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def make_folder(tmp_path):
    """Write ``{name: bytes | str}`` into a fresh folder and return its path."""

    def make(files: dict[str, bytes | str], name: str = "corpus") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for rel, content in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                content = content.encode("utf-8")
            path.write_bytes(content)
        return folder

    return make
