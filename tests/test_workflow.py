"""The GitHub Actions workflow builds, tests and publishes the book, and runs weekly.

It cannot run here (no GitHub); these checks read it, so a broken edit shows up before a push.
"""

import re
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


def test_build_job_publishes_the_pdf_editions_inside_the_site_with_cjk_fonts():
    steps = _workflow()["jobs"]["build"]["steps"]
    commands = [step.get("run", "").strip() for step in steps]
    pdf = next(i for i, command in enumerate(commands) if "_build/html/pdf/" in command)
    upload = next(i for i, step in enumerate(steps) if "upload-pages-artifact" in step.get("uses", ""))
    # The PDFs the test run printed (the printed_pdfs fixture of tests/conftest.py) and checked
    # (tests/test_pdf_editions.py) go into the site's pdf/ folder, which the landing page links to,
    # before the site is uploaded; every deploy carries them.
    published = Path(__file__).resolve().parent / "conftest.py"
    assert 'PDF_FOLDER = ROOT / "_build" / "pdf"' in published.read_text(encoding="utf-8")
    assert "cp _build/pdf/*.pdf _build/html/pdf/" in commands[pdf].splitlines()
    assert commands.index("./dev.sh test") < pdf < upload
    assert "if" not in steps[pdf]
    installs = "\n".join(command for command in commands[:pdf] if "apt-get install" in command)
    assert "fonts-noto-cjk" in installs, "without CJK fonts the PDFs' Chinese text would be boxes"
    ci_run = (WORKFLOW.parent.parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"apt-get install .*fonts-noto-cjk", ci_run)


def test_only_the_deploy_job_may_write_and_it_runs_no_repository_code():
    """The build job runs a pull request's code: it gets a token that can only read the repository.
    Publishing (Pages, and the OIDC token deploy-pages asks for) is the deploy job's alone."""
    workflow = _workflow()
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build.get("permissions", {"contents": "read"}) == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert not any("checkout" in step.get("uses", "") or "run" in step for step in deploy["steps"])
    checkout = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False, "the token must not stay in .git/config"


PINNED = re.compile(r"^\s*-?\s*uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>\S+)\s*(?:#\s*(?P<comment>.*))?$")


def test_every_action_is_pinned_to_a_commit_with_its_release_named():
    """A tag can be moved to other code; a commit cannot. The comment says which release it is."""
    lines = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    used = [step["uses"] for job in _workflow()["jobs"].values() for step in job["steps"] if "uses" in step]
    assert len(lines) == len(used) >= 4
    for line in lines:
        pin = PINNED.match(line)
        assert pin, f"not an action reference: {line!r}"
        assert re.fullmatch(r"[0-9a-f]{40}", pin["ref"]), (
            f"{pin['action']} is not pinned to a commit: {pin['ref']}"
        )
        assert pin["comment"] and re.fullmatch(r"v\d+\.\d+\.\d+", pin["comment"].strip()), (
            f"{pin['action']}: say which release the commit is, e.g. '# v4.3.1'"
        )


def test_build_job_publishes_the_student_edition_inside_the_site():
    """Every edition goes to Pages: `./dev.sh editions` copies the student and Chinese editions into
    _build/html as student/ and zh/ (sitebuild/editions.py), after the tests build them and before
    the classroom copy and the upload take the site."""
    steps = _workflow()["jobs"]["build"]["steps"]
    commands = [step.get("run", "").strip() for step in steps]
    editions = commands.index("./dev.sh editions")
    bundle = commands.index(".venv/bin/python -m scripts.classroom_bundle")
    upload = next(i for i, step in enumerate(steps) if "upload-pages-artifact" in step.get("uses", ""))
    assert commands.index("./dev.sh test") < editions < bundle < upload
    assert "if" not in steps[editions], "the student edition is published on every deploy"
    dev_sh = (WORKFLOW.parent.parent.parent / "dev.sh").read_text(encoding="utf-8")
    function = re.search(r"^editions\(\) \{\n(?P<body>.*?)^\}", dev_sh, re.M | re.S)
    assert function, "dev.sh has no editions function"
    # Both editions built (side by side, sitebuild/builds.py), then published.
    # Both editions built (side by side, sitebuild/builds.py), then published.
    assert " ".join(function["body"].split()) == (
        'setup "$PY" -m sitebuild.builds student zh "$PY" -m sitebuild.editions'
    )
    assert re.search(r"^\s*editions\) editions ;;$", dev_sh, re.M)
