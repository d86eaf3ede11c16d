"""`make lab` as a learner meets it: the address it prints opens the first lesson (the token is in it), and
JupyterLab does not cover the lesson with its "Would you like to get notified about official Jupyter news?" pop-up.

stack/lab.sh is what `make lab` runs after setting up; here it runs on a free port with its own scratch workspace
folder (JupyterLab remembers open tabs per user; a test must not leave any), and is stopped at the end.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from stack_env import ROOT, free_port

URL_LINE = re.compile(r"JupyterLab on (http://\S+\?token=([0-9a-f]+))")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not (ROOT / ".venv" / "bin" / "jupyter").exists():
        pytest.fail("JupyterLab is not installed: run 'make venv'", pytrace=False)
    tmp = tmp_path_factory.mktemp("lab")
    port = free_port()
    env = dict(os.environ, JUPYTER_PORT=str(port), JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"))
    env.pop("JUPYTER_TOKEN", None)  # lab.sh makes one up
    log_path = tmp / "lab.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(["bash", "stack/lab.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        url = None
        while time.monotonic() < deadline:
            text = log_path.read_text(encoding="utf-8", errors="replace")
            match = URL_LINE.search(text)
            if match and url is None:
                url = match.group(1)
            if url:
                try:
                    urllib.request.urlopen(url.split("/lab/")[0] + "/api/status?token=" + match.group(2), timeout=2)
                    break
                except OSError:
                    pass
            assert process.poll() is None, f"stack/lab.sh stopped:\n{text}"
            time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not answer within 90 s:\n{log_path.read_text(encoding='utf-8')}", pytrace=False)
        yield {"url": url, "token": match.group(2), "port": port, "log": log_path}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_the_printed_address_opens_the_first_lesson(lab):
    assert f"127.0.0.1:{lab['port']}/lab/tree/notebooks/00-setup-check.ipynb?token=" in lab["url"], lab["url"]
    with urllib.request.urlopen(lab["url"], timeout=30) as response:
        assert response.status == 200
        assert "JupyterLab" in response.read().decode("utf-8", errors="replace")
    # Without the token the same address asks for a log-in: the token is what makes the printed line work.
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(lab["url"].split("?")[0], timeout=30)
    assert refused.value.code == 302 and "/login" in refused.value.headers.get("Location", "")


def test_the_news_pop_up_is_off(lab):
    base = lab["url"].split("/lab/")[0]
    setting = "@jupyterlab/apputils-extension:notification"
    with urllib.request.urlopen(f"{base}/lab/api/settings/{setting}?token={lab['token']}", timeout=30) as response:
        answer = json.load(response)
    # JupyterLab asks "Would you like to get notified about official Jupyter news?" while fetchNews is "none".
    # The server applies overrides.json to the schema's defaults; a learner's own choice would be in "settings".
    default = answer["schema"]["properties"]["fetchNews"]["default"]
    assert default == "false" and "fetchNews" not in answer.get("settings", {}), (default, answer.get("settings"))
    with urllib.request.urlopen(lab["url"], timeout=30) as response:
        page = response.read().decode("utf-8", errors="replace")
    assert '"news": {"disabled": true}' in page, "JupyterLab would fetch news from jupyter.org"


def test_a_taken_port_is_an_error_not_another_port(lab):
    """The printed address must be the one that answers: Jupyter may not move to the next free port."""
    env = dict(os.environ, JUPYTER_PORT=str(lab["port"]), JUPYTERLAB_WORKSPACES_DIR=str(lab["log"].parent / "w2"))
    result = subprocess.run(["bash", "stack/lab.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "is already in use" in result.stdout + result.stderr, result.stdout[-2000:] + result.stderr[-2000:]
