# The course's JupyterLab settings, read by 'make lab' (stack/lab.sh) and the classroom image
# (docker/jupyter/Dockerfile) through --config. Only what the course needs differently from JupyterLab's
# defaults; a learner's own settings (~/.jupyter) still apply on top of nothing here.
# ruff: noqa: F821  (`c` is the config object Jupyter defines before it runs this file)

import os

# No "Would you like to get notified about official Jupyter news?" pop-up over every lesson, and no
# request to jupyter.org for news or for a newer JupyterLab: the course runs offline after set-up.
# The pop-up appears while the setting fetchNews is "none" (undecided); stack/jupyter-settings/
# overrides.json sets it to "false". JupyterLab reads overrides.json from its application settings
# folder, which for the course is that one (the venv's own, share/jupyter/lab/settings, is empty).
c.LabApp.app_settings_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jupyter-settings")
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"

# Fail when the port is taken instead of moving to the next free one, so the URL 'make lab' prints is
# the one that answers (JUPYTER_PORT=8889 make lab picks another).
c.ServerApp.port_retries = 0
