#!/usr/bin/env bash
# The .deb, as a user gets it: build the bundle (release), install it with apt-get, start the
# command its .desktop entry runs under a private Xvfb with a temporary library, see the
# "Lanyard" window appear (and a screenshot that is not blank), then remove the package.
# Run by `make test`; needs the packages and tools `make e2e-deps` installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
shots="$root/target/e2e-screenshots"
mkdir -p "$shots"

echo "== building the .deb (release)"
start=$(date +%s)
npx --no-install tauri build --bundles deb --ci
echo "   bundle built in $(( $(date +%s) - start )) s"
deb=$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -n1 || true)
[ -n "$deb" ] || { echo "FAIL: no .deb under target/release/bundle/deb/" >&2; exit 1; }
pkg=$(dpkg-deb -f "$deb" Package)
echo "   $deb (package $pkg, $(du -h "$deb" | cut -f1))"

work=$(mktemp -d)
xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill -TERM -- "-$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill -TERM -- "-$xvfb_pid" 2>/dev/null || true
  sleep 0.5
  [ -n "$app_pid" ] && kill -KILL -- "-$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill -KILL -- "-$xvfb_pid" 2>/dev/null || true
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq "$pkg" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== installing it"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "./$deb" >/dev/null
desktop=$(dpkg -L "$pkg" | grep -m1 '^/usr/share/applications/.*\.desktop$' || true)
[ -n "$desktop" ] || { echo "FAIL: the package installs no .desktop file" >&2; exit 1; }
grep -q '^Name=Lanyard$' "$desktop" || { echo "FAIL: $desktop has no Name=Lanyard" >&2; cat "$desktop" >&2; exit 1; }
dpkg -L "$pkg" | grep -q '/usr/share/icons/hicolor/.*\.png$' || { echo "FAIL: no icons installed" >&2; exit 1; }
# Exec= with its field codes (%f %U …) removed is the command the desktop runs.
exec_line=$(grep -m1 '^Exec=' "$desktop" | cut -d= -f2- | sed -E 's/ ?%[fFuUdDnNickvm]//g')
exec_bin=${exec_line%% *}
resolved=$(command -v "$exec_bin" || true)
case "$resolved" in
  /usr/bin/*|/usr/local/bin/*|/opt/*) ;;
  *) echo "FAIL: Exec=$exec_line does not resolve to an installed binary ($resolved)" >&2; exit 1 ;;
esac
dpkg -S "$resolved" | grep -q "^$pkg:" || { echo "FAIL: $resolved is not from package $pkg" >&2; exit 1; }
echo "   $desktop: Exec=$exec_line -> $resolved"

echo "== starting it from its desktop entry under Xvfb"
display=""
for n in $(seq 140 190); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
  setsid Xvfb ":$n" -screen 0 1400x900x24 -nolisten tcp -noreset >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.05; done
  if [ -e "/tmp/.X11-unix/X$n" ] && kill -0 "$xvfb_pid" 2>/dev/null; then display=":$n"; break; fi
  xvfb_pid=""
done
[ -n "$display" ] || { echo "FAIL: could not start Xvfb" >&2; exit 1; }
mkdir -p "$work/library"
# shellcheck disable=SC2086 # Exec= is a command line: split it as the desktop does.
DISPLAY=$display GSETTINGS_BACKEND=memory LANYARD_LIBRARY="$work/library" \
  setsid $exec_line >"$work/app.log" 2>&1 &
app_pid=$!
start=$(date +%s%N)
if ! window=$(DISPLAY=$display timeout 30 xdotool search --sync --onlyvisible --name '^Lanyard$' | head -n1) || [ -z "$window" ]; then
  echo "FAIL: no window named Lanyard within 30 s; app log:" >&2
  cat "$work/app.log" >&2
  exit 1
fi
echo "   window $window appeared after $(( ($(date +%s%N) - start) / 1000000 )) ms"
kill -0 "$app_pid" 2>/dev/null || { echo "FAIL: the app exited" >&2; cat "$work/app.log" >&2; exit 1; }

# The window shows something: wait for the page to paint, then count colours on the screen.
shot="$shots/deb-installed.png"
colours=0
for _ in $(seq 20); do
  sleep 0.5
  xwd -root -display "$display" | /usr/bin/convert xwd:- "$shot"
  colours=$(/usr/bin/convert "$shot" -format '%k' info:)
  [ "$colours" -ge 16 ] && break
done
[ "$colours" -ge 16 ] || { echo "FAIL: the installed app's window is blank ($colours colours, $shot)" >&2; exit 1; }
echo "   screenshot $shot ($colours colours)"
echo "== ok: $pkg builds, installs, starts from its menu entry and shows its window; removing it"
