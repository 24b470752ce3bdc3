#!/bin/bash
# The Debian package, built by cpack from this build and used as a user would: its Depends are Debian package names
# that apt resolves, it holds the binary, .desktop entry, icon, AppStream metainfo and man page, and the installed
# binary prints its version and runs a small headless analysis (a one-checkpoint quick zoo it trains itself).
# With MS_TEST_INSTALL_DEB=1 (.ci/run sets it) and root or password-less sudo, `apt-get install ./manifoldscope_*.deb`
# installs it for real (and the test removes it again); otherwise apt only simulates the install and the package is
# unpacked with dpkg -x into a temporary folder, so command B never changes the user's system.
# Usage: deb_package_test.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
work=$(mktemp -d "$build/test-output/deb-package.XXXXXX")
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/package" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/package/manifoldscope_*_*.deb)
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for package in libtorch1.13 libvtk9.1 libqt6widgets6 libhdf5-cpp-103-1 qt6-qpa-plugins; do
  grep -q "\b$package\b" <<<"$depends" || fail "Depends lacks $package"
done
contents=$(dpkg-deb --contents "$deb")
for file in usr/bin/manifoldscope usr/share/applications/manifoldscope.desktop \
            usr/share/icons/hicolor/128x128/apps/manifoldscope.png \
            usr/share/metainfo/org.manifoldscope.ManifoldScope.metainfo.xml usr/share/man/man1/manifoldscope.1.gz \
            usr/share/doc/manifoldscope/copyright; do
  grep -q " \./$file\$" <<<"$contents" || fail "the package lacks /$file"
done

mkdir -p "$work/root"
dpkg -x "$deb" "$work/root"
zcat "$work/root/usr/share/man/man1/manifoldscope.1.gz" | grep -q "^analyze" || fail "the man page lists no commands"
for vendored in stb umappp qdtsne knncolle irlba subpar aarand sanisizer; do
  grep -q "^Files: third_party/$vendored/\*" "$work/root/usr/share/doc/manifoldscope/copyright" \
    || fail "the copyright file lacks third_party/$vendored"
done
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$work/root/usr/share/metainfo/org.manifoldscope.ManifoldScope.metainfo.xml" \
    || fail "metainfo does not validate"
fi

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
installed_before=$(dpkg-query -W -f='${Status}' manifoldscope 2>/dev/null || true)
if [ "${MS_TEST_INSTALL_DEB:-0}" = 1 ] && [ "$installed_before" != "install ok installed" ] &&
   "${as_root[@]}" true 2>/dev/null; then
  trap '"${as_root[@]}" dpkg -r manifoldscope >/dev/null 2>&1 || true' EXIT
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "$deb" \
    >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install"; }
  binary=/usr/bin/manifoldscope
  echo "installed with apt-get"
else
  apt-get install -s "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt cannot resolve the Depends"; }
  grep -q "^Inst manifoldscope" "$work/apt.log" || { cat "$work/apt.log"; fail "apt would not install it"; }
  binary="$work/root/usr/bin/manifoldscope"
  echo "apt resolves the Depends (simulated install); running the unpacked binary"
fi

[ "$("$binary" --version)" = "manifoldscope $(dpkg-deb --field "$deb" Version)" ] || fail "--version"
"$binary" zoo train --preset quick --runs 1 --out "$work/zoo" >"$work/zoo.log" 2>&1 || { cat "$work/zoo.log"; fail "zoo"; }
"$binary" analyze "$work/zoo" --project "$work/small.msproj" --layers penultimate --points-per-manifold 10 --n-t 20 \
  >"$work/analyze.log" 2>&1 || { cat "$work/analyze.log"; fail "analyze"; }
grep -q "1 checkpoint(s) analysed" "$work/analyze.log" || { cat "$work/analyze.log"; fail "analyze summary"; }
[ -s "$work/small.csv" ] || fail "no results table"
echo "the packaged binary ran: $(grep "checkpoint(s) analysed" "$work/analyze.log")"
rm -rf "$work"
echo PASS
