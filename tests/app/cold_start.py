#!/usr/bin/env python3
"""Cold start of the app as shipped: process start to the empty state painted.

A measurement, not a test (`make measure`): prints numbers, asserts nothing about time.

The binary is the one inside the .deb (`tauri build`, release), unpacked into a temp dir; it
runs on a private Xvfb with an empty library, through tauri-driver and WebKitWebDriver as the
end-to-end tests drive it (tests/app/measure.rs does the same for the debug build). The clock
starts when the WebDriver session is requested, which is when WebKitWebDriver starts the app,
and stops when `#empty-state` is shown and laid out. The first launch reads the binary and
WebKit from disk (page cache permitting); the others are warm.

usage: cold_start.py [path/to/Lanyard.deb] [--runs N]
"""

import argparse
import glob
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

EMPTY_STATE_SHOWN = (
    "const e = document.querySelector('#empty-state');"
    " return !!e && !e.hidden && e.getClientRects().length > 0"
)
FIRST_CONTENTFUL_PAINT = (
    "const p = performance.getEntriesByType('paint')"
    ".find((e) => e.name === 'first-contentful-paint'); return p ? p.startTime : null"
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def need(tool, fix):
    path = shutil.which(tool) or (
        os.path.expanduser(f"~/.cargo/bin/{tool}")
        if os.path.exists(os.path.expanduser(f"~/.cargo/bin/{tool}"))
        else None
    )
    if not path:
        sys.exit(f"`{tool}` is missing: {fix} (`make e2e-deps` installs it)")
    return path


def request(method, url, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read() or b"null")


def start_group(args, **kwargs):
    return subprocess.Popen(args, start_new_session=True, **kwargs)


def stop_group(proc):
    if proc is None or proc.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=2)
            return
        except subprocess.TimeoutExpired:
            pass


def start_xvfb():
    for n in range(190, 240):
        if os.path.exists(f"/tmp/.X11-unix/X{n}") or os.path.exists(f"/tmp/.X{n}-lock"):
            continue
        proc = start_group(
            ["Xvfb", f":{n}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-noreset"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            if proc.poll() is not None:
                break
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                return proc, f":{n}"
            time.sleep(0.02)
        stop_group(proc)
    sys.exit("could not start Xvfb on :190–:239")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deb", nargs="?", help="the .deb (default: the newest one under target/)")
    parser.add_argument("--runs", type=int, default=6)
    args = parser.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    deb = args.deb or max(
        glob.glob(os.path.join(repo, "target/release/bundle/deb/*.deb")),
        key=os.path.getmtime,
        default=None,
    )
    if not deb:
        sys.exit("no .deb under target/release/bundle/deb: run `npx tauri build --bundles deb`")
    need("Xvfb", "apt-get install xvfb")
    driver = need("tauri-driver", "cargo install --locked tauri-driver --version '^2'")
    native = need("WebKitWebDriver", "apt-get install webkit2gtk-driver")

    scratch = tempfile.mkdtemp(prefix="lanyard-cold-start-")
    xvfb = tauri_driver = None
    try:
        subprocess.run(["dpkg-deb", "-x", deb, os.path.join(scratch, "pkg")], check=True)
        apps = glob.glob(os.path.join(scratch, "pkg/usr/bin/*"))
        if len(apps) != 1:
            sys.exit(f"expected one binary in {deb}'s /usr/bin, found {apps}")
        app = apps[0]
        library = os.path.join(scratch, "library")
        os.makedirs(library)
        xvfb, display = start_xvfb()
        port, native_port = free_port(), free_port()
        env = dict(os.environ, DISPLAY=display, GSETTINGS_BACKEND="memory", LANYARD_LIBRARY=library)
        env.pop("WAYLAND_DISPLAY", None)
        log = open(os.path.join(scratch, "driver.log"), "w")
        tauri_driver = start_group(
            [driver, "--port", str(port), "--native-port", str(native_port),
             "--native-driver", native],
            env=env, stdout=log, stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    sys.exit("tauri-driver did not listen within 15 s")
                time.sleep(0.05)

        caps = {"capabilities": {"alwaysMatch": {"tauri:options": {"application": app}}}}
        times = []
        for run in range(args.runs):
            give_up = time.monotonic() + 20
            # tauri-driver answers before WebKitWebDriver behind it is ready: retry a while.
            while True:
                started = time.monotonic()  # a refused request started no app
                try:
                    session = request("POST", f"{base}/session", caps)["value"]["sessionId"]
                    break
                except (urllib.error.URLError, ConnectionError) as e:
                    if time.monotonic() > give_up:
                        sys.exit(f"no WebDriver session within 20 s: {e}")
                    time.sleep(0.1)
            execute = f"{base}/session/{session}/execute/sync"
            while not request("POST", execute, {"script": EMPTY_STATE_SHOWN, "args": []})["value"]:
                if time.monotonic() - started > 30:
                    sys.exit("the empty state did not show within 30 s")
                time.sleep(0.005)
            wall = (time.monotonic() - started) * 1000
            fcp = request("POST", execute, {"script": FIRST_CONTENTFUL_PAINT, "args": []})["value"]
            fcp_text = f"{fcp:.0f} ms" if isinstance(fcp, (int, float)) else "n/a"
            print(
                f"run {run + 1}: start → empty state visible {wall:.0f} ms"
                f" (first-contentful-paint in the page {fcp_text})",
                file=sys.stderr,
            )
            times.append(wall)
            request("DELETE", f"{base}/session/{session}")
            time.sleep(0.3)
        warm = sorted(times[1:]) or times
        print(
            f"MEASURE release cold start ({os.path.basename(deb)}, {os.path.getsize(app) // 1000} kB"
            f" binary): first launch {times[0]:.0f} ms; the next {len(warm)}: min {warm[0]:.0f} ms,"
            f" median {statistics.median(warm):.0f} ms, max {warm[-1]:.0f} ms",
            file=sys.stderr,
        )
    finally:
        stop_group(tauri_driver)
        stop_group(xvfb)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
