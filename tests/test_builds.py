"""Editions built side by side (sitebuild/builds.py): both at once, each logging to a file of its
own, and a failed one's log printed. A stand-in for jupyter-book says what it was asked to build."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import builds

# Says which edition it builds (by its --config), on its output and as an error, marks that it has
# started, then waits until the other build has started too: built one after another, the first
# would wait in vain (exit code 3). The Chinese edition then fails (exit code 2).
STAND_IN = """#!/bin/sh
edition=full
[ "$3" = "--config" ] && edition="$4"
echo "$edition: building"
echo "$edition: WARNING: an error of $edition" >&2
touch "started-$edition"
tries=0
while [ "$(ls started-* | wc -l)" -lt 2 ]; do
  tries=$((tries + 1))
  [ "$tries" -gt 300 ] && exit 3
  sleep 0.1
done
[ "$edition" = "_config.zh.yml" ] && exit 2
exit 0
"""


@pytest.fixture
def stand_in(tmp_path, monkeypatch) -> Path:
    script = tmp_path / "jupyter-book"
    script.write_text(STAND_IN, encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(builds, "jupyter_book", lambda: script)
    monkeypatch.setattr(builds, "ROOT", tmp_path)
    return tmp_path


def test_editions_build_side_by_side_each_with_a_log_of_its_own(stand_in):
    full, chinese = builds.build_editions(["full", "zh"], cwd=stand_in)
    assert (full.returncode, chinese.returncode) == (0, 2)
    assert full.log_file == stand_in / "_build" / "logs" / "full.log"
    # What it printed, then its errors; nothing of the other build.
    assert full.log_file.read_text(encoding="utf-8") == "full: building\nfull: WARNING: an error of full\n"
    assert "_config.zh.yml: building" in chinese.log and "full" not in chinese.log
    assert builds.warnings_in(chinese.log) == "_config.zh.yml: WARNING: an error of _config.zh.yml"
    assert sorted(path.name for path in full.log_file.parent.iterdir()) == ["full.log", "zh.log"]


def test_the_command_prints_a_failed_builds_log_and_fails(stand_in, capsys):
    assert builds.main(["full", "zh"]) == 1
    out, err = capsys.readouterr()
    assert "full: built" in out and "zh: FAILED (exit code 2)" in out
    assert "===== zh:" in err and "_config.zh.yml: WARNING: an error of _config.zh.yml" in err
    assert "full: building" not in err
