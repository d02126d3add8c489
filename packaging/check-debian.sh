#!/usr/bin/env bash
# Which Debian packages does Solo-Check need on a bare Debian 12 (bookworm)?
#
# Builds a minimal Debian 12 root with debootstrap, installs the wheel built from this
# checkout into a venv there, and proves the README's package list group by group:
#   headless   `solo-check check-content`, `score` and `report`         (no package)
#   offscreen  the window shown with QT_QPA_PLATFORM=offscreen, the PDF preview and
#              print modules loaded                                    (GUI_PACKAGES)
#   x11        the window shown on an X server (Xvfb) through Qt's xcb plugin
#                                                                     (+ X11_PACKAGES)
#   print      Qt's CUPS print plugin loads, so printers can be listed (+ PRINT_PACKAGES)
# Each group must pass in a fresh root holding only its packages (and those of the
# groups before it), `ldd` must find every library of the Qt files the program loaded,
# and each listed package is left out once: the group must then fail, or the package is
# reported as not needed. Wayland is not run (no compositor here); the libraries its
# plugin lacks are printed.
#
# Not run by CI. Run it by hand, as root, on an x86_64 Debian machine with debootstrap
# (apt-get install debootstrap), chroot and overlayfs, when Qt or the list changes:
#     packaging/check-debian.sh [WORKDIR]   (default /tmp/solo-check-debian; ~2 GB, 2-3 min)
# Environment:
#     MIRROR   Debian mirror; default: the first Debian archive (a URI ending in
#              /debian) in this machine's apt sources; set it on other systems
#     PYTHON   a Python with pip that builds the wheel and downloads its dependencies
#              for Python 3.11 (the python3 of Debian 12); default python3
# The Debian root is kept in WORKDIR and reused by the next run; delete it to start over.
# Xvfb runs from its own copy of the root, so that its libraries cannot hide a missing
# package.
set -euo pipefail

GUI_PACKAGES="libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3"
# Qt's xcb plugin links more xcb libraries than these (image, randr, render-util, xkb,
# libX11-xcb); on Debian 12 the packages here and the GUI packages pull them in.
X11_PACKAGES="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0"
PRINT_PACKAGES="libcups2"

REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${1:-/tmp/solo-check-debian}"
PYTHON="${PYTHON:-python3}"
DISPLAY_NUMBER=87
VENV=/opt/solo-check
SITE="$VENV/lib/python3.11/site-packages"

mirror_from_apt_sources() {
    # Every URI of the apt sources, deb822 (.sources) and one-line format alike; the
    # first one that is a Debian archive (ends in /debian) is the mirror.
    {
        cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
            awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }'
        cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            awk '$1 == "deb" { print ($2 ~ /^\[/ ? $3 : $2) }'
    } | grep -m1 -E '/debian/?$' || true
}

MIRROR="${MIRROR:-$(mirror_from_apt_sources)}"
[ -n "$MIRROR" ] || { echo "No Debian mirror found in the apt sources; set MIRROR." >&2; exit 2; }

mkdir -p "$WORK"
MOUNTED=()
XVFB_PID=""

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    if [ -n "$XVFB_PID" ]; then
        kill "$XVFB_PID" 2>/dev/null || true
        wait "$XVFB_PID" 2>/dev/null || true
    fi
    local i
    for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
        umount "${MOUNTED[$i]}" 2>/dev/null || umount -l "${MOUNTED[$i]}" 2>/dev/null || true
    done
}
trap cleanup EXIT

mount_tracked() { # mount ARGS... TARGET (the target last)
    mount "$@"
    MOUNTED+=("${!#}")
}

# A fresh copy-on-write root on top of the Python root, with /proc, /sys, /dev and a
# shared apt download cache (so leaving a package out does not download it all again).
# Sets ROOT (not echoed: the mounts must be recorded in this shell, not a subshell).
layer() { # NAME
    local name="$1" dir="$WORK/layers/$1"
    umount_layer "$name"
    rm -rf "$dir"
    mkdir -p "$dir/upper" "$dir/work" "$dir/root"
    mount_tracked -t overlay overlay \
        -o "lowerdir=$WORK/python:$WORK/base,upperdir=$dir/upper,workdir=$dir/work" "$dir/root"
    mount_tracked -t proc proc "$dir/root/proc"
    mount_tracked -t sysfs sys "$dir/root/sys"
    mount_tracked --bind /dev "$dir/root/dev"
    mount_tracked --bind /dev/pts "$dir/root/dev/pts"
    mount_tracked -t tmpfs shm "$dir/root/dev/shm"
    mount_tracked --bind "$WORK/apt-archives" "$dir/root/var/cache/apt/archives"
    ROOT="$dir/root"
}

umount_layer() {
    local root="$WORK/layers/$1/root" i
    for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
        case "${MOUNTED[$i]}" in
        "$root" | "$root"/*)
            umount "${MOUNTED[$i]}" 2>/dev/null || umount -l "${MOUNTED[$i]}"
            unset 'MOUNTED[i]'
            ;;
        esac
    done
    MOUNTED=("${MOUNTED[@]}")
}

in_root() { # ROOT COMMAND... : run in the root with a bare environment
    local root="$1"
    shift
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

apt_install() { # ROOT PACKAGES...
    local root="$1"
    shift
    [ $# -gt 0 ] || return 0
    in_root "$root" apt-get install -y -q --no-install-recommends "$@" >"$root.apt.log" 2>&1 ||
        { cat "$root.apt.log" >&2; return 1; }
}

# --------------------------------------------------------------------------- the roots

if [ ! -x "$WORK/base/usr/bin/apt-get" ]; then
    echo "== debootstrap --variant=minbase bookworm"
    rm -rf "$WORK/base"
    debootstrap --variant=minbase bookworm "$WORK/base" "$MIRROR" >"$WORK/debootstrap.log"
fi
mkdir -p "$WORK/apt-archives/partial"

echo "== the wheel and its dependencies (for Python 3.11)"
rm -rf "$WORK/wheels"
"$PYTHON" -m pip wheel -q --no-deps -w "$WORK/wheels" "$REPO"
"$PYTHON" -m pip download -q --only-binary=:all: --python-version 3.11 -d "$WORK/wheels" \
    "$WORK"/wheels/solo_check-*.whl

echo "== python3, python3-venv and the wheel in a venv ($VENV)"
# The Python root is a plain folder on top of base; rebuilt every run (the wheel changes).
rm -rf "$WORK/python" "$WORK/python.work" "$WORK/python.root"
mkdir -p "$WORK/python" "$WORK/python.work" "$WORK/python.root"
mount_tracked -t overlay overlay \
    -o "lowerdir=$WORK/base,upperdir=$WORK/python,workdir=$WORK/python.work" "$WORK/python.root"
mount_tracked --bind "$WORK/apt-archives" "$WORK/python.root/var/cache/apt/archives"
mount_tracked -t proc proc "$WORK/python.root/proc"
in_root "$WORK/python.root" apt-get update -q >/dev/null
apt_install "$WORK/python.root" python3 python3-venv
cp -r "$WORK/wheels" "$WORK/python.root/tmp/wheels"
in_root "$WORK/python.root" python3 -m venv "$VENV"
in_root "$WORK/python.root" "$VENV/bin/python" -m pip install -q --no-index \
    --find-links /tmp/wheels solo-check
rm -rf "$WORK/python.root/tmp/wheels"
cp "$REPO/examples/copywriter-one-client.json" "$WORK/python.root/root/answers.json"
# Starts the window (it closes once shown) after loading the Qt modules the report
# preview and printing use, and writes down every shared library the process mapped.
cat >"$WORK/python.root/root/start.py" <<'EOF'
import atexit
import sys


def write_loaded() -> None:
    with open("/proc/self/maps") as maps:
        names = {line.split()[5] for line in maps if len(line.split()) >= 6}
    with open(sys.argv[1], "w") as out:
        out.write("".join(f"{name}\n" for name in sorted(names) if ".so" in name))


atexit.register(write_loaded)
import PySide6.QtPdf, PySide6.QtPdfWidgets, PySide6.QtPrintSupport  # noqa: E401, E402
from solo_check.cli import main  # noqa: E402

sys.exit(main([]))
EOF
cat >"$WORK/python.root/root/printers.py" <<'EOF'
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QApplication

app = QApplication([])
print("printers:", QPrinterInfo.availablePrinterNames())
EOF
for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do umount "${MOUNTED[$i]}"; done
MOUNTED=()

echo "== Xvfb in a root of its own, display :$DISPLAY_NUMBER"
layer xserver
XROOT="$ROOT"
apt_install "$XROOT" xvfb
mkdir -p "$XROOT/tmp/.X11-unix"
chmod 1777 "$XROOT/tmp/.X11-unix"
# chroot and env exec Xvfb, so $! is the server itself (a function in the background
# would be a subshell, and killing it would leave the server running).
chroot "$XROOT" /usr/bin/env -i PATH=/usr/bin:/bin Xvfb ":$DISPLAY_NUMBER" -nolisten tcp \
    -screen 0 1280x800x24 >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do [ -S "$XROOT/tmp/.X11-unix/X$DISPLAY_NUMBER" ] && break; sleep 0.2; done
[ -S "$XROOT/tmp/.X11-unix/X$DISPLAY_NUMBER" ] || { cat "$WORK/xvfb.log" >&2; exit 1; }

# --------------------------------------------------------------------------- the checks

run_app() { # ROOT LOADED-LIST ENV... : start the window; the mapped libraries go to the list
    local root="$1" list="$2"
    shift 2
    in_root "$root" env SOLO_CHECK_HOME=/root/data SOLO_CHECK_EXIT_WHEN_SHOWN=1 "$@" \
        "$VENV/bin/python" /root/start.py "$list" >"$root.out" 2>&1 &&
        grep -q "window shown" "$root.out"
}

missing_libraries() { # ROOT LOADED-LIST : what ldd cannot find for the Qt files loaded
    local root="$1" list="$2" file
    { grep "/PySide6/" "$root$list" || true; } | while read -r file; do
        in_root "$root" ldd "$file" | awk -v f="${file##*/}" '/not found/ { print f ": " $1 }'
    done
}

check() { # GROUP ROOT : does the group work in this root?
    local group="$1" root="$2" missing
    case "$group" in
    headless)
        in_root "$root" sh -c "cd /root && $VENV/bin/solo-check check-content &&
            $VENV/bin/solo-check score answers.json >/dev/null &&
            $VENV/bin/solo-check report answers.json -o report.pdf" >"$root.out" 2>&1
        ;;
    offscreen)
        run_app "$root" /root/loaded-offscreen.txt QT_QPA_PLATFORM=offscreen || return 1
        missing="$(missing_libraries "$root" /root/loaded-offscreen.txt)"
        [ -z "$missing" ] || { echo "$missing" >>"$root.out"; return 1; }
        ;;
    x11)
        mkdir -p "$root/tmp/.X11-unix"
        mount_tracked --bind "$XROOT/tmp/.X11-unix" "$root/tmp/.X11-unix"
        run_app "$root" /root/loaded-x11.txt QT_QPA_PLATFORM=xcb DISPLAY=":$DISPLAY_NUMBER" \
            QT_DEBUG_PLUGINS=1 || return 1
        missing="$(missing_libraries "$root" /root/loaded-x11.txt)"
        [ -z "$missing" ] || { echo "$missing" >>"$root.out"; return 1; }
        ;;
    print)
        in_root "$root" env QT_QPA_PLATFORM=offscreen QT_DEBUG_PLUGINS=1 \
            "$VENV/bin/python" /root/printers.py >"$root.out" 2>&1 &&
            grep -q 'libcupsprintersupport.so" loaded library' "$root.out"
        ;;
    esac
}

packages_up_to() { # GROUP : the packages the group needs, with those of the groups before
    case "$1" in
    headless) echo "" ;;
    offscreen) echo "$GUI_PACKAGES" ;;
    x11) echo "$GUI_PACKAGES $X11_PACKAGES" ;;
    print) echo "$GUI_PACKAGES $PRINT_PACKAGES" ;;
    esac
}

own_packages() {
    case "$1" in
    headless) echo "" ;;
    offscreen) echo "$GUI_PACKAGES" ;;
    x11) echo "$X11_PACKAGES" ;;
    print) echo "$PRINT_PACKAGES" ;;
    esac
}

FAILED=0
# The package lists are split into words on purpose below (unquoted $(...)).
for group in headless offscreen x11 print; do
    layer "$group"
    root="$ROOT"
    # shellcheck disable=SC2046
    apt_install "$root" $(packages_up_to "$group")
    if check "$group" "$root"; then
        echo "== $group: works with: $(packages_up_to "$group" | xargs)"
        [ "$group" = x11 ] && grep -E 'loaded library|Cannot load' "$root.out" |
            sed 's/^/   /' | sort -u
    else
        echo "== $group: FAILS with: $(packages_up_to "$group" | xargs)"
        sed 's/^/   /' "$root.out"
        FAILED=1
        continue
    fi
    [ "$group" = offscreen ] && cp "$root/root/loaded-offscreen.txt" "$WORK/"
    [ "$group" = x11 ] && cp "$root/root/loaded-x11.txt" "$WORK/"
    umount_layer "$group"
    for left_out in $(own_packages "$group"); do
        layer "$group-without-$left_out"
        root="$ROOT"
        # shellcheck disable=SC2046
        apt_install "$root" $(packages_up_to "$group" | tr ' ' '\n' | grep -vx "$left_out")
        if check "$group" "$root"; then
            echo "   $left_out: NOT NEEDED (the group works without it)"
            FAILED=1
        else
            lacking="$(grep -o -m1 -E '[[:alnum:]_.+-]+\.so[.0-9]*(: cannot open| => not found|$)' \
                "$root.out" | head -n1 | sed 's/: cannot open//; s/ => not found//' || true)"
            echo "   $left_out: needed (without it: ${lacking:-see $root.out} is missing)"
        fi
        umount_layer "$group-without-$left_out"
        rm -rf "$WORK/layers/$group-without-$left_out"
    done
done

echo "== Wayland (not run): libraries its Qt plugins lack on top of the GUI packages"
layer wayland
root="$ROOT"
# shellcheck disable=SC2046
apt_install "$root" $(packages_up_to offscreen)
for file in platforms/libqwayland.so wayland-shell-integration/libxdg-shell.so \
    wayland-graphics-integration-client/libqt-plugin-wayland-egl.so \
    wayland-decoration-client/libbradient.so; do
    in_root "$root" ldd "$SITE/PySide6/Qt/plugins/$file" | awk '/not found/ { print $1 }'
done | sort -u | sed 's/^/   /'

echo
echo "sudo apt-get install $GUI_PACKAGES $X11_PACKAGES $PRINT_PACKAGES"
exit "$FAILED"
