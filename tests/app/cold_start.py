#!/usr/bin/env python3
"""Cold start of the app as shipped: process start to the empty state painted on the screen.

A measurement, not a test (`make measure-start`): prints numbers, asserts nothing about time.

The binary is the one inside the .deb (`tauri build`, release), unpacked into a temp dir. It is
started directly, as a person starts it (no WebDriver: its driver's start, its session and its
polling are no part of what a person waits for), on a private Xvfb with an empty library and
its own empty data and cache dirs (XDG_*), so the first launch is a first launch: WebKit's
storage and Mesa's shader cache are made then, and the next launches find them. The first
launch also reads the binary and WebKit from disk (page cache permitting).

The clock starts right before the process is started and stops when the screen shows what it
settles on: the launcher reads every 25th row of pixels across the whole screen from the X
server every ~8 ms, watches until they have stayed the same for 1.5 s (and at least 6 s after
the start), and takes the first moment they already showed that picture. With an empty library
that is the window with the empty state ("Drop photos or a folder here"); every run must settle
on the same picture (but for a few antialiased edge pixels), and the last one is saved to
target/e2e-screenshots/cold-start.png to look at. It also prints when the window first
appeared (the first change on the screen after the start), and when WebKit's web process
started (read from /proc between two reads of the screen): a step the screen does not show.

As in a desktop session, the app finds a session bus: a private `dbus-daemon --session`, like
the private Xvfb. Without one, GLib tries to start one with `dbus-launch` for each connection
(GTK's application, its print backends, WebKit's), on the main thread, before the window; a
desktop never makes the app pay that.

The page's own clock (first-contentful-paint) says when WebKit painted, not when the X server
showed it: under Xvfb, with Mesa's software GL, a first frame reaches the screen hundreds of
milliseconds later, which is what a person sees.

The same package on the same virtual machine measured a third slower or faster from one hour
to the next (the host, not the app), so after the launches the script also prints how long
WebKit's web process alone takes to load there and then (`host_speed`): the yardstick to read
the numbers of two sessions against.

usage: cold_start.py [path/to/Lanyard.deb] [--runs N]
       (COLD_START_SHOTS=DIR saves every run's settled screen there)
"""

import argparse
import ctypes
import ctypes.util
import glob
import os
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib

POLL_S = 0.006  # between two reads of the screen (a read takes ~2 ms)
SETTLED_S = 1.5  # unchanged this long: what the screen settled on
WATCH_S = 6  # and never sooner than this after the start (a first launch is slow)
# Two pictures of the same window differ in a few edge pixels (antialiasing of the dashed
# border and the buttons' rounded corners): at most this share of the pixels read is the same
# picture. The empty state's card alone is ~10% of them.
SAME_PICTURE = 0.005
GIVE_UP_S = 30
# WebKit's web process as /proc names it (`comm`, 15 characters). Its start splits a launch in
# two: a CPU profile of the whole machine (`perf record -a`, against this clock) showed the app
# alone before it, and the web process alone after it until the page is painted. The launcher
# sees it within one poll (~8 ms) of its start.
WEB_PROCESS = "WebKitWebProces"
ROW_STEP = 25  # read every 25th row of pixels, across the whole screen


class XImage(ctypes.Structure):
    # Xlib's XImage up to the function table's destroy_image, which frees it.
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
        ("red_mask", ctypes.c_ulong),
        ("green_mask", ctypes.c_ulong),
        ("blue_mask", ctypes.c_ulong),
        ("obdata", ctypes.c_void_p),
        ("create_image", ctypes.c_void_p),
        ("destroy_image", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)),
    ]


class Screen:
    """Reads pixels from an X display through libX11 (what GTK itself links)."""

    def __init__(self, display):
        name = ctypes.util.find_library("X11") or "libX11.so.6"
        self.x = ctypes.CDLL(name)
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XDisplayWidth.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x.XGetImage.restype = ctypes.POINTER(XImage)
        self.x.XGetImage.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
            ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int,
        ]
        self.x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.dpy = self.x.XOpenDisplay(display.encode())
        if not self.dpy:
            sys.exit(f"cannot open X display {display}")
        self.root = self.x.XDefaultRootWindow(self.dpy)
        self.width = self.x.XDisplayWidth(self.dpy, 0)
        self.height = self.x.XDisplayHeight(self.dpy, 0)

    def grab(self, y, height):
        """Rows y..y+height as 4-byte pixels (BGRX), row after row."""
        image = self.x.XGetImage(self.dpy, self.root, 0, y, self.width, height, 0xFFFFFFFF, 2)
        if not image:
            sys.exit("XGetImage failed")
        img = image.contents
        row = self.width * 4
        if img.bits_per_pixel != 32:
            sys.exit(f"expected 32-bit pixels, the X server gives {img.bits_per_pixel}")
        data = b"".join(
            ctypes.string_at(img.data + r * img.bytes_per_line, row) for r in range(height)
        )
        img.destroy_image(ctypes.addressof(img))
        return data

    def rows(self):
        """Every ROW_STEP-th row across the screen."""
        return b"".join(self.grab(y, 1) for y in range(0, self.height, ROW_STEP))

    def save_png(self, path):
        data = self.grab(0, self.height)
        raw = bytearray()
        for y in range(self.height):
            raw.append(0)  # no filter
            row = data[y * self.width * 4:(y + 1) * self.width * 4]
            for x in range(0, len(row), 4):
                raw += bytes((row[x + 2], row[x + 1], row[x]))  # BGRX to RGB

        def chunk(kind, body):
            return (struct.pack(">I", len(body)) + kind + body
                    + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

        with open(path, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n")
            f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)))
            f.write(chunk(b"IDAT", zlib.compress(bytes(raw), 6)))
            f.write(chunk(b"IEND", b""))

    def close(self):
        self.x.XCloseDisplay(self.dpy)


def need(tool, fix):
    if not shutil.which(tool):
        sys.exit(f"`{tool}` is missing: {fix} (`make e2e-deps` installs it)")


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


def start_session_bus():
    """A private D-Bus session bus: the process and its address."""
    proc = start_group(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    address = proc.stdout.readline().strip()
    if not address:
        stop_group(proc)
        sys.exit("dbus-daemon printed no address")
    return proc, address


def different(a, b):
    """The share of pixels that differ between two reads of the same rows."""
    a, b = memoryview(a).cast("I"), memoryview(b).cast("I")
    return sum(1 for x, y in zip(a, b) if x != y) / len(a)


def children(pid):
    """The names of a process's children now (`comm`: WebKit's `WebKitNetworkPr` and
    `WebKitWebProces` once they have started), whichever of its threads started them."""
    names = set()
    for listing in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            with open(listing) as f:
                kids = f.read().split()
        except OSError:
            continue
        for kid in kids:
            try:
                with open(f"/proc/{kid}/comm") as f:
                    names.add(f.read().strip())
            except OSError:
                pass
    return names


def launch(app, env, screen):
    """Starts the app and watches the screen until it settles: when the window showed and when
    the screen settled, in ms after the start; the settled picture (its rows); how many times the
    screen changed; when WebKit's web process started, in ms after the start (None if it was not
    seen)."""
    blank = screen.rows()
    log_path = os.path.join(os.path.dirname(env["LANYARD_LIBRARY"]), "app.log")
    log = open(log_path, "w")
    started = time.monotonic()
    proc = start_group([app], env=env, stdout=log, stderr=log)
    try:
        changes = [(started, blank)]  # (when, pixels) each time the screen changed
        web = None  # when WebKit's web process was first seen
        while True:
            now = time.monotonic()
            if web is None and WEB_PROCESS in children(proc.pid):
                web = now
            pixels = screen.rows()
            if pixels != changes[-1][1]:
                changes.append((now, pixels))
            elif now - started >= WATCH_S and now - changes[-1][0] >= SETTLED_S:
                break
            if proc.poll() is not None:
                with open(log_path) as f:
                    sys.exit(f"the app exited with {proc.returncode}:\n{f.read()[-2000:]}")
            if now - started > GIVE_UP_S:
                sys.exit(f"the screen did not settle within {GIVE_UP_S} s")
            time.sleep(POLL_S)
        if os.environ.get("COLD_START_SHOTS"):
            screen.save_png(os.path.join(os.environ["COLD_START_SHOTS"], f"{started:.0f}.png"))
        final = changes[-1][1]
        settled = next(when for when, pixels in changes if different(pixels, final) <= SAME_PICTURE)
        shown = changes[1][0]
        web_ms = None if web is None else (web - started) * 1000
        return (shown - started) * 1000, (settled - started) * 1000, final, len(changes) - 1, web_ms
    finally:
        stop_group(proc)
        log.close()


def host_speed():
    """How fast this host is right now, as a yardstick for the launches: the median of 10 runs of
    WebKit's web process with no arguments and no display (it loads its ~170 libraries, the bulk
    of each WebKit process's start, and exits). On the same 2-core VM it read 62 ms and 96 ms
    within an hour, and the cold start moved with it (~420 against ~560 ms); another morning it
    read 50–110 ms. Numbers from two sessions are compared through it. None when WebKitGTK's web process is not found."""
    found = glob.glob("/usr/lib/*/webkit2gtk-4.1/WebKitWebProcess")
    if not found:
        return None
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    times = []
    for _ in range(10):
        started = time.perf_counter()
        subprocess.run([found[0]], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


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
        sys.exit("no .deb under target/release/bundle/deb: run `./.ci/build-deb`")
    need("Xvfb", "apt-get install xvfb")
    need("dbus-daemon", "apt-get install dbus-daemon")

    scratch = tempfile.mkdtemp(prefix="lanyard-cold-start-")
    xvfb = bus = screen = None
    try:
        subprocess.run(["dpkg-deb", "-x", deb, os.path.join(scratch, "pkg")], check=True)
        apps = glob.glob(os.path.join(scratch, "pkg/usr/bin/*"))
        if len(apps) != 1:
            sys.exit(f"expected one binary in {deb}'s /usr/bin, found {apps}")
        app = apps[0]
        home = os.path.join(scratch, "home")
        env = dict(
            os.environ,
            GSETTINGS_BACKEND="memory",
            LANYARD_LIBRARY=os.path.join(home, "library"),
            XDG_DATA_HOME=os.path.join(home, "data"),
            XDG_CACHE_HOME=os.path.join(home, "cache"),
            XDG_CONFIG_HOME=os.path.join(home, "config"),
        )
        for key in ("LANYARD_LIBRARY", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            os.makedirs(env[key])
        env.pop("WAYLAND_DISPLAY", None)
        xvfb, env["DISPLAY"] = start_xvfb()
        bus, env["DBUS_SESSION_BUS_ADDRESS"] = start_session_bus()
        screen = Screen(env["DISPLAY"])

        times, pictures, webs = [], [], []
        for run in range(args.runs):
            shown, settled, picture, changes, web = launch(app, env, screen)
            pictures.append(picture)
            if run == args.runs - 1:
                shots = os.path.join(repo, "target/e2e-screenshots")
                os.makedirs(shots, exist_ok=True)
                # The app is gone by now; start it once more for the picture, untimed.
                proc = start_group([app], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
                time.sleep(settled / 1000 + SETTLED_S)
                screen.save_png(os.path.join(shots, "cold-start.png"))
                stop_group(proc)
            webs.append(web)
            print(
                f"run {run + 1}: start → web process {'unseen' if web is None else f'{web:.0f} ms'},"
                f" window on screen {shown:.0f} ms,"
                f" → settled (empty state painted) {settled:.0f} ms ({changes} screen changes)",
                file=sys.stderr,
            )
            times.append(settled)
            time.sleep(0.3)
        odd = [n + 1 for n, p in enumerate(pictures) if different(p, pictures[-1]) > SAME_PICTURE]
        if odd:
            print(
                f"warning: run(s) {odd} settled on another picture than the last run; look at"
                " target/e2e-screenshots/cold-start.png and the app's log",
                file=sys.stderr,
            )
        warm = sorted(times[1:]) or times
        speed = host_speed()
        if speed is not None:
            print(
                f"host now: WebKit's web process loads and exits in {speed:.0f} ms (median of 10,"
                " no display): the yardstick for comparing these numbers across machines",
                file=sys.stderr,
            )
        print(
            f"MEASURE release cold start, on screen ({os.path.basename(deb)},"
            f" {os.path.getsize(app) // 1000} kB binary): first launch {times[0]:.0f} ms;"
            f" the next {len(warm)}: min {warm[0]:.0f} ms,"
            f" median {statistics.median(warm):.0f} ms, max {warm[-1]:.0f} ms",
            file=sys.stderr,
        )
        seen = [w for w in webs[1:] if w is not None]
        if seen:
            print(
                f"web process started (the next {len(webs) - 1}): median"
                f" {statistics.median(seen):.0f} ms after the app",
                file=sys.stderr,
            )
    finally:
        if screen:
            screen.close()
        stop_group(xvfb)
        stop_group(bus)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
