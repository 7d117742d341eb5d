#!/usr/bin/env bash
# Builds the .deb of this build tree with CPack and installs it into a fresh Debian root made
# by debootstrap (minbase, the host's release and mirror), with apt resolving its Depends
# (recommends left out, so the Depends alone must be enough); then runs the installed
# `ecr-ptc-admin --version` in that root. Needs root (chroot): exits 77 (skipped) without it.
# Usage: check-package.sh <build dir> <expected version>
set -euo pipefail
build=$1
version=$2
if [[ $(id -u) -ne 0 ]]; then
    echo "package_deb: skipped: debootstrap and chroot need root" >&2
    exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/ecr-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log") || { cat "$work/cpack.log" >&2; exit 1; }
deb=$(ls "$work"/out/ecr-ptc-admin_"$version"_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "package_deb: $(basename "$deb"), Depends: $depends"
# shlibdeps ran: the Qt libraries the binary links are named.
for lib in libqt6widgets6 libqt6network6 libqt6keychain1 libqcoro6core0; do
    [[ "$depends" == *"$lib"* ]] || { echo "Depends lacks $lib" >&2; exit 1; }
done

# The host's own release and Debian mirror, as apt is set up here.
. /etc/os-release
suite=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}
mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | grep -E '^(URIs:|deb )' | grep -v security | head -1 \
    | sed -E 's/^URIs: *//; s/^deb +(\[[^]]*\] +)?//; s/ .*//' || true)
[[ -n "$mirror" ]] || { echo "no Debian mirror found in the apt sources" >&2; exit 1; }
root=$work/root
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
cp /etc/apt/apt.conf.d/99artifact-registry "$root/etc/apt/apt.conf.d/" 2>/dev/null || true
cp "$deb" "$root/tmp/"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$deb")" >"$work/install.log" 2>&1 || { tail -30 "$work/install.log" >&2; exit 1; }
out=$(chroot "$root" ecr-ptc-admin --version)
[[ "$out" == "ecr-ptc-admin $version" ]] || { echo "installed app says '$out'" >&2; exit 1; }
chroot "$root" test -f /usr/share/applications/org.ecrptcadmin.EcrPtcAdmin.desktop
chroot "$root" test -f /usr/share/icons/hicolor/256x256/apps/org.ecrptcadmin.EcrPtcAdmin.png
echo "package_deb: installed into a fresh $suite root by debootstrap; it prints: $out"
