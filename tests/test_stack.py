"""Checks of the local stack's scripts (stack/) and the files around them.

- one source for constants (stack/course.env), the set-up cell and the JDK lookup;
- the stack scripts stay portable to macOS (no GNU-only flags, bash 3.2);
- the CPU target check covers every target-dependent file, and catches the AMX link failure;
- a cached Ollama built for another CPU is rebuilt, not run; an installed one on PATH is used;
- a failed build prints the compiler's or linker's own first error and the log;
- an Ollama that is already running is used, gets the course's models, and is left running;
- the dev container validates against the Dev Container schema and uses the repository's scripts.

The tests that start or build nothing run anywhere; the others need the Linux stack that `make up` prepared.
"""
from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import jsonschema
import pytest
from stack.course_env import CACHE, COURSE_ENV_FILE, ENV
from stack_env import a_course_ollama_binary, free_port

ROOT = Path(__file__).resolve().parent.parent
STACK = ROOT / "stack"
OLLAMA_HOME = CACHE / f"ollama-{ENV['OLLAMA_VERSION']}"
SHELL_FILES = sorted([*STACK.glob("*.sh"), *(ROOT / "bench").glob("*.sh"), ROOT / ".ci" / "run"])
LINUX_X86 = os.uname().sysname == "Linux" and os.uname().machine == "x86_64" and shutil.which("go") is not None


def bash(*args, env=None, timeout=600, check=False):
    """Runs a stack script with the course's environment plus `env`; returns the CompletedProcess."""
    full = {k: v for k, v in os.environ.items() if k not in ("OLLAMA_BASE_URL", "CHROMA_URL", "OLLAMA_CPU_FLAGS")}
    full.update(env or {})
    result = subprocess.run(["bash", *map(str, args)], capture_output=True, text=True, env=full, timeout=timeout, cwd=ROOT)
    if check:
        assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}"
    return result


def code_lines(path: Path):
    """(number, line) of the lines that are not comments."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.strip().startswith("#"):
            yield number, line


# ---------------------------------------------------------------------------------------------
# One source for constants, the set-up cell and the JDK lookup.


def test_course_env_holds_plain_assignments_every_reader_understands():
    for number, line in code_lines(COURSE_ENV_FILE):
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*=[^\s\"'$`~\\]+", line), (
            f"stack/course.env:{number}: {line!r} is not KEY=value without quotes, spaces, ~ or $ "
            "(make includes it, bash sources it, Python and Java parse it)"
        )
    for key in ("OLLAMA_VERSION", "OLLAMA_MIN_VERSION", "SERVICE_HOST", "DEFAULT_OLLAMA_PORT", "DEFAULT_CHROMA_PORT",
                "DEFAULT_JUPYTER_PORT", "DEFAULT_CHAT_PORT", "DEFAULT_CACHE_UNDER_HOME", "DEFAULT_CHAT_MODEL",
                "DEFAULT_BASE_MODEL", "CPU_CHECK_TARGETS", "PIP_VERSION"):
        assert ENV.get(key), f"stack/course.env has no {key}"


# Every file that could hold a copy of a course.env value: the build, the scripts, the tests, the benchmark, the
# Java sources (not their unit tests, whose URLs are example inputs), the container files.
def constant_readers() -> list[Path]:
    java = [p for folder in ("lib", "lib-graph", "lib-train", "apps") for p in (ROOT / folder).glob("**/src/main/**/*.java")]
    return sorted({ROOT / "Makefile", ROOT / "pom.xml", *ROOT.glob("*/pom.xml"), *ROOT.glob("apps/*/pom.xml"), *SHELL_FILES,
                   *STACK.glob("*.py"), *(ROOT / "tests").glob("*.py"), *(ROOT / "bench" / "python").glob("*.py"), *java,
                   *ROOT.glob("docker-compose*.yml"), *ROOT.glob("docker/*/Dockerfile"), ROOT / "environment.yml",
                   ROOT / ".devcontainer" / "devcontainer.json"})


# Files that must write a value literally (they cannot read course.env), each with the test that checks the copy.
CHECKED_COPIES = {
    "docker-compose.yml": "tests/test_classroom_stack.py checks its ports and Ollama's image tag against course.env",
    "docker/jupyter/Dockerfile": "tests/test_classroom_stack.py checks EXPOSE and --port against DEFAULT_JUPYTER_PORT",
    "docker/chat/Dockerfile": "tests/test_classroom_stack.py checks CHAT_PORT and EXPOSE against DEFAULT_CHAT_PORT",
    "environment.yml": "tests/test_conda_route.py checks the ollama pin against OLLAMA_VERSION",
    ".devcontainer/devcontainer.json": "test_devcontainer_forwards_the_course_ports checks it",
    # install-models.sh names each model to pick its GGUF file and sha256: that is model data, not a default.
    "stack/install-models.sh": "the model names select each model's pinned file",
}


def code_only(path: Path):
    """(number, line) of the lines that are neither comments nor, in Python, docstrings (prose may name a value)."""
    text = path.read_text(encoding="utf-8")
    comment = ("//", "/*", "*") if path.suffix == ".java" else ("<!--",) if path.suffix == ".xml" else ("#",)
    prose = set()
    if path.suffix == ".py":
        for node in ast.walk(ast.parse(text)):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                prose.update(range(body[0].lineno, body[0].end_lineno + 1))
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.strip().startswith(comment) and number not in prose:
            yield number, line


def repeats_of_course_env(paths: list[Path], env: dict[str, str], root: Path = ROOT) -> list[str]:
    """Where a file writes a value of course.env, derives a default URL, or parses course.env itself."""
    values = {key: env[key] for key in ("OLLAMA_VERSION", "PIP_VERSION", "DEFAULT_OLLAMA_PORT", "DEFAULT_CHROMA_PORT",
                                        "DEFAULT_JUPYTER_PORT", "DEFAULT_CHAT_PORT", "DEFAULT_CHAT_MODEL",
                                        "DEFAULT_BASE_MODEL", "CPU_CHECK_TARGETS")}
    cache = env["DEFAULT_CACHE_UNDER_HOME"].split("/")
    patterns = {f"{key}'s value {value}": rf"(?<![\w.]){re.escape(value)}(?![\w.])" for key, value in values.items()}
    patterns["SERVICE_HOST's value"] = rf"[\"']{re.escape(env['SERVICE_HOST'])}[\"']"
    patterns["the cache folder's default"] = r"\W+".join(map(re.escape, cache))
    patterns["a default URL built from the host and a port"] = (
        r"http://.{0,12}(SERVICE_HOST|127\.0\.0\.1).{0,40}(OLLAMA_PORT|CHROMA_PORT|DEFAULT_\w+_PORT|port_key)")
    patterns["its own parser of course.env"] = r"[\"']course\.env[\"']|^\s*-?include\s+\S*course\.env|\bsource\s+\S*course\.env"
    # One reader per language; Java reads the copy lib/pom.xml puts into lib's jar.
    readers = {"stack/config.sh", "stack/course_env.py", "lib/src/main/java/genai/stack/CourseConfig.java"}
    found = []
    for path in paths:
        name = str(path.relative_to(root))
        if name in CHECKED_COPIES or name == "tests/test_stack.py":
            continue
        for number, line in code_only(path):
            for what, pattern in patterns.items():
                if what == "SERVICE_HOST's value" and path.suffix != ".java":
                    continue  # tests and scripts bind their own servers to the loopback address
                if re.search(pattern, line) and not (name in readers and what in ("its own parser of course.env",
                                                                                   "a default URL built from the host and a port")):
                    found.append(f"{name}:{number} writes {what}: {line.strip()[:100]}")
    return found


def test_the_repeat_scan_catches_each_kind_of_copy(tmp_path):
    samples = {"a.sh": 'OLLAMA_URL="http://$SERVICE_HOST:$DEFAULT_OLLAMA_PORT"', "b.py": 'PORT = 7070',
               "c.java": 'Path.of(home, ".cache", "genai-java-course")', "d.py": 'open(ROOT / "stack" / "course.env")',
               "e.mk": f"x ?= {ENV['OLLAMA_VERSION']}", "f.py": 'MODEL = "smollm2-135m-instruct"',
               "g.java": 'String HOST = "127.0.0.1";', "h.py": 'HOST = "127.0.0.1"'}
    paths = []
    for name, text in samples.items():
        (tmp_path / name).write_text(text + "\n# 7070 in a comment is prose\n", encoding="utf-8")
        paths.append(tmp_path / name)
    found = repeats_of_course_env(paths, {**ENV, "DEFAULT_CHAT_PORT": "7070"}, root=tmp_path)
    assert {line.split(":")[0] for line in found} == set(samples) - {"h.py"}, found


def test_constants_are_written_only_in_course_env():
    found = repeats_of_course_env(constant_readers(), ENV)
    assert not found, "read these from stack/course.env (config.sh, stack/course_env.py, CourseConfig):\n" + "\n".join(found)


def test_the_setup_cell_is_defined_once():
    cell = (ROOT / "tests" / "setup-cell.txt").read_text(encoding="utf-8").strip()
    assert cell.startswith("%load setup.jsh"), f"tests/setup-cell.txt holds {cell!r}"
    # A definition is the cell as a string literal: the %load line, a newline escape, the next line.
    literal = re.compile(r"%load setup\.jsh\\n")
    copies = [str(p.relative_to(ROOT)) for p in [*(ROOT / "tests").glob("*.py"), *(ROOT / "bench" / "python").glob("*.py")]
              if literal.search(p.read_text(encoding="utf-8"))]
    assert not copies, f"{copies} write the set-up cell themselves: read tests/setup-cell.txt"


def test_the_kernel_and_the_benchmark_share_one_jdk_lookup():
    lookups = [p.name for p in SHELL_FILES if "java.specification.version" in p.read_text(encoding="utf-8")]
    assert lookups == ["find-jdk.sh"], f"JDK version probing lives in {lookups}, not only in stack/find-jdk.sh"
    for user in (STACK / "java-kernel.sh", ROOT / "bench" / "run.sh"):
        assert "find-jdk.sh" in user.read_text(encoding="utf-8"), f"{user.relative_to(ROOT)} does not use find-jdk.sh"


def test_make_test_runs_the_fast_stage_first():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    prerequisites = re.search(r"^test:(.*)$", makefile, re.MULTILINE).group(1).split()
    assert prerequisites[:2] == ["fast", "cpu-check"] and prerequisites.index("up") > 1, (
        f"make test's prerequisites are {prerequisites}: the fast stage and the CPU check must come before 'up'"
    )
    fast = re.search(r"^fast:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    assert "stack/lint.sh" in fast and "lib-test" in fast, "the fast stage must run stack/lint.sh and the library's tests"


# ---------------------------------------------------------------------------------------------
# Portability of the stack scripts to macOS: BSD tools and bash 3.2.

GNU_ONLY = [
    (r"\bsed\s+(-[a-zA-Z]*\s+)*-i\b", "sed -i (BSD sed needs a suffix argument)"),
    (r"\breadlink\s+-[a-z]*f", "readlink -f"),
    (r"\bstat\s+(-c|--)", "stat -c / --format (BSD stat uses -f)"),
    (r"\bdate\s+(-d|--date)\b", "date -d"),
    (r"\bgrep\s+(-[a-zA-Z]*P|--perl)", "grep -P"),
    (r"\bxargs\s+(-[a-zA-Z]*\s+)*-(r|d)\b", "xargs -r / -d"),
    (r"-printf\b", "find -printf"),
    (r"\bnproc\b", "nproc (use getconf _NPROCESSORS_ONLN)"),
    (r"\b(du\s+-[a-z]*b|df\s+-[a-zA-Z]*B)", "du -b / df -B"),
    (r"\bsort\s+(-[a-zA-Z]*V|--version-sort)", "sort -V"),
    (r"\b(timeout|tac|numfmt|sha1sum|md5sum)\s", "a GNU coreutils-only command"),
    (r"\bhead\s+-n\s*-\d", "head -n -N"),
    (r"\bmktemp\s+--", "mktemp --long-option"),
    (r"/proc/", "/proc (Linux only)"),
    (r"\$\{\w+(\^\^|,,)", "${var^^} / ${var,,} (bash 4)"),
    (r"\b(declare|local|typeset)\s+-A\b", "associative arrays (bash 4)"),
    (r"\b(mapfile|readarray|coproc)\b", "mapfile / readarray / coproc (bash 4)"),
    (r"&>>|\|&", "&>> or |& (bash 4)"),
]


def gnu_only_uses(text: str):
    """(line number, what) for each GNU-only construct in code lines. sha256sum counts only without
    a shasum fallback on the same line."""
    hits = []
    for number, line in enumerate(text.splitlines(), start=1):
        code = line.split(" # ")[0]
        if code.strip().startswith("#"):
            continue
        for pattern, what in GNU_ONLY:
            if re.search(pattern, code):
                hits.append((number, what))
        if re.search(r"\bsha256sum\b", code) and "shasum" not in code:
            hits.append((number, "sha256sum without the shasum fallback"))
    return hits


def test_the_portability_scan_catches_gnu_only_lines():
    bad = ["sed -i 's/a/b/' f", "x=$(readlink -f .)", "stat -c %s f", "echo x | sha256sum", "date -d tomorrow",
           "grep -P '\\d' f", "ls | xargs -r rm", "nproc", "sort -V", "timeout 5 cmd", "echo ${name^^}",
           "declare -A map", "mapfile -t lines < f", "cat /proc/cpuinfo", "cmd &>> log"]
    for line in bad:
        assert gnu_only_uses(line), f"the scan misses {line!r}"
    assert not gnu_only_uses("if command -v sha256sum >/dev/null; then sha256sum f; else shasum -a 256 f; fi")


def test_stack_scripts_avoid_gnu_only_flags():
    # cpu-target.sh runs only on Linux x86-64 (it checks before doing anything): GNU nm and gcc are its subject.
    found = [f"{p.relative_to(ROOT)}:{n}: {what}" for p in SHELL_FILES if p.name != "cpu-target.sh"
             for n, what in gnu_only_uses(p.read_text(encoding="utf-8"))]
    assert not found, "the macOS path (make lab with an installed Ollama) would break on:\n" + "\n".join(found)


# ---------------------------------------------------------------------------------------------
# The CPU target check (stack/cpu-target.sh).

ISA_MACRO = re.compile(r"__(AVX\w*|AMX\w*|SSE\w*|F16C|FMA|BMI2?|AVX512\w*|POPCNT|LZCNT|VNNI\w*)__")
# Header-only libraries that test ISA macros but call only their own inline code and compiler intrinsics:
# their target-dependent code cannot reference a symbol defined in a file the build leaves out.
HEADER_ONLY = {"stb_image.h", "miniaudio.h"}


def go_list(args, cwd):
    env = dict(os.environ, CGO_ENABLED="1", GOFLAGS="-mod=mod")
    return subprocess.run(["go", "list", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300, check=True).stdout


@pytest.mark.skipif(not LINUX_X86, reason="the CPU check compiles for x86-64 Linux with Go and gcc")
def test_only_the_checked_packages_depend_on_the_cpu_target():
    module = json.loads(subprocess.run(["go", "mod", "download", "-json", f"github.com/ollama/ollama@v{ENV['OLLAMA_VERSION']}"],
                                       capture_output=True, text=True, check=True, timeout=600, env=dict(os.environ, GOFLAGS="-mod=mod")).stdout)["Dir"]
    packages = list(json.JSONDecoder().raw_decode(chunk)[0] for chunk in
                    re.split(r"(?m)^(?=\{)", go_list(["-deps", "-json", "."], module)) if chunk.strip())
    cgo = [p for p in packages if p.get("CFiles") or p.get("CXXFiles")]
    checked = [p for p in cgo if "/ml/backend/ggml/ggml/src" in p["ImportPath"]]
    assert checked, "no ggml package in Ollama's build: the check reads the wrong folder"
    outside = []
    for package in cgo:
        if package in checked:
            continue
        folders = {Path(package["Dir"])} | {Path(f[2:]) for f in package.get("CgoCPPFLAGS", []) if f.startswith("-I")}
        folders.add(OLLAMA_HOME / "vendor")  # CGO_CPPFLAGS adds the vendored headers to every package
        for folder in folders:
            for source in (folder.rglob("*") if folder.name == "vendor" else folder.glob("*")):
                if source.suffix in (".c", ".cpp", ".h", ".hpp") and source.name not in HEADER_ONLY and source.is_file():
                    if ISA_MACRO.search(source.read_text(encoding="utf-8", errors="replace")):
                        outside.append(str(source))
    assert not outside, (
        "these files outside ggml's packages test CPU feature macros, so the CPU check (which compiles only "
        "ggml's packages) no longer covers everything a target changes: extend stack/cpu-target.sh\n" + "\n".join(sorted(set(outside)))
    )


@pytest.mark.skipif(not LINUX_X86, reason="the CPU check compiles for x86-64 Linux with Go and gcc")
def test_the_cpu_check_passes_every_target_and_catches_the_amx_link_failure():
    # After `make cpu-check` (part of make test) every result is cached, so this takes a second.
    result = bash(STACK / "cpu-target.sh", "check", timeout=1800)
    assert result.returncode == 0, f"the CPU check failed:\n{result.stdout}\n{result.stderr}"
    for target in ENV["CPU_CHECK_TARGETS"].split(","):
        assert f"cpu check: {target}: " in result.stdout, f"no result line for {target}:\n{result.stdout}"
    amx = next(line for line in result.stdout.splitlines() if "cpu check: sapphirerapids:" in line)
    assert "-march=sapphirerapids leaves undefined: ggml_backend_amx_buffer_type()" in amx, (
        f"the check no longer sees issue 10's link failure for plain -march=sapphirerapids: {amx}"
    )
    assert re.search(r"links with -march=sapphirerapids( -mno-amx-[a-z0-9]+)+ ", amx), amx


# ---------------------------------------------------------------------------------------------
# Which Ollama binary: keyed by CPU target, an installed one preferred, a failed build explained.


def path_without_ollama():
    return os.pathsep.join(d for d in os.environ["PATH"].split(os.pathsep) if not (Path(d) / "ollama").exists())


def plan(cache: Path, path: str, flags: str = "-march=native"):
    """install-ollama.sh --plan against a scratch cache, with no server answering."""
    result = bash(STACK / "install-ollama.sh", "--plan", env={
        "COURSE_CACHE": str(cache), "PATH": path, "OLLAMA_CPU_FLAGS": flags, "OLLAMA_BASE_URL": "http://127.0.0.1:9"})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def fake_binary(path: Path, marker: Path, version="0.24.0"):
    """An 'ollama' that reports a version and leaves a marker if anything else runs it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'#!/bin/sh\ncase "$1" in --version) echo "Warning: client version is {version}";;\n'
                    f'*) touch "{marker}";; esac\n')
    path.chmod(0o755)


@pytest.mark.skipif(not shutil.which("gcc"), reason="the cache key is computed with gcc")
def test_a_cached_binary_for_another_cpu_is_rebuilt_not_run(tmp_path):
    home = tmp_path / "cache" / f"ollama-{ENV['OLLAMA_VERSION']}"
    marker = tmp_path / "ran"
    key = lambda *flags: bash(STACK / "cpu-target.sh", "key", *flags, check=True).stdout.strip()  # noqa: E731
    mine = key("-march=native")
    # What a cache copied from other machines holds: binaries built for other CPUs, and one from before keys.
    for other in (("-march=sapphirerapids", "-mno-amx-int8"), ("-march=znver3",), ("-march=x86-64-v3",)):
        assert key(*other) != mine, f"{other} shares this machine's key"
        fake_binary(home / f"build-{key(*other)}" / "bin" / "ollama", marker)
        (home / f"build-{key(*other)}" / "target.env").write_text(f"FLAGS={' '.join(other)}\n")
    fake_binary(home / "bin" / "ollama", marker)
    decision = plan(tmp_path / "cache", path_without_ollama())
    assert decision == f"build {home / f'build-{mine}' / 'bin' / 'ollama'}", decision
    assert not marker.exists(), "a binary built for another CPU was run"
    # The same cache entry at this machine's own key is used: the test can tell the two apart.
    fake_binary(home / f"build-{mine}" / "bin" / "ollama", marker)
    (home / f"build-{mine}" / "target.env").write_text("FLAGS=-march=native\n")
    assert plan(tmp_path / "cache", path_without_ollama()) == f"cached {home / f'build-{mine}' / 'bin' / 'ollama'}"
    assert not marker.exists()


@pytest.mark.skipif(not shutil.which("gcc"), reason="the cache key is computed with gcc")
def test_an_installed_ollama_on_path_is_used_when_new_enough(tmp_path):
    bin_dir = tmp_path / "bin"
    fake_binary(bin_dir / "ollama", tmp_path / "ran", version="0.30.1")
    path = f"{bin_dir}{os.pathsep}{path_without_ollama()}"
    assert plan(tmp_path / "cache", path) == f"installed {bin_dir / 'ollama'}"
    fake_binary(bin_dir / "ollama", tmp_path / "ran", version="0.23.9")
    decision = plan(tmp_path / "cache", path)
    assert not decision.startswith("installed"), f"Ollama 0.23.9 on PATH was accepted: {decision}"


@pytest.mark.skipif(not shutil.which("gcc") or os.uname().sysname != "Linux", reason="the course builds Ollama on Linux")
def test_a_failed_build_shows_the_linkers_own_first_error_and_the_log(tmp_path):
    vendor = tmp_path / "cache" / f"ollama-{ENV['OLLAMA_VERSION']}" / "vendor" / "miniaudio"
    vendor.mkdir(parents=True)
    (vendor / "miniaudio.h").write_text("/* stand-in: the fake go below compiles nothing */\n")
    fake_go = tmp_path / "go"
    fake_go.write_text("""#!/bin/sh
echo "go: downloading github.com/ollama/ollama v0.24.0"
echo "TERM='dumb' g++ -I . -O3 -c ggml-cpu.cpp"
echo "# github.com/ollama/ollama"
echo "/usr/local/go/pkg/tool/linux_amd64/link: running g++ failed: exit status 1"
echo "/usr/bin/ld: /tmp/go-link/000031.o: in function \\`ggml_backend_cpu_get_extra_buffer_types()':"
echo "ggml-cpu.cpp:(.text+0x7dd): undefined reference to \\`ggml_backend_amx_buffer_type()'"
echo "collect2: error: ld returned 1 exit status"
exit 1
""")
    fake_go.chmod(0o755)
    result = bash(STACK / "install-ollama.sh", env={
        "COURSE_CACHE": str(tmp_path / "cache"), "PATH": path_without_ollama(), "GO": str(fake_go),
        "OLLAMA_CPU_FLAGS": "-march=x86-64-v3", "OLLAMA_BASE_URL": "http://127.0.0.1:9"}, timeout=120)
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert "undefined reference to `ggml_backend_amx_buffer_type()'" in last, last
    assert "build.log" in last and "g++ and Go" not in last, last


# ---------------------------------------------------------------------------------------------
# An Ollama that already runs: used, given the course's models, left running.


def tags(url):
    with urllib.request.urlopen(f"{url}/api/tags", timeout=10) as response:
        return {m["name"] for m in json.load(response)["models"]}


@pytest.mark.skipif(a_course_ollama_binary() is None or not (CACHE / "gguf").is_dir(), reason="needs the stack 'make up' prepared")
def test_an_ollama_already_running_is_used_given_the_models_and_left_running(tmp_path):
    binary = a_course_ollama_binary()
    ollama_port, chroma_port = free_port(), free_port()
    url = f"http://127.0.0.1:{ollama_port}"
    # The learner's own Ollama: another models folder, started outside the course.
    server = subprocess.Popen([binary, "serve"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(
        os.environ, OLLAMA_HOST=f"127.0.0.1:{ollama_port}", OLLAMA_MODELS=str(tmp_path / "their-models")))
    cache = tmp_path / "cache"
    (cache / "gguf").mkdir(parents=True)
    for gguf in (CACHE / "gguf").glob("*.gguf*"):  # the checked GGUFs, linked rather than copied
        os.link(gguf, cache / "gguf" / gguf.name)
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "ollama").symlink_to(binary)  # 'installed' on PATH, so no build
    env = {"COURSE_CACHE": str(cache), "OLLAMA_PORT": str(ollama_port), "CHROMA_PORT": str(chroma_port),
           "PATH": f"{tmp_path / 'bin'}{os.pathsep}{path_without_ollama()}"}
    try:
        for _ in range(60):
            try:
                tags(url)
                break
            except OSError:
                time.sleep(0.5)
        bash(STACK / "install-ollama.sh", env=env, check=True)
        up = bash(STACK / "services.sh", "up", env=env, check=True)
        assert "already answers" in up.stdout and "'make down' leaves it running" in up.stdout, up.stdout
        bash(STACK / "install-models.sh", env=env, check=True, timeout=300)
        assert {f"{ENV['DEFAULT_CHAT_MODEL']}:latest", f"{ENV['DEFAULT_BASE_MODEL']}:latest"} <= tags(url)
        status = bash(STACK / "services.sh", "status", env=env, check=True).stdout
        assert "not started by the course" in status and "a server the course found running" in status, status
        down = bash(STACK / "services.sh", "down", env=env, check=True).stdout
        assert "left running" in down, down
        assert server.poll() is None, "make down stopped an Ollama the course did not start"
        assert tags(url), "the learner's Ollama stopped answering after make down"
    finally:
        bash(STACK / "services.sh", "down", env=env)
        server.terminate()
        server.wait(timeout=30)


# ---------------------------------------------------------------------------------------------
# The dev container.

DEVCONTAINER = ROOT / ".devcontainer" / "devcontainer.json"
SCHEMA = ROOT / "tests" / "schemas" / "devContainer.base.schema.json"


def devcontainer() -> dict:
    return json.loads(DEVCONTAINER.read_text(encoding="utf-8"))


def schema_errors(document: dict) -> list[str]:
    validator = jsonschema.Draft201909Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return [error.message for error in validator.iter_errors(document)]


def test_devcontainer_json_matches_the_dev_container_schema():
    assert schema_errors(devcontainer()) == []
    # The validation can fail: a misspelt property and a wrong type are both rejected.
    assert schema_errors({**devcontainer(), "forwardPort": [8888]})
    assert schema_errors({**devcontainer(), "forwardPorts": "8888"})


def test_devcontainer_sets_up_with_the_repositorys_own_scripts():
    config = devcontainer()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    commands = [config[k] for k in ("onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand") if k in config]
    assert commands, "the dev container runs no set-up command"
    for command in commands:
        for part in command.split("&&"):
            words = part.split()
            if words[0] == "make":
                for target in words[1:]:
                    assert re.search(rf"^{re.escape(target)}:", makefile, re.MULTILINE), f"`{part}`: no make target {target}"
            else:
                assert words[:1] == ["bash"] and (ROOT / words[1]).is_file() and words[1].startswith("stack/"), (
                    f"`{part}` is not one of the repository's own set-up scripts"
                )
    assert re.fullmatch(r"[\w./-]+:\d+\.\d+\.\d+-\w+", config["image"]), f"the image {config['image']} is not an exact version"
    for feature, options in config.get("features", {}).items():
        assert re.search(r":\d+\.\d+\.\d+$", feature), f"the feature {feature} is not pinned to an exact version"
        assert re.fullmatch(r"\d+\.\d+\.\d+", str(options.get("version", ""))), f"{feature} installs an unpinned version"


def test_devcontainer_forwards_the_course_ports():
    ports = [int(ENV[f"DEFAULT_{name}_PORT"]) for name in ("JUPYTER", "CHAT", "OLLAMA", "CHROMA")]
    assert devcontainer()["forwardPorts"] == ports, f"forwardPorts must be course.env's ports {ports}"
    assert sorted(map(int, devcontainer()["portsAttributes"])) == sorted(ports), "portsAttributes label other ports"
