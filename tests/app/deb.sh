#!/usr/bin/env bash
# The .deb, as a person gets it, checked where it will run:
#   1. build it as README's install steps do (.ci/build-deb: `tauri build`, release, then xz);
#   2. the package itself: under 15 MB, Installed-Size under 50 MB, its Depends exactly what
#      dpkg-shlibdeps finds the binary needs, and no video encoder linked (decoders only);
#   3. a clean Debian 12 root (debootstrap minbase, made once under target/ by .ci/debian-root,
#      copied for each run): `apt-get install --no-install-recommends` the .deb, `ldd` finds
#      every library, the command of its .desktop entry starts under a private Xvfb (the root
#      reaches it through a bind mount of /tmp/.X11-unix), shows its "Lanyard" window, and a
#      screenshot that is not blank is kept in target/e2e-screenshots/deb-clean-root.png.
# Run by `make test` as root or with sudo; needs what `make e2e-deps deb-deps` installs, and
# deb.debian.org the first time (the root) and for the app's dependencies.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
shots="$root/target/e2e-screenshots"
mkdir -p "$shots"
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# The goals of issue 12, in bytes (decimal MB) and dpkg's KiB.
max_deb_bytes=$((15 * 1000 * 1000))
max_installed_kib=$((50 * 1000 * 1000 / 1024))
# Sonames of video encoders (and decoders Lanyard has no use for) that must not be linked:
# decoding HEIC and AVIF needs libde265 and dav1d only (see .ci/cmake-heif-decoders).
unwanted='libx265|libaom|libx264|libkvazaar|librav1e|libSvtAv1Enc|libopenh264|libopenjp2|libopenjph|libvvenc|libvvdec|libavcodec'

phase_start=$(date +%s)
phase() { # prints how long the previous phase took, then the next one's title
  local now
  now=$(date +%s)
  [ -n "${phase_name:-}" ] && echo "   ($phase_name: $((now - phase_start)) s)"
  phase_name=$1
  phase_start=$now
  echo "== $1"
}

# LANYARD_DEB=path checks a .deb built before instead (while working on this script).
if [ -n "${LANYARD_DEB:-}" ]; then
  phase "checking $LANYARD_DEB (not building)"
  deb=$LANYARD_DEB
else
  phase "building the .deb (release)"
  deb=$(./.ci/build-deb)
fi
pkg=$(dpkg-deb -f "$deb" Package)

work=$(mktemp -d)
check_root="$root/target/debian-root/check"
mounts=()
xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill -TERM -- "-$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill -TERM -- "-$xvfb_pid" 2>/dev/null || true
  sleep 0.5
  [ -n "$app_pid" ] && kill -KILL -- "-$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill -KILL -- "-$xvfb_pid" 2>/dev/null || true
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    $sudo umount "${mounts[i]}" 2>/dev/null || $sudo umount -l "${mounts[i]}" 2>/dev/null || true
  done
  # Never delete through a mount that is still there (/tmp/.X11-unix, the apt cache).
  if grep -q " $check_root[/ ]" /proc/mounts; then
    echo "note: mounts left under $check_root; not removing it" >&2
  else
    $sudo rm -rf "$check_root"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

phase "checking the package: size, dependencies, linked libraries"
deb_bytes=$(stat -c %s "$deb")
installed_kib=$(dpkg-deb -f "$deb" Installed-Size)
# Unpacked where dpkg-shlibdeps expects a package's files: debian/<package>/ in a source tree.
mkdir -p "$work/src/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$pkg" "$pkg" >"$work/src/debian/control"
dpkg-deb -x "$deb" "$work/src/debian/$pkg"
mkdir "$work/src/debian/$pkg/DEBIAN"
ln -s "$work/src/debian/$pkg" "$work/pkg"
desktop=$(cd "$work/pkg" && ls usr/share/applications/*.desktop 2>/dev/null | head -n1 || true)
[ -n "$desktop" ] || fail "the package installs no .desktop file"
grep -q '^Name=Lanyard$' "$work/pkg/$desktop" || fail "$desktop has no Name=Lanyard"
ls "$work/pkg"/usr/share/icons/hicolor/*/apps/*.png >/dev/null 2>&1 || fail "no icons in the package"
# Exec= with its field codes (%f %U …) removed is the command the desktop runs.
exec_line=$(grep -m1 '^Exec=' "$work/pkg/$desktop" | cut -d= -f2- | sed -E 's/ ?%[fFuUdDnNickvm]//g')
exec_bin=${exec_line%% *}
case "$exec_bin" in
  /*) app_path=$exec_bin ;;
  *) app_path=/usr/bin/$exec_bin ;;
esac
[ -x "$work/pkg$app_path" ] || fail "Exec=$exec_line: $app_path is not in the package"
app_bytes=$(stat -c %s "$work/pkg$app_path")
echo "   $deb: $((deb_bytes / 1000)) kB; Installed-Size $installed_kib KiB; $app_path $((app_bytes / 1000)) kB"
[ "$deb_bytes" -lt "$max_deb_bytes" ] || fail "the .deb is $deb_bytes bytes, over 15 MB"
[ "$installed_kib" -lt "$max_installed_kib" ] || fail "Installed-Size is $installed_kib KiB, over 50 MB"
if readelf -S --wide "$work/pkg$app_path" | grep -q '\.debug_'; then
  fail "$app_path carries debug sections: $(readelf -S --wide "$work/pkg$app_path" | grep -o '\.debug_[a-z_]*' | tr '\n' ' ')"
fi

needed=$(readelf -d "$work/pkg$app_path" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
echo "   linked: $(echo "$needed" | tr '\n' ' ')"
if bad=$(echo "$needed" | grep -E "^($unwanted)\."); then
  fail "$app_path links encoders or codecs it has no use for: $bad (see .ci/cmake-heif-decoders)"
fi
for lib in libde265 libdav1d; do
  echo "$needed" | grep -q "^$lib\." || fail "$app_path does not link $lib: HEIC/AVIF decoding is gone"
done
# Where WebKitGTK links the flite voice, the app needs it first (src-tauri/build.rs).
webkit=$(pkg-config --variable=libdir webkit2gtk-4.1)/libwebkit2gtk-4.1.so.0
voice=$(readelf -d "$webkit" | sed -n 's/.*(NEEDED).*\[\(libflite_cmu_time_awb\.so\..*\)\]/\1/p')
if [ -n "$voice" ] && [ "$(echo "$needed" | head -n1)" != "$voice" ]; then
  fail "$app_path needs $(echo "$needed" | head -n1) first, not WebKitGTK's $voice (see src-tauri/build.rs)"
fi

# What the binary needs, as Debian's own tool reads it (symbols files of the linked libraries).
shlibs=$(cd "$work/src" && dpkg-shlibdeps -O -e"debian/$pkg$app_path" 2>"$work/shlibdeps.log") \
  || { cat "$work/shlibdeps.log" >&2; fail "dpkg-shlibdeps failed on $app_path"; }
if [ -s "$work/shlibdeps.log" ]; then sed 's/^/   /' "$work/shlibdeps.log"; fi
shlibs=$(echo "$shlibs" | sed -n 's/^shlibs:Depends=//p')
# One item a line, sorted. Tauri appends its own unversioned libwebkit2gtk-4.1-0 and libgtk-3-0
# to the configured list: an unversioned item is dropped when the list names its package anyway.
sorted() {
  tr ',' '\n' | sed -E 's/^ +//; s/ +$//' | grep -v '^$' | sort -u \
    | awk '{ name = $1; items[NR] = $0; names[NR] = name; if (NF > 1) versioned[name] = 1 }
           END { for (i = 1; i <= NR; i++) if (!(items[i] == names[i] && versioned[names[i]])) print items[i] }'
}
want=$(echo "$shlibs" | sorted)
have=$(dpkg-deb -f "$deb" Depends | sorted)
echo "   dpkg-shlibdeps: $shlibs"
if [ "$want" != "$have" ]; then
  echo "   the .deb declares: $(dpkg-deb -f "$deb" Depends)" >&2
  diff <(echo "$have") <(echo "$want") | sed -n 's/^[<>]/   &/p' >&2 || true
  json=$(echo "$want" | sed 's/.*/"&"/' | paste -sd, | sed 's/,/, /g')
  fail "the .deb's Depends is not what dpkg-shlibdeps finds (< declared, > needed).
      Put this into src-tauri/tauri.conf.json, bundle.linux.deb.depends:
      [$json]"
fi

phase "installing it into a clean Debian 12 root (--no-install-recommends)"
pristine=$(./.ci/debian-root)
$sudo rm -rf "$check_root"
$sudo cp -a "$pristine" "$check_root"
bind() { # bind-mounts $1 onto $2 inside the check root
  $sudo mkdir -p "$check_root$2"
  $sudo mount --bind "$1" "$check_root$2"
  mounts+=("$check_root$2")
}
$sudo mount -t proc proc "$check_root/proc"
mounts+=("$check_root/proc")
# Downloaded .debs are kept between runs on one machine (CI downloads them once per run).
mkdir -p target/debian-root/apt-archives/partial
bind "$root/target/debian-root/apt-archives" /var/cache/apt/archives
$sudo cp "$deb" "$check_root/tmp/$(basename "$deb")"
if ! $sudo chroot "$check_root" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >"$work/apt.log" 2>&1; then
  tail -n 30 "$work/apt.log" >&2
  fail "apt-get install of $deb in the clean root failed"
fi
echo "   $(grep -E '^[0-9]+ upgraded, [0-9]+ newly installed' "$work/apt.log")"

phase "ldd in the clean root"
ldd_out=$($sudo chroot "$check_root" ldd "$app_path" 2>&1) || { echo "$ldd_out" >&2; fail "ldd $app_path failed"; }
if echo "$ldd_out" | grep -q 'not found'; then
  echo "$ldd_out" | grep 'not found' >&2
  fail "$app_path needs libraries the package does not bring in: add them to its Depends"
fi
echo "   $(echo "$ldd_out" | wc -l) libraries, none missing"
$sudo chroot "$check_root" test -f "/$desktop" || fail "/$desktop not installed"

phase "starting it in the clean root from its desktop entry, under Xvfb"
display=""
for n in $(seq 140 190); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
  setsid Xvfb ":$n" -screen 0 1400x900x24 -nolisten tcp -noreset >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.05; done
  if [ -e "/tmp/.X11-unix/X$n" ] && kill -0 "$xvfb_pid" 2>/dev/null; then display=":$n"; break; fi
  xvfb_pid=""
done
[ -n "$display" ] || fail "could not start Xvfb"
bind /tmp/.X11-unix /tmp/.X11-unix
$sudo mkdir -p "$check_root/tmp/library"
# Nothing from this machine's environment: only what a desktop session would set.
# shellcheck disable=SC2086 # Exec= is a command line: split it as the desktop does.
setsid $sudo chroot "$check_root" env -i DISPLAY="$display" HOME=/root LANG=C.UTF-8 \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  GSETTINGS_BACKEND=memory LANYARD_LIBRARY=/tmp/library $exec_line >"$work/app.log" 2>&1 &
app_pid=$!
start=$(date +%s%N)
if ! window=$(DISPLAY=$display timeout 30 xdotool search --sync --onlyvisible --name '^Lanyard$' | head -n1) || [ -z "$window" ]; then
  cat "$work/app.log" >&2
  fail "no window named Lanyard within 30 s (app log above)"
fi
echo "   window $window appeared after $((($(date +%s%N) - start) / 1000000)) ms"
kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; fail "the app exited"; }

# The window shows something: wait for the page to paint, then count colours on the screen.
shot="$shots/deb-clean-root.png"
colours=0
for _ in $(seq 20); do
  sleep 0.5
  xwd -root -display "$display" | /usr/bin/convert xwd:- "$shot"
  colours=$(/usr/bin/convert "$shot" -format '%k' info:)
  [ "$colours" -ge 16 ] && break
done
[ "$colours" -ge 16 ] || { cat "$work/app.log" >&2; fail "the app's window is blank ($colours colours, $shot)"; }
kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; fail "the app exited after showing its window"; }
cp "$work/app.log" "$shots/deb-clean-root.log"
echo "   screenshot $shot ($colours colours); app output in $shots/deb-clean-root.log"
phase "done"
echo "== ok: $pkg ($((deb_bytes / 1000)) kB, Installed-Size $installed_kib KiB) installs into a clean Debian 12 root without recommends and starts there"
