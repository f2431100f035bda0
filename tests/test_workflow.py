"""The GitHub Actions workflow builds, tests and publishes the book, and runs weekly.

It cannot run here (no GitHub); these checks read it, so a broken edit shows up before a push.
"""

from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "book.yml"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_runs_on_pushes_to_main_pull_requests_and_every_week():
    triggers = _workflow()[True]  # YAML 1.1 reads the key "on" as True
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers
    minute, hour, day_of_month, month, day_of_week = triggers["schedule"][0]["cron"].split()
    assert day_of_month == "*" and month == "*" and day_of_week.isdigit(), "weekly, on one weekday"


def test_build_job_runs_the_readme_test_command_and_uploads_the_site():
    steps = _workflow()["jobs"]["build"]["steps"]
    commands = [step.get("run", "") for step in steps]
    assert any(command.strip() == "./dev.sh test" for command in commands)
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    benchmark = next(step for step in steps if "scripts.benchmark" in step.get("run", ""))
    assert "schedule" in benchmark["if"]


def test_deploy_job_publishes_to_pages_from_main_only():
    deploy = _workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in deploy["steps"])


def test_build_job_publishes_the_classroom_bundle_inside_the_site():
    steps = _workflow()["jobs"]["build"]["steps"]
    commands = [step.get("run", "").strip() for step in steps]
    bundle = commands.index(".venv/bin/python -m scripts.classroom_bundle")
    upload = next(i for i, step in enumerate(steps) if "upload-pages-artifact" in step.get("uses", ""))
    # After the build (in ./dev.sh test), before the upload of _build/html, where the zip is written.
    assert commands.index("./dev.sh test") < bundle < upload
    assert "if" not in steps[bundle], "the bundle is published on every deploy"
