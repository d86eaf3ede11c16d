#!/usr/bin/env bash
# Starts JupyterLab for 'make lab' on SERVICE_HOST:JUPYTER_PORT with the course's settings
# (stack/jupyter_lab_config.py) and prints the address that opens the first lesson, token included.
# The token is JUPYTER_TOKEN when it is set, else a new random one for this run; Jupyter's own log
# prints it too, but many lines further down.
#   lab.sh [--print-url]   --print-url prints the URL it would use and exits (tests/test_stack.py)
set -euo pipefail
source "$(dirname "$0")/config.sh"
cd "$COURSE_ROOT"

[ -x "$VENV/bin/jupyter" ] || die "JupyterLab is not installed: run 'make lab' (it creates .venv) rather than this script directly."
token=${JUPYTER_TOKEN:-$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(24))')}
first="lab/tree/notebooks/00-setup-check.ipynb"
url="http://$SERVICE_HOST:$JUPYTER_PORT/$first?token=$token"
if [ "${1:-}" = --print-url ]; then echo "$url"; exit 0; fi

say "JupyterLab on $url"
say "(open that address; Ctrl-C stops JupyterLab; 'make down' stops what 'make up' started)"
root_flag=""
if [ "$(id -u)" = 0 ]; then root_flag=--allow-root; fi
exec "$VENV/bin/jupyter" lab --config="$COURSE_ROOT/stack/jupyter_lab_config.py" \
  --ip "$SERVICE_HOST" --port "$JUPYTER_PORT" --no-browser --ServerApp.root_dir="$COURSE_ROOT" \
  --IdentityProvider.token="$token" --LabApp.default_url="/$first" ${root_flag:+"$root_flag"}
