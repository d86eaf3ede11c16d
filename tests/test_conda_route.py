"""The conda way in (environment.yml) works without apt: what can be checked without conda itself.

No conda channel is reachable where the course is built, so the environment is never created here. What is
checked is that the course's scripts do what the environment needs of them:
- environment.yml brings Ollama itself at the course's version (conda-forge builds ollama 0.24.0 with its CPU
  backends), and the other tools the Makefile takes from PATH; so no Go, compiler or headers are needed;
- with such an `ollama` in a conda-like prefix on PATH, stack/install-ollama.sh uses it and plans no build;
- were Ollama built from source anyway, headers are looked for in $CONDA_PREFIX/include first and the compilers
  are $CC and $CXX (conda's compiler packages set them to prefixed names such as x86_64-conda-linux-gnu-cc);
- no script calls apt-get while CONDA_PREFIX is set: it stops with one sentence naming environment.yml.
"""
from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from stack.course_env import ENV
from stack_env import ROOT, free_port



def conda_names() -> dict[str, str]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    names = {}
    for dep in spec["dependencies"]:
        if isinstance(dep, str):
            name, _, version = dep.partition("=")
            names[name.strip()] = version.strip()
    return names


def executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


@pytest.fixture
def conda(tmp_path):
    """A conda-like prefix: bin/ (an `ollama` that reports the course's version, an apt-get that must not run),
    include/ with the two header folders the Ollama build takes from the system."""
    prefix = tmp_path / "conda"
    executable(prefix / "bin" / "ollama", f'#!/bin/sh\necho "Warning: client version is {ENV["OLLAMA_VERSION"]}"\n')
    executable(prefix / "bin" / "apt-get", f'#!/bin/sh\necho "$@" >> "{tmp_path}/apt-get.called"\nexit 1\n')
    for header in ("nlohmann/json.hpp", "nlohmann/json_fwd.hpp", "stb/stb_image.h"):
        (prefix / "include" / header).parent.mkdir(parents=True, exist_ok=True)
        (prefix / "include" / header).write_text("/* a header from the conda environment */\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CC", "CXX", "OLLAMA_CPU_FLAGS", "OLLAMA_BASE_URL")}
    env.update(CONDA_PREFIX=str(prefix), PATH=f"{prefix / 'bin'}:{os.environ['PATH']}", COURSE_CACHE=str(tmp_path / "cache"),
               # nothing answers there, so the scripts cannot fall back to the shared server
               OLLAMA_BASE_URL=f"http://127.0.0.1:{free_port()}")
    return {"prefix": prefix, "env": env, "tmp": tmp_path}


def run(command: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_environment_yml_brings_ollama_at_the_course_version_and_the_tools():
    names = conda_names()
    assert names.get("ollama") == ENV["OLLAMA_VERSION"], f"environment.yml pins ollama {names.get('ollama')!r}, the course {ENV['OLLAMA_VERSION']}"
    for tool in ("python", "openjdk", "maven", "make", "curl", "shellcheck"):
        assert tool in names, f"environment.yml does not install {tool}, which the Makefile or the scripts take from PATH"
    platform_only = [n for n in names if re.search(r"_(linux|osx|win)-", n)]
    assert not platform_only, f"{platform_only} exist for one platform only; with ollama from conda-forge no compiler is needed"


def test_install_ollama_uses_the_conda_ollama_and_builds_nothing(conda):
    result = run("bash stack/install-ollama.sh --plan", conda["env"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"installed {conda['prefix'] / 'bin' / 'ollama'}", result.stdout + result.stderr


def test_headers_are_looked_for_in_the_conda_environment_first(conda):
    result = run("source stack/config.sh && find_include nlohmann/json.hpp && find_include stb/stb_image.h", conda["env"])
    assert result.stdout.split() == [str(conda["prefix"] / "include")] * 2, result.stdout + result.stderr
    outside = run("source stack/config.sh && include_dirs", {k: v for k, v in conda["env"].items() if k != "CONDA_PREFIX"})
    assert str(conda["prefix"]) not in outside.stdout


def test_no_apt_inside_the_conda_environment(conda):
    result = run("source stack/config.sh && apt_install nlohmann-json3-dev libstb-dev", conda["env"])
    assert result.returncode != 0
    assert "environment.yml" in result.stderr and "nlohmann-json3-dev" in result.stderr, result.stderr
    assert not (conda["tmp"] / "apt-get.called").exists(), "apt-get ran inside the conda environment"


def test_the_build_takes_the_compilers_from_cc_and_cxx(conda):
    """Without an installed Ollama the script would build one: it must look for $CC/$CXX, not gcc/g++."""
    env = dict(conda["env"], CC="x86_64-conda-linux-gnu-cc", CXX="x86_64-conda-linux-gnu-c++")
    (conda["prefix"] / "bin" / "ollama").unlink()
    if run("command -v ollama", env).returncode == 0:
        pytest.skip("an ollama on this machine's PATH would be used before any build")
    missing = run("bash stack/install-ollama.sh --plan", env)
    assert missing.returncode != 0
    assert "CC=x86_64-conda-linux-gnu-cc" in missing.stderr and "environment.yml" in missing.stderr, missing.stderr

    # The same names, present (each one logs its call and hands over to the system's compiler).
    log = conda["tmp"] / "compiler.log"
    for name, real in (("x86_64-conda-linux-gnu-cc", "gcc"), ("x86_64-conda-linux-gnu-c++", "g++")):
        executable(conda["prefix"] / "bin" / name, f'#!/bin/sh\necho "{name} $*" >> "{log}"\nexec {real} "$@"\n')
    planned = run("bash stack/install-ollama.sh --plan", dict(env, OLLAMA_CPU_FLAGS="-march=x86-64-v3"))
    assert planned.returncode == 0, planned.stderr
    assert re.fullmatch(r"(build|cached) \S+/bin/ollama", planned.stdout.strip()), planned.stdout + planned.stderr
    assert "x86_64-conda-linux-gnu-cc" in log.read_text(encoding="utf-8"), "the build's key was computed with another compiler"
