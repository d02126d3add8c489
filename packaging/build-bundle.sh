#!/usr/bin/env bash
# Build the Solo-Check desktop bundle on Linux and prove that it works.
#
#   bash packaging/build-bundle.sh [--fresh]
#
# 1. installs the Debian packages the build and the smoke test need (as root, with
#    apt-get; otherwise it names them and stops),
# 2. makes its own build environment (build/bundle/venv; --fresh makes it anew) with
#    Solo-Check and a pinned PyInstaller,
# 3. renders the icons from resources/icons/solo-check.svg (build/bundle/icons),
# 4. builds dist/solo-check/ with packaging/solo-check.spec,
# 5. smoke-tests it: the window comes up offscreen; `report`, `score` and
#    `check-content` give the same results as the installed package (the PDF is read
#    back); every bundled library finds the libraries it links against,
# 6. validates the .desktop file and the AppStream metainfo and lays out the install
#    tree dist/share/ (applications, metainfo, hicolor icons),
# 7. prints the bundle size and fails above 150 MiB.
# Any failure stops it with a message starting "build-bundle: FAILED" and exit code 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${SOLO_CHECK_BUILD_DIR:-$ROOT/build/bundle}"
DIST="${SOLO_CHECK_DIST_DIR:-$ROOT/dist}"
PYTHON="${PYTHON:-python3}"
VENV="$BUILD/venv"
ICONS="$BUILD/icons"
BUNDLE="$DIST/solo-check"
TREE="$DIST/share"
APP_ID="io.github.solo_check.SoloCheck"
LINUX_DIR="$ROOT/packaging/linux"
MAX_MIB=150
SMOKE_TIMEOUT=120
# Pinned so that a build today and one in a year slim the same way.
PIP_PINS=("pyinstaller==6.22.3" "pyinstaller-hooks-contrib==2026.9" "pypdf>=4")
# strip (binutils), desktop-file-validate, appstreamcli; and the libraries Qt's xcb and
# offscreen platforms, printing (CUPS) and fonts link against: PyInstaller copies them
# into the bundle from this machine, so they must be here for the bundle to be complete.
DEB_PACKAGES=(
    binutils desktop-file-utils appstream
    libgl1 libegl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libcups2
    libx11-6 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
    libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
    libxcb-xkb1
)

fail() {
    echo "build-bundle: FAILED: $*" >&2
    exit 1
}
step() { printf '\n== %s\n' "$*"; }

FRESH=0
for arg in "$@"; do
    case "$arg" in
        --fresh) FRESH=1 ;;
        -h | --help)
            sed -n '2,20p' "$0"
            exit 0
            ;;
        *) fail "unknown argument: $arg (try --help)" ;;
    esac
done
[[ "$(uname -s)" == Linux ]] ||
    fail "this script builds the Linux bundle; packaging/README.md says how on Windows and macOS"

step "Debian packages"
if command -v dpkg-query >/dev/null; then
    missing=()
    "$PYTHON" -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
    for package in "${DEB_PACKAGES[@]}"; do
        status="$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)"
        [[ "$status" == installed ]] || missing+=("$package")
    done
    if ((${#missing[@]})); then
        if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
            echo "installing: ${missing[*]}"
            apt-get update -qq || fail "apt-get update did not work"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                "${missing[@]}" >/dev/null || fail "apt-get could not install: ${missing[*]}"
        else
            fail "missing Debian packages; install them first: sudo apt-get install ${missing[*]}"
        fi
    else
        echo "all there"
    fi
else
    echo "not a Debian system: checking the tools only (install the Qt libraries yourself)"
fi
for tool in strip desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null ||
        fail "'$tool' is missing (Debian: binutils, desktop-file-utils, appstream)"
done

step "Build environment ($VENV)"
if ((FRESH)); then rm -rf "$VENV"; fi
if [[ ! -x "$VENV/bin/python" ]]; then
    "$PYTHON" -m venv "$VENV" || fail "could not create a virtual environment with $PYTHON"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$ROOT" "${PIP_PINS[@]}" ||
    fail "pip could not install Solo-Check and PyInstaller into $VENV"
VERSION="$("$VENV/bin/python" -c 'import solo_check; print(solo_check.__version__)')"
echo "Solo-Check $VERSION, $("$VENV/bin/pyinstaller" --version | sed 's/^/PyInstaller /')"

step "Icons ($ICONS)"
"$VENV/bin/python" "$ROOT/packaging/make_icons.py" "$ICONS" >/dev/null ||
    fail "could not render the icons"
ls "$ICONS"

step "PyInstaller ($BUNDLE)"
rm -rf "$BUNDLE" "$TREE"
mkdir -p "$BUILD"
build_started=$SECONDS
if ! SOLO_CHECK_ICON_DIR="$ICONS" "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/pyinstaller" "$ROOT/packaging/solo-check.spec" \
    >"$BUILD/pyinstaller.log" 2>&1; then
    tail -n 40 "$BUILD/pyinstaller.log" >&2
    fail "PyInstaller failed (whole log: $BUILD/pyinstaller.log)"
fi
grep '^solo-check.spec: dropped' "$BUILD/pyinstaller.log" | fold -s -w 100
echo "built in $((SECONDS - build_started)) s"
[[ -x "$BUNDLE/solo-check" ]] || fail "$BUNDLE/solo-check was not built"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# Without a UTF-8 locale (e.g. LANG unset) Qt warns that it switches to C.UTF-8; the
# smoke tests run in the locale Qt expects, which glibc always has.
export LC_ALL=C.UTF-8

step "Smoke test: every bundled library finds what it links against"
INTERNAL="$BUNDLE/_internal"
unresolved="$(find "$INTERNAL" -type f \( -name '*.so' -o -name '*.so.*' \) -print0 |
    xargs -0 -n 20 env LD_LIBRARY_PATH="$INTERNAL" ldd 2>/dev/null |
    awk '/^\// {file = $1} /not found/ {print file " needs " $1}' | sort -u)"
[[ -z "$unresolved" ]] ||
    fail "libraries not found (install the Debian packages that have them, build again):
$unresolved"
echo "all resolved"

step "Smoke test: the window comes up (offscreen)"
mkdir -m 700 "$TMP/runtime"
gui_code=0
env QT_QPA_PLATFORM=offscreen SOLO_CHECK_EXIT_WHEN_SHOWN=1 SOLO_CHECK_HOME="$TMP/home" \
    XDG_RUNTIME_DIR="$TMP/runtime" timeout -k 5 "$SMOKE_TIMEOUT" "$BUNDLE/solo-check" \
    >"$TMP/gui.out" 2>"$TMP/gui.err" || gui_code=$?
cat "$TMP/gui.out"
if [[ $gui_code -eq 124 || $gui_code -eq 137 ]]; then
    fail "the window did not come up within $SMOKE_TIMEOUT s"
fi
[[ $gui_code -eq 0 ]] || fail "the program exited with code $gui_code: $(cat "$TMP/gui.err")"
grep -q "window shown" "$TMP/gui.out" || fail "no 'window shown' on stdout: $(cat "$TMP/gui.err")"
# "ready" comes once the content is validated and the window complete, after the first page.
grep -q "solo-check: ready" "$TMP/gui.out" || fail "the window did not get ready: $(cat "$TMP/gui.err")"
# A warning here usually means a plugin or library the bundle lacks. The offscreen
# platform's note that it cannot propagate size hints is the only harmless one.
warnings="$(grep -v 'propagateSizeHints' "$TMP/gui.err" || true)"
[[ -z "$warnings" ]] || fail "the window started with warnings:
$warnings"

step "Smoke test: every Qt module the window imports is in the bundle"
# Pages opened later (results, report preview, printing) import their Qt modules only
# when first shown, which the start above does not reach: check them by name.
missing_modules=""
for module in $(grep -rhoE '^ *(from|import) PySide6\.Qt[A-Za-z]+' "$ROOT/src/solo_check/gui" |
    sed -E 's/.*PySide6\.//' | sort -u); do
    compgen -G "$INTERNAL/PySide6/$module.*so" >/dev/null || missing_modules+=" $module"
done
[[ -z "$missing_modules" ]] || fail "Qt modules missing from the bundle:$missing_modules"
echo "all present"

step "Smoke test: headless commands give what the installed package gives"
EXAMPLE="$ROOT/examples/copywriter-one-client.json"
TODAY="$(date +%F)"
run_both() { # run_both NAME ARGS...: the bundle and the installed package, same arguments
    local name="$1"
    shift
    timeout "$SMOKE_TIMEOUT" "$BUNDLE/solo-check" "$@" >"$TMP/$name.bundle" 2>&1 ||
        fail "bundle: solo-check $* exited with $?: $(cat "$TMP/$name.bundle")"
    "$VENV/bin/solo-check" "$@" >"$TMP/$name.package" 2>&1 ||
        fail "package: solo-check $* exited with $?: $(cat "$TMP/$name.package")"
}
[[ "$("$BUNDLE/solo-check" --version)" == "solo-check $VERSION" ]] ||
    fail "solo-check --version does not say $VERSION"
run_both content check-content --lang en
cmp -s "$TMP/content.bundle" "$TMP/content.package" ||
    fail "check-content differs from the package's: $(cat "$TMP/content.bundle")"
cat "$TMP/content.bundle"
run_both score score "$EXAMPLE" --today "$TODAY"
cmp -s "$TMP/score.bundle" "$TMP/score.package" || fail "score differs from the installed package's"
echo "score: $(wc -l <"$TMP/score.bundle") lines, same as the package's"
timeout "$SMOKE_TIMEOUT" \
    "$BUNDLE/solo-check" report "$EXAMPLE" --today "$TODAY" -o "$TMP/bundle.pdf" ||
    fail "bundle: solo-check report exited with $?"
"$VENV/bin/solo-check" report "$EXAMPLE" --today "$TODAY" -o "$TMP/package.pdf" >/dev/null ||
    fail "package: solo-check report exited with $?"
check_report() { # check_report BUNDLE_PDF PACKAGE_PDF
    "$VENV/bin/python" - "$@" <<'PY'
"""The bundle's report must be the installed package's report, page by page."""
import sys

from pypdf import PdfReader

bundle, package = (PdfReader(path) for path in sys.argv[1:3])
bundle_pages = [page.extract_text() for page in bundle.pages]
package_pages = [page.extract_text() for page in package.pages]
problems = []
if len(bundle_pages) < 2:
    problems.append(f"only {len(bundle_pages)} page(s)")
if "Solo-Check" not in bundle_pages[0]:
    problems.append("no 'Solo-Check' on the first page")
if bundle_pages != package_pages:
    problems.append("its text differs from the installed package's report")
if bundle.metadata.title != package.metadata.title:
    problems.append(f"title {bundle.metadata.title!r} != {package.metadata.title!r}")
if problems:
    sys.exit("report: " + "; ".join(problems))
title = bundle.metadata.title
print(f"report: {len(bundle_pages)} pages, title {title!r}, same text as the package's")
PY
}
check_report "$TMP/bundle.pdf" "$TMP/package.pdf" || fail "the bundle's report is not right"
for file in solo_check/resources/legal/LICENSE solo_check/resources/legal/THIRD-PARTY-NOTICES.md \
    licenses/README.txt licenses/LGPL-3.0.txt licenses/GPL-3.0.txt licenses/Qt-and-PySide6.txt; do
    [[ -s "$INTERNAL/$file" ]] || fail "the bundle lacks $file"
done
echo "licences: $(find "$INTERNAL/licenses" -type f | wc -l) files in _internal/licenses"

step "Desktop file and AppStream metainfo"
desktop-file-validate "$LINUX_DIR/$APP_ID.desktop" || fail "desktop-file-validate: $APP_ID.desktop"
appstreamcli validate --no-net "$LINUX_DIR/$APP_ID.metainfo.xml" ||
    fail "appstreamcli validate: $APP_ID.metainfo.xml"
install -Dm644 "$LINUX_DIR/$APP_ID.desktop" "$TREE/applications/$APP_ID.desktop"
install -Dm644 "$LINUX_DIR/$APP_ID.metainfo.xml" "$TREE/metainfo/$APP_ID.metainfo.xml"
install -Dm644 "$ROOT/resources/icons/solo-check.svg" \
    "$TREE/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in "$ICONS"/solo-check-*.png; do
    size="${png##*-}"
    size="${size%.png}"
    install -Dm644 "$png" "$TREE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
# The metainfo, desktop file and icons checked together, as a distribution would see them.
mkdir -p "$TMP/root/usr"
cp -r "$TREE" "$TMP/root/usr/share"
appstreamcli validate-tree --no-net "$TMP/root" ||
    fail "appstreamcli validate-tree of the install tree"
echo "install tree: $TREE"

step "Size"
bytes="$(du -sb "$BUNDLE" | cut -f1)"
mib="$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')"
echo "bundle: $mib MiB ($bytes bytes) in $BUNDLE; limit $MAX_MIB MiB"
((bytes <= MAX_MIB * 1048576)) || fail "the bundle is $mib MiB, over the limit of $MAX_MIB MiB"

echo
echo "build-bundle: OK: $BUNDLE ($mib MiB) and $TREE, in $SECONDS s"
