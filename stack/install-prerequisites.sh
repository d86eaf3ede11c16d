#!/usr/bin/env bash
# Installs what the course needs from the system on Debian 12 (the README's "Needs"; its Python 3.11 is
# the one stack/requirements.lock is resolved on):
# a JDK 17, Maven, Python 3.11 with venv, g++, make, curl, git, the two header packages the Ollama build
# uses and shellcheck for the fast stage. The dev container runs it once; on a laptop it is optional.
# Go is not among them: Debian 12's Go is 1.19, older than the 1.21 that can fetch the Go 1.26 Ollama
# needs, so Go comes from https://go.dev/dl (the dev container's Go feature). Everything else the
# course installs itself, pinned and cached: the venv, Ollama, the models, the Maven dependencies.
set -euo pipefail
source "$(dirname "$0")/config.sh"

if [ "$(uname -s)" != Linux ] || ! command -v apt-get >/dev/null; then
  die "This script is for Debian (apt-get); elsewhere install the README's 'Needs' list with the system's package manager."
fi
apt_install openjdk-17-jdk-headless maven python3 python3-venv python3-pip g++ make curl git \
  nlohmann-json3-dev libstb-dev shellcheck
if ! command -v go >/dev/null; then
  say "Go is not installed: install Go 1.26 or newer from https://go.dev/dl (or use an installed Ollama $OLLAMA_MIN_VERSION+, which needs no Go)"
fi
say "prerequisites installed: $(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1), $(python3 --version)"
