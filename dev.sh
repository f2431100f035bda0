#!/usr/bin/env bash
# Developer tasks for the book. Needs Python 3.11 (python3.11 or python3 on PATH).
#
#   ./dev.sh build   set up .venv (pinned) and build every edition, warnings as errors, side by side
#                    (python -m sitebuild.builds; each build's log in _build/logs/, printed if it
#                    fails): the full book into _build/html, the student edition into
#                    _build/student/_build/html and the Chinese edition into _build/zh/_build/html,
#                    then publish the student and Chinese editions inside the full one as
#                    _build/html/student/ and _build/html/zh/, and print the (English) PDF editions
#                    into _build/html/pdf (./dev.sh pdf)
#   ./dev.sh test    set up .venv (pinned) and run every test: lint, package, data, notebooks,
#                    book build and the built site in headless Chromium (needs /usr/bin/chromium,
#                    Debian package "chromium")
#   ./dev.sh quick   the quick tier: lint and the unit tests (models, data, chapters, controls), with
#                    no book build, no browser and no notebook kernels (under a minute)
#   ./dev.sh book    build the full edition only (the first half of ./dev.sh build)
#   ./dev.sh student build the student edition (no solutions) into _build/student/_build/html
#   ./dev.sh zh      build the Chinese edition (zh-CN, from book/locales/zh_CN) into _build/zh/_build/html
#   ./dev.sh translations  bring the page catalogues (book/locales/zh_CN/LC_MESSAGES) and the build's
#                    own (sitebuild/locales) in step with the English: a gettext build into
#                    _build/translations, then scripts/translations.py update and
#                    python -m sitebuild.site_locale (new messages added, changed ones marked fuzzy,
#                    removed ones dropped)
#   ./dev.sh pdf     print both built editions to PDF (whole book for teachers and students, a
#                    handout per chapter) into _build/html/pdf, with Chromium (needs /usr/bin/chromium
#                    and the Debian package fonts-noto-cjk for the Chinese text)
#   ./dev.sh editions build the student and Chinese editions and publish them in the built full one as
#                    student/ and zh/ (what the deploy workflow runs after the tests, which build all
#                    three, so here they only come from the caches)
#   ./dev.sh serve   serve _build/html on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY="$VENV/bin/python"

python_311() {
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
        echo "$candidate"
        return
    fi
  done
  echo "Python 3.11 is required (python3.11 or python3 on PATH)" >&2
  exit 1
}

setup() {
  if [ ! -x "$PY" ]; then
    "$(python_311)" -m venv "$VENV"
  fi
  # Install only when the pins changed since the last install, so repeated runs start fast.
  local stamp="$VENV/.installed"
  local wanted
  wanted=$(cat requirements.txt requirements-dev.txt constraints.txt pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    "$PY" -m pip install --quiet --upgrade pip
    "$PY" -m pip install --quiet -r requirements-dev.txt -c constraints.txt
    echo "$wanted" >"$stamp"
  fi
}

# No cache wiping here: the book's Sphinx extension re-runs and re-reads whatever depends on an
# input that changed since the last build (sitebuild/freshness.py), so a plain
# `jupyter-book build .` is never stale either.

full_edition() {
  setup
  "$VENV/bin/jupyter-book" build . -W -n --keep-going
  echo "Built _build/html. Open _build/html/index.html, or run ./dev.sh serve"
}

# The three editions side by side (each mostly on one core, so two cores build them in little more
# than the time of one), each logging to _build/logs/<edition>.log, which is printed if it fails.
build() {
  setup
  "$PY" -m sitebuild.builds full student zh
  "$PY" -m sitebuild.editions
  echo "Built _build/html (the student edition in student/, the Chinese one in zh/)"
  pdf
}

run_tests() {
  setup
  "$VENV/bin/ruff" check .
  "$VENV/bin/ruff" format --check .
  "$PY" -m pytest "$@"
}

# The quick tier leaves out the three slow kinds of test, each marked in tests/ (pyproject.toml).
QUICK_TIER="not build and not browser and not notebooks"

quick_tests() {
  setup
  "$VENV/bin/ruff" check .
  "$VENV/bin/ruff" format --check .
  "$PY" -m pytest -m "$QUICK_TIER" "$@"
}

student() {
  setup
  "$VENV/bin/jupyter-book" build . --config _config.student.yml --path-output _build/student -W -n --keep-going
  echo "Built the student edition in _build/student/_build/html"
}

zh() {
  setup
  "$VENV/bin/jupyter-book" build . --config _config.zh.yml --path-output _build/zh -W -n --keep-going
  echo "Built the Chinese edition in _build/zh/_build/html"
}

translations() {
  setup
  # In a folder of its own: Sphinx cannot share parsed pages between the gettext and HTML builders.
  "$VENV/bin/jupyter-book" build . --builder custom --custom-builder gettext --path-output _build/translations -W -n --keep-going
  "$PY" -m scripts.translations update
  "$PY" -m sitebuild.site_locale
  "$PY" -m scripts.translations stats
}

pdf() {
  setup
  "$PY" -m scripts.pdf_editions
}

# The site publishes every edition: the student one under student/, the Chinese one under zh/
# (sitebuild/editions.py).
editions() {
  setup
  "$PY" -m sitebuild.builds student zh
  "$PY" -m sitebuild.editions
}

case "${1:-}" in
  build) build ;;
  book) full_edition ;;
  student) student ;;
  zh) zh ;;
  translations) translations ;;
  pdf) pdf ;;
  editions) editions ;;
  test) shift; run_tests "$@" ;;
  quick) shift; quick_tests "$@" ;;
  serve) "$PY" -m http.server 8000 --bind 127.0.0.1 --directory _build/html ;;
  *)
    echo "usage: ./dev.sh build | book | test [pytest args] | quick [pytest args] | student | zh | editions | translations | pdf | serve" >&2
    exit 2
    ;;
esac
