"""Content checks for the classroom stack.

No Docker engine runs where the course is built and tested, so nothing here starts a container.
Instead the tests read docker-compose.yml, docker-compose.cpu.yml, docker/jupyter/Dockerfile,
docker/chat/Dockerfile, .dockerignore and environment.yml and fail on the regressions that would only show up in a
classroom: a floating image tag, an image that drifted from the version the local stack builds,
a missing GPU reservation or health check, a port open to the whole network by default, a
notebook server that cannot find Ollama or Chroma, a CPU override that no longer removes the GPU.

When a `docker compose` CLI is available (no engine needed), the files are also validated by it.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from stack.course_env import ENV

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
COMPOSE_CPU = ROOT / "docker-compose.cpu.yml"
DOCKERFILE = ROOT / "docker" / "jupyter" / "Dockerfile"
CHAT_DOCKERFILE = ROOT / "docker" / "chat" / "Dockerfile"
CHAT_PORT = int(ENV["DEFAULT_CHAT_PORT"])
DOCKERIGNORE = ROOT / ".dockerignore"
ENVIRONMENT = ROOT / "environment.yml"
REQUIREMENTS = ROOT / "stack" / "requirements.txt"

# What each published service must expose, by container port: the local stack's defaults (stack/course.env).
EXPECTED_PORTS = {name: int(ENV[f"DEFAULT_{name.upper()}_PORT"]) for name in ("ollama", "chroma", "jupyter")}
NOTEBOOK_ENV = ("OLLAMA_BASE_URL", "CHROMA_URL", "COURSE_CHAT_MODEL", "COURSE_BASE_MODEL")
MODEL_ENV = ("COURSE_CHAT_MODEL", "COURSE_BASE_MODEL")
# An exact release: three numeric parts (anything may follow, e.g. `_8-jdk-jammy`), or a digest.
EXACT_TAG = re.compile(r"v?\d+\.\d+\.\d+\S*")


# ---------------------------------------------------------------------------------------------
# Loading compose files. Compose has merge tags (`!reset`, `!override`) that plain PyYAML rejects;
# they are kept as marker objects so the tests can see them, instead of weakening the files.


class Reset:
    """A value tagged `!reset`: compose drops the key inherited from earlier files."""

    def __init__(self, value):
        self.value = value


class Override:
    """A value tagged `!override`: compose replaces the inherited value instead of merging."""

    def __init__(self, value):
        self.value = value


class ComposeLoader(yaml.SafeLoader):
    pass


def _tagged(cls):
    def construct(loader, node):
        if isinstance(node, yaml.MappingNode):
            return cls(loader.construct_mapping(node, deep=True))
        if isinstance(node, yaml.SequenceNode):
            return cls(loader.construct_sequence(node, deep=True))
        return cls(loader.construct_scalar(node))

    return construct


ComposeLoader.add_constructor("!reset", _tagged(Reset))
ComposeLoader.add_constructor("!override", _tagged(Override))


def load_compose(path: Path) -> dict:
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=ComposeLoader)
    assert isinstance(data, dict) and isinstance(data.get("services"), dict), (
        f"{path.name} has no `services:` mapping"
    )
    return data


def merge(base, override):
    """Apply an override file the way compose does, as far as these tests need: mappings merge key
    by key, `!reset` removes the key, `!override` and any other value replace it."""
    if isinstance(override, Reset):
        return None
    if isinstance(override, Override):
        return override.value
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            result = merge(base.get(key), value)
            if result is None and isinstance(value, Reset):
                merged.pop(key, None)
            else:
                merged[key] = result
        return merged
    return override


# ---------------------------------------------------------------------------------------------
# Compose variable interpolation, resolved the way compose would with the given environment
# (by default an empty one: what a teacher gets without setting anything).

_VARIABLE = re.compile(
    r"\$\$"
    r"|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}"
    r"|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)"
)


def interpolate(value, env: dict | None = None):
    env = env or {}
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def replace(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group("name") or match.group("bare")
        op, arg = match.group("op"), match.group("arg") or ""
        is_set = name in env
        current = env.get(name, "")
        if op in (":-", "-"):
            use_default = (not is_set) or (op == ":-" and current == "")
            return arg if use_default else current
        if op in (":?", "?"):
            missing = (not is_set) or (op == ":?" and current == "")
            assert not missing, f"`{match.group(0)}` makes {name} required; the stack must start without it"
            return current
        if op in (":+", "+"):
            present = is_set and (op == "+" or current != "")
            return arg if present else ""
        return current

    return _VARIABLE.sub(replace, value)


def environment_of(service: dict) -> dict:
    """A service's `environment:` as a dict, from either the mapping or the list form."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        pairs = (item.split("=", 1) if "=" in item else (item, None) for item in env)
        env = {k: v for k, v in pairs}
    return env


def resolved_environment(service: dict, host_env: dict | None = None) -> dict:
    return {
        k: interpolate(v, host_env) if v is not None else None for k, v in environment_of(service).items()
    }


def command_text(value) -> str:
    """`test:`/`command:`/`entrypoint:` as one string, whichever form it is written in."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(part) for part in value)
    return str(value)


# ---------------------------------------------------------------------------------------------
# Published ports.


def published_bindings(service: dict, host_env: dict | None = None):
    """Yield (host_ip or None, container_port, spec) for each published port of a service."""
    for spec in service.get("ports") or []:
        if isinstance(spec, dict):  # long syntax
            ip = interpolate(spec.get("host_ip"), host_env) if spec.get("host_ip") else None
            yield ip, int(interpolate(str(spec["target"]), host_env)), spec
            continue
        text = interpolate(str(spec), host_env).split("/", 1)[0]  # drop /tcp, /udp
        if text.startswith("["):  # [ipv6]:host:container
            ip, _, rest = text[1:].partition("]")
            parts = [ip] + rest.lstrip(":").split(":")
        else:
            parts = text.split(":")
        if len(parts) == 3:
            ip, _host, container = parts
        elif len(parts) in (1, 2):
            ip, container = None, parts[-1]
        else:
            raise AssertionError(f"cannot parse port mapping {spec!r}")
        yield (ip or None), int(container.split("-", 1)[0]), spec


def is_loopback(ip: str | None) -> bool:
    if ip is None:
        return False
    if ip == "localhost":
        return True
    try:
        return ipaddress.ip_address(ip.strip("[]")).is_loopback
    except ValueError:
        return False


# ---------------------------------------------------------------------------------------------
# Images and pins.


def split_image(image: str):
    """(repository, tag or None, digest or None) of an image reference."""
    digest = None
    if "@" in image:
        image, digest = image.split("@", 1)
    last = image.rsplit("/", 1)[-1]
    if ":" in last:
        repo, tag = image.rsplit(":", 1)
    else:
        repo, tag = image, None
    return repo, tag, digest


def assert_exact_image(image: str, where: str):
    assert "$" not in image, f"{where}: image `{image}` is chosen by a variable; pin it in the file"
    repo, tag, digest = split_image(image)
    if digest:
        assert digest.startswith("sha256:"), f"{where}: image `{image}` has a malformed digest"
        return
    assert tag, f"{where}: image `{image}` has no tag, which means `latest`; pin an exact version"
    assert tag != "latest", f"{where}: image `{image}` uses `latest`; pin an exact version"
    assert EXACT_TAG.fullmatch(tag), (
        f"{where}: image `{image}` has tag `{tag}`, which is not an exact release "
        "(expected MAJOR.MINOR.PATCH, optionally followed by a variant, or a sha256 digest)"
    )


def all_images():
    for path in (COMPOSE, COMPOSE_CPU):
        for name, service in load_compose(path).get("services", {}).items():
            if isinstance(service, dict) and "image" in service:
                yield f"{path.name}: service `{name}`", service["image"]


def ollama_version() -> str:
    version = ENV.get("OLLAMA_VERSION")
    assert version, "stack/course.env has no line OLLAMA_VERSION=..."
    return version


def requirement_pins(lines) -> dict:
    """{normalised name: version} for every `name==version` line."""
    pins = {}
    for line in lines:
        line = str(line).split("#", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*(\S+)", line)
        if match:
            pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return pins


def requirements_pins() -> dict:
    return requirement_pins(REQUIREMENTS.read_text(encoding="utf-8").splitlines())


# ---------------------------------------------------------------------------------------------
# Fixtures.


@pytest.fixture(scope="module")
def compose() -> dict:
    return load_compose(COMPOSE)


@pytest.fixture(scope="module")
def cpu_override() -> dict:
    return load_compose(COMPOSE_CPU)


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def service(services: dict, name: str) -> dict:
    assert name in services, f"docker-compose.yml has no `{name}` service"
    return services[name]


# ---------------------------------------------------------------------------------------------
# Images.


def test_every_compose_image_is_pinned_to_an_exact_tag():
    images = list(all_images())
    assert images, "no service in the compose files names an image"
    for where, image in images:
        assert_exact_image(str(image), where)


def test_ollama_image_matches_the_local_stack_version(services):
    expected = ollama_version()
    ollama_images = [
        (name, s["image"])
        for name, s in services.items()
        if split_image(s.get("image", ""))[0].endswith("ollama/ollama")
    ]
    assert ollama_images, "no service runs the ollama/ollama image"
    assert "ollama" in dict(ollama_images), "the `ollama` service does not run the ollama/ollama image"
    for name, image in ollama_images:
        tag = split_image(image)[1]
        assert tag == expected, (
            f"service `{name}` runs {image} but stack/course.env pins Ollama {expected}: "
            "the class and the local stack would run different Ollama versions"
        )


def test_chroma_image_matches_the_python_client_pin(services):
    pins = requirements_pins()
    assert "chromadb" in pins, "stack/requirements.txt does not pin chromadb==..."
    image = service(services, "chroma").get("image", "")
    repo, tag, _ = split_image(image)
    assert repo.endswith("chroma"), f"the `chroma` service runs `{image}`, not a Chroma image"
    assert tag == pins["chromadb"], (
        f"the `chroma` service runs {image} but stack/requirements.txt pins chromadb=={pins['chromadb']}: "
        "server and client versions must match"
    )


# ---------------------------------------------------------------------------------------------
# GPU, health checks, volumes.


def gpu_devices(ollama: dict) -> list:
    deploy = ollama.get("deploy") or {}
    return ((deploy.get("resources") or {}).get("reservations") or {}).get("devices") or []


def test_ollama_reserves_an_nvidia_gpu(services):
    devices = gpu_devices(service(services, "ollama"))
    assert devices, "ollama has no deploy.resources.reservations.devices: it would run on the CPU in class"
    nvidia = [d for d in devices if isinstance(d, dict) and d.get("driver") == "nvidia"]
    assert nvidia, f"ollama reserves devices {devices} but none with `driver: nvidia`"
    for device in nvidia:
        assert "gpu" in (device.get("capabilities") or []), (
            f"the nvidia device {device} lacks `capabilities: [gpu]`"
        )
        assert (
            device.get("count") == "all" or device.get("device_ids") or isinstance(device.get("count"), int)
        ), f"the nvidia device {device} says neither `count` nor `device_ids`"


@pytest.mark.parametrize("name", ["ollama", "chroma"])
def test_service_has_a_healthcheck_that_the_image_can_run(services, name):
    check = service(services, name).get("healthcheck") or {}
    assert not check.get("disable"), f"{name}'s healthcheck is disabled"
    test = command_text(check.get("test"))
    assert test, f"{name} has no healthcheck: dependants would start before it can answer"
    # Neither image ships curl or wget; a check that calls them fails forever.
    for tool in ("curl", "wget"):
        assert not re.search(rf"\b{tool}\b", test), (
            f"{name}'s healthcheck calls {tool}, which its image does not have"
        )


def test_ollama_healthcheck_uses_the_cli(services):
    test = command_text(service(services, "ollama")["healthcheck"]["test"])
    assert re.search(r"\bollama\s+(list|ps)\b", test), (
        f"ollama's healthcheck `{test}` does not ask the server through the ollama CLI"
    )


def test_chroma_healthcheck_hits_the_v2_heartbeat(services):
    test = command_text(service(services, "chroma")["healthcheck"]["test"])
    assert "/api/v2/heartbeat" in test, (
        f"chroma's healthcheck `{test}` does not request /api/v2/heartbeat (Chroma 1.x serves only v2)"
    )


@pytest.mark.parametrize("name, target", [("ollama", "/root/.ollama"), ("chroma", "/data")])
def test_service_keeps_its_data_in_a_named_volume(compose, services, name, target):
    declared = compose.get("volumes") or {}
    mounts = {}
    for volume in service(services, name).get("volumes") or []:
        if isinstance(volume, dict):
            mounts[volume.get("target")] = volume.get("source")
        else:
            source, _, rest = str(volume).partition(":")
            mounts[rest.split(":", 1)[0]] = source
    assert target in mounts, f"{name} mounts nothing at {target}: its data would vanish with the container"
    source = mounts[target]
    assert source in declared, (
        f"{name} mounts `{source}` at {target}, which is not a named volume declared under "
        "top-level `volumes:`"
    )


def test_chroma_is_persistent(services):
    env = resolved_environment(service(services, "chroma"))
    assert str(env.get("IS_PERSISTENT", "")).upper() == "TRUE", "chroma does not set IS_PERSISTENT=TRUE"
    assert env.get("PERSIST_DIRECTORY") == "/data", (
        f"chroma's PERSIST_DIRECTORY is {env.get('PERSIST_DIRECTORY')!r}, not the /data volume"
    )


# ---------------------------------------------------------------------------------------------
# Network exposure.


@pytest.mark.parametrize("path", [COMPOSE, COMPOSE_CPU], ids=lambda p: p.name)
def test_every_published_port_binds_to_loopback_by_default(path):
    for name, svc in load_compose(path)["services"].items():
        for ip, _container, spec in published_bindings(svc or {}):
            assert is_loopback(ip), (
                f"{path.name}: service `{name}` publishes {spec!r}, which binds to "
                f"{ip or 'every interface'} when nothing is set; bind it to 127.0.0.1 by default"
            )


def test_the_expected_ports_are_published(services):
    for name, port in EXPECTED_PORTS.items():
        containers = [c for _, c, _ in published_bindings(service(services, name))]
        assert port in containers, f"service `{name}` does not publish its port {port}"


def test_teacher_can_open_every_port_with_bind_address(services):
    for name in EXPECTED_PORTS:
        opened = {"BIND_ADDRESS": "0.0.0.0"}
        for ip, _container, spec in published_bindings(service(services, name), opened):
            assert ip == "0.0.0.0", (
                f"service `{name}` publishes {spec!r}, which ignores BIND_ADDRESS: "
                "a teacher could not serve the class without editing the file"
            )


# ---------------------------------------------------------------------------------------------
# Model pull and the notebook server.


def test_ollama_init_pulls_both_models_once_ollama_is_healthy(services):
    init = service(services, "ollama-init")
    ollama = service(services, "ollama")
    assert init.get("image") == ollama.get("image"), (
        f"ollama-init runs {init.get('image')} but ollama runs {ollama.get('image')}: use the same image"
    )
    depends = init.get("depends_on") or {}
    assert (
        isinstance(depends, dict) and (depends.get("ollama") or {}).get("condition") == "service_healthy"
    ), (
        "ollama-init must wait for `ollama` with `condition: service_healthy`, "
        "or its pulls race the server start"
    )
    env = resolved_environment(init)
    host = env.get("OLLAMA_HOST") or ""
    assert urlparse(host if "://" in host else f"http://{host}").hostname == "ollama", (
        f"ollama-init's OLLAMA_HOST is {host!r}; it must point at the `ollama` service"
    )
    # Compose resolves ${...} first (`$$` becomes `$`), then the container's shell expands what is left
    # from the service's environment; either way the pull must end up naming the configured model.
    script = interpolate(command_text(init.get("entrypoint")) + " " + command_text(init.get("command")))
    script = re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda m: str(env.get(m.group(1)) or ""), script)
    pulled = re.findall(r"ollama\s+pull\s+[\"']?([^\s\"';&|]+)", script)
    for variable in MODEL_ENV:
        assert env.get(variable), f"ollama-init has no default for {variable}"
        assert env[variable] in pulled, (
            f"ollama-init's command pulls {pulled}, not {variable} ({env[variable]!r})"
        )
    assert init.get("restart") == "no", (
        f'ollama-init has restart {init.get("restart")!r}; a one-shot job needs the string "no" '
        "(an unquoted no is read as false)"
    )


def test_jupyter_gets_the_service_urls_and_models(services):
    env = resolved_environment(service(services, "jupyter"))
    for variable in NOTEBOOK_ENV:
        assert env.get(variable), f"jupyter does not set {variable}; the notebooks read it"
    for variable, target in (("OLLAMA_BASE_URL", "ollama"), ("CHROMA_URL", "chroma")):
        url = urlparse(env[variable])
        assert url.hostname == target, (
            f"jupyter's {variable} is {env[variable]!r}; inside the stack it must name the `{target}` service"
        )
        assert url.port == EXPECTED_PORTS[target], (
            f"jupyter's {variable} uses port {url.port}, but `{target}` listens on {EXPECTED_PORTS[target]}"
        )


def test_jupyter_waits_for_chroma_and_the_models(services):
    depends = service(services, "jupyter").get("depends_on") or {}
    assert isinstance(depends, dict), "jupyter's depends_on must use the long form with conditions"
    assert (depends.get("chroma") or {}).get("condition") == "service_healthy", (
        "jupyter must wait for chroma with `condition: service_healthy`"
    )
    assert (depends.get("ollama-init") or {}).get("condition") == "service_completed_successfully", (
        "jupyter must wait for ollama-init with `condition: service_completed_successfully`, "
        "or the first notebook asks for a model that is still downloading"
    )


def test_jupyter_is_built_from_the_repo_and_keeps_student_work(services):
    jupyter = service(services, "jupyter")
    build = jupyter.get("build") or {}
    assert isinstance(build, dict), "jupyter's build must name the context and the Dockerfile"
    assert build.get("context") in (".", "./"), (
        f"jupyter's build context is {build.get('context')!r}, not the repo root"
    )
    dockerfile = (ROOT / build.get("context", ".") / build.get("dockerfile", "Dockerfile")).resolve()
    assert dockerfile == DOCKERFILE.resolve(), (
        f"jupyter builds from {dockerfile}, not docker/jupyter/Dockerfile"
    )
    mounts = {}
    for volume in jupyter.get("volumes") or []:
        if isinstance(volume, dict):
            mounts[volume.get("source")] = volume.get("target")
        else:
            source, _, rest = str(volume).partition(":")
            mounts[source.rstrip("/")] = rest.split(":", 1)[0]
    for folder in ("notebooks", "data"):
        assert mounts.get(f"./{folder}") == f"/course/{folder}", (
            f"jupyter does not mount ./{folder} at /course/{folder}: "
            "students' edits would be lost with the container"
        )


@pytest.mark.parametrize("overrides", [[], [COMPOSE_CPU]], ids=["gpu", "cpu"])
def test_the_pulled_models_are_the_ones_jupyter_asks_for(compose, overrides):
    merged = compose
    for path in overrides:
        merged = merge(merged, load_compose(path))
    init = resolved_environment(merged["services"]["ollama-init"])
    jupyter = resolved_environment(merged["services"]["jupyter"])
    for variable in MODEL_ENV:
        assert init.get(variable) and init.get(variable) == jupyter.get(variable), (
            f"{variable}: ollama-init pulls {init.get(variable)!r} "
            f"but jupyter asks for {jupyter.get(variable)!r}"
        )
        # A teacher's choice from the shell must reach both services.
        chosen = {variable: "teacher-choice:1b"}
        assert (
            resolved_environment(merged["services"]["ollama-init"], chosen)[variable] == "teacher-choice:1b"
        ), f"ollama-init ignores {variable} from the environment"
        assert resolved_environment(merged["services"]["jupyter"], chosen)[variable] == "teacher-choice:1b", (
            f"jupyter ignores {variable} from the environment"
        )
    assert init["COURSE_CHAT_MODEL"] != init["COURSE_BASE_MODEL"], (
        "the chat and base models are the same: the base-versus-instruct lessons need two models"
    )


# ---------------------------------------------------------------------------------------------
# CPU override.


def test_cpu_override_removes_the_gpu_reservation(compose, cpu_override):
    ollama = (cpu_override.get("services") or {}).get("ollama") or {}
    # Walk deploy -> resources -> reservations -> devices; a `!reset` at any of those levels drops the GPU.
    node, reset = ollama, False
    for key in ("deploy", "resources", "reservations", "devices"):
        node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, Reset):
            reset = True
            break
    assert reset, (
        "docker-compose.cpu.yml does not `!reset` ollama's deploy (or its resources/reservations/devices): "
        "a plain override merges and keeps the nvidia request"
    )
    merged = merge(compose, cpu_override)
    assert "nvidia" not in json.dumps(merged["services"]["ollama"], default=str), (
        "after applying docker-compose.cpu.yml, ollama still requests an nvidia device"
    )
    assert gpu_devices(compose["services"]["ollama"]), (
        "the base file lost its GPU reservation while checking the override"
    )


# ---------------------------------------------------------------------------------------------
# The Jupyter image.


def dockerfile_instructions(path: Path = DOCKERFILE) -> list[tuple[str, str]]:
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    logical, current = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or (not stripped and not current):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        if current.strip():
            keyword, _, rest = current.strip().partition(" ")
            logical.append((keyword.upper(), rest.strip()))
        current = ""
    return logical


def test_dockerfile_base_image_is_pinned():
    froms = [rest for keyword, rest in dockerfile_instructions() if keyword == "FROM"]
    assert froms, "docker/jupyter/Dockerfile has no FROM"
    for rest in froms:
        image = [word for word in rest.split() if not word.startswith("--")][0]
        assert_exact_image(image, "docker/jupyter/Dockerfile FROM")
        assert "temurin" in image and ":17" in image, (
            f"the Jupyter image starts FROM {image}, not a Temurin 17 JDK"
        )


def test_dockerfile_builds_with_the_makefile_targets():
    runs = [" ".join(rest.split()) for keyword, rest in dockerfile_instructions() if keyword == "RUN"]
    assert any(re.search(r"\bmake\s+venv\s+lib\b", run) for run in runs), (
        "docker/jupyter/Dockerfile does not RUN `make venv lib`: "
        "the image would drift from the documented set-up"
    )
    copies = [rest for keyword, rest in dockerfile_instructions() if keyword == "COPY"]
    assert any(rest.split()[-1].rstrip("/") == "/course" for rest in copies), (
        "the Dockerfile does not COPY the repo to /course"
    )


def test_dockerfile_serves_jupyter_lab_with_a_token():
    instructions = dockerfile_instructions()
    exposed = " ".join(rest for keyword, rest in instructions if keyword == "EXPOSE").split()
    jupyter = EXPECTED_PORTS["jupyter"]
    assert f"{jupyter}" in exposed or f"{jupyter}/tcp" in exposed, f"the Dockerfile does not EXPOSE {jupyter}"
    cmds = [rest for keyword, rest in instructions if keyword == "CMD"]
    assert cmds, "the Dockerfile has no CMD"
    cmd = cmds[-1]
    try:
        argv = json.loads(cmd)
    except json.JSONDecodeError:
        argv = cmd.split()
    text = " ".join(argv)
    assert argv[0].endswith("jupyter") and "lab" in argv, f"CMD {text!r} does not start jupyter lab"
    for needed in ("--no-browser", "--ServerApp.root_dir=/course/notebooks"):
        assert needed in text, f"CMD {text!r} lacks {needed}"
    assert re.search(r"--ip[ =]0\.0\.0\.0", text), (
        f"CMD {text!r} does not listen on 0.0.0.0 inside the container"
    )
    assert re.search(rf"--port[ =]{jupyter}\b", text), f"CMD {text!r} does not use port {jupyter}"
    assert not re.search(r"token=(''|\"\"|\s|$)", text), (
        f"CMD {text!r} sets an empty token, which turns authentication off"
    )


def test_dockerignore_keeps_host_artefacts_out_of_the_image():
    assert DOCKERIGNORE.is_file(), (
        ".dockerignore is missing: the host's .venv and .git would be sent to the build"
    )
    entries = {
        line.strip().strip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for needed in (".venv", "lib/target", "apps/chat/target", "build", ".git"):
        assert needed in entries, f".dockerignore does not exclude {needed}"


# ---------------------------------------------------------------------------------------------
# The chat app (lesson 09): its service and its image.


def test_chat_is_built_from_its_dockerfile_and_reads_the_menus_from_the_checkout(services):
    chat = service(services, "chat")
    build = chat.get("build") or {}
    assert isinstance(build, dict) and build.get("context") in (".", "./"), (
        f"chat's build context is {build!r}, not the repo root (the image needs lib/ and apps/chat/)"
    )
    dockerfile = (ROOT / build.get("context", ".") / build.get("dockerfile", "Dockerfile")).resolve()
    assert dockerfile == CHAT_DOCKERFILE.resolve(), f"chat builds from {dockerfile}, not docker/chat/Dockerfile"
    mounts = {}
    for volume in chat.get("volumes") or []:
        source, _, rest = str(volume).partition(":")
        mounts[source.rstrip("/")] = rest.split(":", 1)[0]
    assert mounts.get("./data/menus") == "/course/data/menus", (
        "chat does not mount ./data/menus at /course/data/menus: edited menus would need a rebuild"
    )


def test_chat_gets_the_service_urls_and_the_pulled_chat_model(compose, services):
    env = resolved_environment(service(services, "chat"))
    for variable, target in (("OLLAMA_BASE_URL", "ollama"), ("CHROMA_URL", "chroma")):
        url = urlparse(env.get(variable) or "")
        assert url.hostname == target and url.port == EXPECTED_PORTS[target], (
            f"chat's {variable} is {env.get(variable)!r}; it must name the `{target}` service on {EXPECTED_PORTS[target]}"
        )
    for merged in (compose, merge(compose, load_compose(COMPOSE_CPU))):
        pulled = resolved_environment(merged["services"]["ollama-init"])["COURSE_CHAT_MODEL"]
        asked = resolved_environment(merged["services"]["chat"]).get("COURSE_CHAT_MODEL")
        assert asked == pulled, f"chat asks for {asked!r} but ollama-init pulls {pulled!r}"
        chosen = {"COURSE_CHAT_MODEL": "teacher-choice:1b"}
        assert resolved_environment(merged["services"]["chat"], chosen)["COURSE_CHAT_MODEL"] == "teacher-choice:1b", (
            "chat ignores COURSE_CHAT_MODEL from the environment"
        )


def test_chat_waits_for_chroma_ollama_and_the_model_pull(services):
    depends = service(services, "chat").get("depends_on") or {}
    assert isinstance(depends, dict), "chat's depends_on must use the long form with conditions"
    expected = {"chroma": "service_healthy", "ollama": "service_healthy", "ollama-init": "service_completed_successfully"}
    for name, condition in expected.items():
        assert (depends.get(name) or {}).get("condition") == condition, (
            f"chat must wait for {name} with `condition: {condition}`"
        )


def test_chat_publishes_its_port_on_loopback_unless_the_teacher_opts_in(services):
    chat = service(services, "chat")
    bindings = list(published_bindings(chat))
    assert [container for _, container, _ in bindings] == [CHAT_PORT], f"chat publishes {bindings}, not {CHAT_PORT}"
    for ip, _, spec in bindings:
        assert is_loopback(ip), f"chat publishes {spec!r} beyond 127.0.0.1 by default"
    for ip, _, spec in published_bindings(chat, {"BIND_ADDRESS": "0.0.0.0"}):
        assert ip == "0.0.0.0", f"chat publishes {spec!r}, which ignores BIND_ADDRESS"


def test_chat_healthcheck_asks_the_app_without_curl(services):
    test = command_text((service(services, "chat").get("healthcheck") or {}).get("test"))
    assert "/api/health" in test and f"/dev/tcp/127.0.0.1/{CHAT_PORT}" in test, (
        f"chat's healthcheck `{test}` does not request /api/health on port {CHAT_PORT}"
    )
    for tool in ("curl", "wget"):
        assert not re.search(rf"\b{tool}\b", test), f"chat's healthcheck calls {tool}, which the Temurin image lacks"


def test_chat_dockerfile_copies_what_the_reactor_build_reads():
    # Maven loads every module the root pom.xml lists (the parent and the reactor), even with -pl; lib/pom.xml puts
    # stack/course.env into lib's jar, where CourseConfig reads the course's defaults.
    copied = [rest.split()[0] for keyword, rest in dockerfile_instructions(CHAT_DOCKERFILE)
              if keyword == "COPY" and not rest.startswith("--from")]
    modules = re.findall(r"<module>([^<]+)</module>", (ROOT / "pom.xml").read_text(encoding="utf-8"))
    needed = ["pom.xml", *(f"{module}/pom.xml" for module in modules), "stack/course.env"]
    missing = [name for name in needed if name not in copied]
    assert not missing, f"docker/chat/Dockerfile's build stage does not COPY {missing}, which 'mvn -pl apps/chat -am' reads"


def test_chat_dockerfile_builds_lib_and_the_app_and_listens_inside_the_container():
    instructions = dockerfile_instructions(CHAT_DOCKERFILE)
    froms = [rest for keyword, rest in instructions if keyword == "FROM"]
    assert froms, "docker/chat/Dockerfile has no FROM"
    for rest in froms:
        image = [word for word in rest.split() if not word.startswith("--")][0]
        assert_exact_image(image, "docker/chat/Dockerfile FROM")
        assert "temurin" in image and ":17" in image, f"the chat image starts FROM {image}, not a Temurin 17 JDK"
    runs = [" ".join(rest.split()) for keyword, rest in instructions if keyword == "RUN"]
    assert any(re.search(r"\bmvn\b.*-pl apps/chat -am package", run) for run in runs), (
        "docker/chat/Dockerfile does not build lib and the app in one reactor (mvn -pl apps/chat -am package)"
    )
    jjava = [m for run in runs for m in re.findall(r"jjava==(\S+)", run)]
    assert jjava == [requirements_pins()["jjava"]], (
        f"docker/chat/Dockerfile installs jjava {jjava}, stack/requirements.txt pins {requirements_pins()['jjava']}"
    )
    env = " ".join(rest for keyword, rest in instructions if keyword == "ENV")
    assert re.search(r"CHAT_HOST=0\.0\.0\.0", env), "the chat image does not set CHAT_HOST=0.0.0.0: the published port would reach nothing"
    assert re.search(rf"CHAT_PORT={CHAT_PORT}\b", env), f"the chat image does not listen on {CHAT_PORT}"
    exposed = " ".join(rest for keyword, rest in instructions if keyword == "EXPOSE").split()
    assert str(CHAT_PORT) in exposed, f"docker/chat/Dockerfile does not EXPOSE {CHAT_PORT}"
    argv = json.loads([rest for keyword, rest in instructions if keyword == "CMD"][-1])
    assert argv[0] == "java" and argv[-1] == "genai.chat.ChatApp", f"the chat image runs {argv}, not genai.chat.ChatApp"
    classpath = argv[argv.index("-cp") + 1]
    assert "apps/chat/target/genai-chat-app.jar" in classpath and "apps/chat/target/classpath/*" in classpath, classpath


# ---------------------------------------------------------------------------------------------
# The learner's conda environment.


def conda_environment() -> dict:
    assert ENVIRONMENT.is_file(), "environment.yml is missing"
    return yaml.safe_load(ENVIRONMENT.read_text(encoding="utf-8"))


def test_environment_yml_pins_the_course_python_packages():
    env = conda_environment()
    assert env.get("name") == "genai-java-course", f"environment.yml is named {env.get('name')!r}"
    assert "conda-forge" in (env.get("channels") or []), "environment.yml does not use conda-forge"
    deps = env.get("dependencies") or []
    pip_sections = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
    assert pip_sections, "environment.yml has no pip section"
    pins = requirement_pins(pip_sections[0])
    assert pins.get("jjava") == "1.0a8", (
        f"environment.yml pins jjava=={pins.get('jjava')}, the course needs 1.0a8"
    )
    course = requirements_pins()
    for name, version in course.items():
        assert pins.get(name) == version, (
            f"stack/requirements.txt pins {name}=={version} but environment.yml has "
            f"{name + '==' + pins[name] if name in pins else 'no pin'}: "
            "a learner's notebook would differ from CI's"
        )
    conda_names = {str(d).split("=", 1)[0].split(" ", 1)[0] for d in deps if isinstance(d, str)}
    for needed in ("python", "openjdk", "maven", "make"):
        assert needed in conda_names, f"environment.yml does not install {needed}"
    java = next(str(d) for d in deps if isinstance(d, str) and d.startswith("openjdk"))
    assert re.fullmatch(r"openjdk\s*=\s*17(\.[\d*]+)*", java), (
        f"environment.yml asks for {java}, not a Java 17 JDK"
    )


# ---------------------------------------------------------------------------------------------
# Optional: let compose itself validate the files when its CLI is installed (no engine needed).


def compose_cli() -> list[str] | None:
    for candidate in (["docker", "compose"], ["docker-compose"]):
        if not shutil.which(candidate[0]):
            continue
        try:
            probe = subprocess.run(candidate + ["version"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0 and "v1." not in probe.stdout:  # v1 knows no `!reset`
            return candidate
    return None


@pytest.mark.parametrize("files", [[COMPOSE], [COMPOSE, COMPOSE_CPU]], ids=["gpu", "cpu"])
def test_compose_accepts_the_files(files):
    cli = compose_cli()
    if cli is None:
        pytest.skip("no docker compose v2 CLI here; the content checks above still ran")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COURSE_", "BIND_ADDRESS", "COMPOSE_"))}
    args = [arg for path in files for arg in ("-f", str(path))]
    result = subprocess.run(
        cli + args + ["config", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, (
        f"`docker compose {' '.join(args)} config` rejects the files:\n{result.stderr}"
    )
    rendered = json.loads(result.stdout)["services"]
    ollama = json.dumps(rendered["ollama"])
    if COMPOSE_CPU in files:
        assert "nvidia" not in ollama, "compose still renders an nvidia reservation with the CPU override"
    else:
        assert "nvidia" in ollama, "compose renders no nvidia reservation for ollama"
    for name in EXPECTED_PORTS:
        for binding in rendered[name].get("ports", []):
            assert binding.get("host_ip") == "127.0.0.1", f"compose renders {name}'s port as {binding}"


# ---------------------------------------------------------------------------------------------
# What the lessons need from the notebook container: the course's own model file (lessons 10 and 11 read
# its weights whatever COURSE_CHAT_MODEL is), every module a notebook loads, and every service.

GGUF_JAVA = ROOT / "lib" / "src" / "main" / "java" / "genai" / "gguf" / "GgufFile.java"
INSTALL_MODELS = ROOT / "stack" / "install-models.sh"
MAKEFILE = ROOT / "Makefile"


def mounts_of(service_def: dict) -> dict:
    """A service's volumes as {target: source}, from the short (`src:dst[:ro]`) or the long form."""
    found = {}
    for volume in service_def.get("volumes") or []:
        if isinstance(volume, dict):
            found[volume.get("target")] = volume.get("source")
        else:
            source, _, rest = str(volume).partition(":")
            found[rest.split(":", 1)[0]] = source
    return found


def course_model_file() -> str:
    """The file name lib's GgufFile.ofCourseModel() looks for, checked against what install-models.sh writes."""
    name = re.search(r'COURSE_MODEL_FILE = "([^"]+)"', GGUF_JAVA.read_text(encoding="utf-8")).group(1)
    written = re.search(r'^smollm2="\$GGUF_DIR/([^"]+)"', INSTALL_MODELS.read_text(encoding="utf-8"), re.M).group(1)
    assert name == written, f"GgufFile.COURSE_MODEL_FILE is {name} but stack/install-models.sh writes {written}"
    return name


def test_the_notebook_container_reads_the_course_model_file_that_ollama_serves(compose, services):
    models = service(services, "course-models")
    jupyter = service(services, "jupyter")
    init = service(services, "ollama-init")
    build = models.get("build") or {}
    assert (ROOT / build.get("context", ".") / build.get("dockerfile", "Dockerfile")).resolve() == DOCKERFILE.resolve(), (
        "course-models must run the jupyter image, which holds the checked GGUF (install-models.sh prepare)"
    )
    argv = models.get("command")
    argv = argv if isinstance(argv, list) else str(argv).split()
    assert argv[:4] == ["bash", "stack/install-models.sh", "files", argv[3]], f"course-models runs {argv}, not install-models.sh files DIR"
    folder = argv[3]
    volume = mounts_of(models).get(folder)
    assert volume in (compose.get("volumes") or {}), f"course-models writes {folder}, which is not a named volume"
    assert models.get("restart") == "no", "course-models is a one-shot job: restart \"no\""

    gguf_dir = resolved_environment(jupyter).get("COURSE_GGUF_DIR")
    assert gguf_dir, "jupyter does not set COURSE_GGUF_DIR: lesson 10 would look for Ollama's blob, which is in another container"
    assert mounts_of(jupyter).get(gguf_dir) == volume, (
        f"jupyter's COURSE_GGUF_DIR is {gguf_dir} but the {volume} volume is mounted at "
        f"{[t for t, s in mounts_of(jupyter).items() if s == volume]}"
    )
    assert folder == gguf_dir, f"course-models writes {folder}, jupyter reads {gguf_dir}"
    assert course_model_file(), "stack/install-models.sh names no GGUF file for the course's chat model"

    # ollama-init registers the same file under the course's name, from the Modelfile whose FROM names the
    # copy at the same path in its own container, and only once course-models has finished.
    assert (init.get("depends_on") or {}).get("course-models", {}).get("condition") == "service_completed_successfully", (
        "ollama-init must wait for course-models with `condition: service_completed_successfully`"
    )
    assert mounts_of(init).get(folder) == volume, f"ollama-init does not mount the {volume} volume at {folder}"
    created = re.findall(r"ollama\s+create\s+(\S+)\s+-f\s+(\S+)", command_text(init.get("command")))
    model = ENV["DEFAULT_CHAT_MODEL"]
    assert (model, f"{folder}/{model}.Modelfile") in created, (
        f"ollama-init creates {created}, not {model} from {folder}/{model}.Modelfile (what install-models.sh files writes)"
    )
    script = INSTALL_MODELS.read_text(encoding="utf-8")
    assert '"$dir/smollm2-135m-instruct.Modelfile"' in script and 'echo "FROM $copy"' in script, (
        "install-models.sh files no longer writes the Modelfile ollama-init reads, FROM the copied file"
    )


def test_the_image_holds_the_course_model_file():
    runs = [" ".join(rest.split()) for keyword, rest in dockerfile_instructions() if keyword == "RUN"]
    assert any("stack/install-models.sh prepare" in run for run in runs), (
        "docker/jupyter/Dockerfile does not RUN install-models.sh prepare: course-models would download the model at `up`"
    )


def notebook_jars() -> set[str]:
    """Every jar a notebook (drafts included) puts on its classpath, as a path from the repository root."""
    found = set()
    for path in sorted((ROOT / "notebooks").glob("**/[0-9][0-9]-*.ipynb")) + [ROOT / "notebooks" / "setup.jsh"]:
        found.update(re.findall(r"\.\./([\w.-]+/(?:[\w.-]+/)*target/[\w.-]+\.jar)", path.read_text(encoding="utf-8")))
    return found


def test_the_image_builds_every_module_a_notebook_loads():
    makefile = MAKEFILE.read_text(encoding="utf-8")
    runs = " ".join(" ".join(rest.split()) for keyword, rest in dockerfile_instructions() if keyword == "RUN")
    targets = re.search(r"\bmake\s+(venv(?:\s+[\w-]+)*)", runs)
    built = set(targets.group(1).split()) if targets else set()
    ignored = {line.strip().strip("/") for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()}
    jars = notebook_jars()
    assert {"lib/target/genai-course-lib.jar", "lib-graph/target/genai-course-graph.jar", "apps/chat/target/genai-chat-app.jar"} <= jars
    for jar in sorted(jars):
        variable = re.search(rf"^(\w+_JAR) := {re.escape(jar)}$", makefile, re.M)
        assert variable, f"a notebook loads {jar}, which no Makefile variable builds"
        target = re.search(rf"^([\w-]+):[^=\n]*\$\({variable.group(1)}\)", makefile, re.M)
        assert target and target.group(1) in built, (
            f"a notebook loads {jar} (make {target.group(1) if target else '?'}), which docker/jupyter/Dockerfile does not build"
        )
        folder = jar.split("/target/")[0] + "/target"
        assert folder in ignored, f".dockerignore does not exclude {folder}: a host build would shadow the image's"


def test_the_notebook_container_shares_a_network_with_every_service_a_lesson_uses(services):
    jupyter = service(services, "jupyter")
    assert "network_mode" not in jupyter, "jupyter has its own network_mode: the service names would not resolve"

    def networks(name):
        declared = service(services, name).get("networks")
        return set(declared or ["default"])

    env = resolved_environment(jupyter)
    for variable in ("OLLAMA_BASE_URL", "CHROMA_URL"):
        target = urlparse(env[variable]).hostname
        assert target in services, f"jupyter's {variable} names {target}, which is no service of the stack"
        assert networks(target) & networks("jupyter"), f"jupyter and {target} share no network"
