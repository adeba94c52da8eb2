"""Is every part of the deployment answering? One line per part; exit 0 when all are, 1 if not.

    python deploy/healthcheck.py --proxy http://127.0.0.1 --replica 8501 --replica 8502 [--restart]

Asks each replica (an app process on 127.0.0.1:PORT) and the proxy for `/_stcore/health`, which
Streamlit answers with "ok" once it serves. With --restart, a replica that does not answer is
restarted (`systemctl restart werkstijl-app@PORT`); nginx meanwhile sends its visitors to the
other one. Standard library only, so it runs wherever the app's Python does.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import urllib.error
import urllib.request

HEALTH_PATH = "/_stcore/health"


def check(base_url: str, timeout: float) -> str | None:
    """None when `base_url` answers its health check with "ok"; otherwise why not."""
    url = base_url.rstrip("/") + HEALTH_PATH
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            body = reply.read(100).decode("utf-8", "replace").strip()
    except urllib.error.HTTPError as exc:
        return f"{url} answered HTTP {exc.code}"
    except (OSError, ValueError) as exc:
        return f"{url} did not answer ({getattr(exc, 'reason', exc)})"
    return None if body == "ok" else f"{url} answered {body!r} instead of 'ok'"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--proxy", action="append", default=[], metavar="URL")
    parser.add_argument("--replica", action="append", default=[], type=int, metavar="PORT")
    parser.add_argument("--restart", action="store_true", help="systemctl restart a dead replica")
    parser.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS")
    args = parser.parse_args(argv)
    if not args.proxy and not args.replica:
        parser.error("name at least one --proxy URL or --replica PORT")
    failed = False
    targets = [(url, None) for url in args.proxy]
    targets += [(f"http://127.0.0.1:{port}", port) for port in args.replica]
    for url, port in targets:
        problem = check(url, args.timeout)
        what = f"replica {port}" if port else f"proxy {url}"
        print(f"{what}: {'ok' if problem is None else problem}")
        failed = failed or problem is not None
        if problem is not None and port is not None and args.restart:
            unit = f"werkstijl-app@{port}.service"
            done = subprocess.run(["systemctl", "restart", unit], check=False)
            print(f"  restarted {unit}" if done.returncode == 0 else f"  could not restart {unit}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
