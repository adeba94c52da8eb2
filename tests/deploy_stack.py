"""The deployment example of deploy/, started on loopback from its own files: nginx with
deploy/nginx-werkstijl.conf, the app and outbox commands of deploy/systemd/*.service, the settings
of deploy/werkstijl.env.example (with a test database and SMTP server put in)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from smtp_server import free_port

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
VENV_PYTHON = "/opt/werkstijl/.venv/bin/python"
START_TIMEOUT_S = 90


def require_nginx() -> str:
    """nginx's path; skips without it on a developer machine, fails in CI (env CI set)."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if found:
        return found
    reason = "nginx is missing (apt-get install nginx)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the deployment test, but {reason}")
    pytest.skip(reason)


def unit_command(unit: str, instance: str) -> list[str]:
    """The ExecStart of deploy/systemd/<unit>, for this instance, with this Python."""
    text = (DEPLOY / "systemd" / unit).read_text()
    line = re.search(r"^ExecStart=(.+)$", text, re.M)[1].replace("%i", instance)
    return [sys.executable if arg == VENV_PYTHON else arg for arg in shlex.split(line)]


def env_example() -> dict[str, str]:
    pairs = (
        line.split("=", 1)
        for line in (DEPLOY / "werkstijl.env.example").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
    return {key.strip(): value.strip() for key, value in pairs}


def nginx_config(folder: Path, listen: int, app_ports: list[int]) -> Path:
    """deploy/nginx-werkstijl.conf on loopback ports, inside a minimal main configuration that
    logs which replica served each request (for the test to check the spread)."""
    site = (DEPLOY / "nginx-werkstijl.conf").read_text()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{listen};").replace("listen [::]:80;", "")
    for default, port in zip((8501, 8502), app_ports, strict=True):
        site = site.replace(f"127.0.0.1:{default}", f"127.0.0.1:{port}")
    (folder / "werkstijl.conf").write_text(site)
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / sub).mkdir(exist_ok=True)
    user = "user root root;" if os.geteuid() == 0 else ""
    main = f"""{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 512; }}
http {{
    log_format upstream '$upstream_addr $request_uri $http_cookie';
    access_log {folder}/access.log upstream;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/werkstijl.conf;
}}
"""
    conf = folder / "nginx.conf"
    conf.write_text(main)
    return conf


def wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{url} did not become healthy:\n{log.read_text(errors='replace')[-3000:]}")


@dataclass
class Stack:
    folder: Path
    env: dict[str, str]
    app_ports: list[int] = field(default_factory=lambda: [free_port(), free_port()])
    proxy_port: int = field(default_factory=free_port)
    processes: list[tuple[str, subprocess.Popen]] = field(default_factory=list)

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    def content_dir(self, replica: int) -> Path:
        return self.folder / f"content-{replica}"

    def _start(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = self.folder / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        self.processes.append((name, process))
        return process

    def start(self, nginx: str) -> None:
        base = {k: v for k, v in os.environ.items() if not k.startswith("WERKSTIJL_")}
        for replica, port in enumerate(self.app_ports):
            content = self.content_dir(replica)  # each replica its own copy, like two machines
            for sub in ("profiles", "questions", "tips", "texts"):
                shutil.copytree(REPO / sub, content / sub)
            env = base | self.env | {"WERKSTIJL_CONTENT_DIR": str(content)}
            name = f"app-{replica}"
            process = self._start(name, unit_command("werkstijl-app@.service", str(port)), env)
            wait_healthy(f"http://127.0.0.1:{port}", process, self.folder / f"{name}.log")
        for worker in (1, 2):
            command = unit_command("werkstijl-outbox@.service", str(worker))
            self._start(f"outbox-{worker}", command, base | self.env)
        conf = nginx_config(self.folder, self.proxy_port, self.app_ports)
        process = self._start("nginx", [nginx, "-p", str(self.folder), "-c", str(conf)], base)
        wait_healthy(self.proxy_url, process, self.folder / "error.log")

    def upstreams(self, path_start: str) -> list[int]:
        """The replica port that served each logged request whose path starts so."""
        ports = []
        for line in (self.folder / "access.log").read_text().splitlines():
            upstream, _, rest = line.partition(" ")
            if rest.startswith(path_start) and ":" in upstream:
                ports.append(int(upstream.rsplit(":", 1)[1]))
        return ports

    def stop(self) -> None:
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for _name, process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
