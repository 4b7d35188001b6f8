"""What several test modules share: where things are, how to build the site, the browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader

from kennisplein.paths import ROOT

MINI_DATA = ROOT / "tests" / "fixtures" / "mini" / "data"
BROKEN = ROOT / "tests" / "broken"


def _default_site_url() -> str:
    """mkdocs.yml's site_url when KENNISPLEIN_SITE_URL is not set: what the test builds use."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    return config["site_url"]


SITE_URL = _default_site_url()

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# Script files come after a page has loaded (overrides/assets/javascripts/na-laden.js); Playwright's
# goto waits for `load` only. A page says when its scripts have run (<html data-kp-geladen>);
# a page without JavaScript (no class "js") or without script files has nothing to wait for.
SCRIPTS_RUN = """() => {
  const root = document.documentElement;
  return !root.classList.contains("js") || root.hasAttribute("data-kp-geladen")
    || !document.querySelector('script[type="kennisplein/na-laden"], script[src]');
}"""


def wait_for_scripts(page) -> None:
    page.wait_for_function(SCRIPTS_RUN)


def waiting_for_scripts(navigate):
    """A Page navigation method (goto, reload, wait_for_url, …) that returns once the page's
    scripts have run."""
    def navigate_and_wait(page, *args, **options):
        response = navigate(page, *args, **options)
        if options.get("wait_until") != "commit":
            wait_for_scripts(page)
        return response
    return navigate_and_wait


def after_scripts(method):
    """A Page method (evaluate) that first waits for the page's scripts: after a click on a
    link, the next page's scripts come after its `load`."""
    def wait_and_call(page, *args, **options):
        wait_for_scripts(page)
        return method(page, *args, **options)
    return wait_and_call


def mkdocs_build(destination: Path, data_dir: Path | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real strict build, as `make build` does, into `destination`. Tests ask for it
    through the `mkdocs` fixture, which marks them as tests that build (conftest.py)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    env.pop("KENNISPLEIN_SITE_URL", None)
    if data_dir is not None:
        env["KENNISPLEIN_DATA"] = str(data_dir)
    elif "KENNISPLEIN_ADRESSEN" not in env:
        # A build of the real data checks against the committed list of published URLs, but
        # writes any new ones to a copy: tests never change files in the repository. The copy
        # sits beside the destination, so it goes when pytest clears its temporary folders.
        parent = Path(destination).resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        copy = Path(tempfile.mkdtemp(prefix="adressen-", dir=parent)) / "gepubliceerde-adressen.txt"
        shutil.copyfile(ROOT / "gepubliceerde-adressen.txt", copy)
        env["KENNISPLEIN_ADRESSEN"] = str(copy)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(destination)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


def copy_data(source: Path, target: Path, *overlays: Path) -> Path:
    """A copy of a data folder with the files of each overlay folder laid over it."""
    shutil.copytree(source, target)
    for overlay in overlays:
        shutil.copytree(overlay, target, dirs_exist_ok=True)
    return target
