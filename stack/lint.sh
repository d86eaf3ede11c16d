#!/usr/bin/env bash
# The fast stage's linters, run by 'make test' before anything slow: shellcheck over the shell scripts
# (stack/, bench/, .ci/run) and ruff over the Python in tests/, bench/ and stack/. Seconds, not minutes.
# The shellcheck binary comes from Debian (installed here when missing) or, in the conda environment, from
# environment.yml; ruff from the course venv (pinned).
set -euo pipefail
source "$(dirname "$0")/config.sh"
cd "$COURSE_ROOT"

command -v shellcheck >/dev/null || apt_install shellcheck
say "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): stack/*.sh bench/*.sh .ci/run"
shellcheck --external-sources --source-path=SCRIPTDIR stack/*.sh bench/*.sh .ci/run

[ -x "$VENV/bin/ruff" ] || die "ruff is not in the course venv: run 'make venv' (it installs stack/requirements.lock)."
say "$("$VENV/bin/ruff" --version): tests/ bench/ stack/*.py"
"$VENV/bin/ruff" check --quiet --config stack/ruff.toml tests bench stack/*.py
