#!/usr/bin/env bash
# Installs the build into a temporary prefix and validates what a desktop reads: the desktop file
# (desktop-file-validate), the AppStream metainfo (appstreamcli validate --no-net, whose release
# must be the project's version), the hicolor icons (SVG and every PNG size), the docs.
# Usage: check-install.sh <build dir>
set -euo pipefail
build=$1
prefix=$(mktemp -d "${TMPDIR:-/tmp}/ecr-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null

id=org.ecrptcadmin.EcrPtcAdmin
desktop=$prefix/share/applications/$id.desktop
metainfo=$prefix/share/metainfo/$id.metainfo.xml
desktop-file-validate "$desktop"
appstreamcli validate --no-net "$metainfo"
version=$("$prefix/bin/ecr-ptc-admin" --version | awk '{print $2}')
grep -q "<release version=\"$version\"" "$metainfo" || { echo "metainfo lacks release $version" >&2; exit 1; }
grep -q "^## $version " "$(dirname "$0")/../../CHANGELOG.md" || { echo "CHANGELOG lacks $version" >&2; exit 1; }
grep -q "^Icon=$id$" "$desktop"
test -s "$prefix/share/icons/hicolor/scalable/apps/$id.svg"
for size in 16 22 24 32 48 64 128 256; do
    png=$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png
    test -s "$png" || { echo "missing $png" >&2; exit 1; }
    # The PNG header's width field is the size it claims.
    width=$(od -An -tu1 -j16 -N4 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
    [[ "$width" == "$size" ]] || { echo "$png is ${width}px wide, not $size" >&2; exit 1; }
done
for doc in README.md CHANGELOG.md ARCHITECTURE.md CREDENTIALS.md SECURITY.md; do
    test -s "$prefix/share/doc/ecr-ptc-admin/$doc" || { echo "missing doc $doc" >&2; exit 1; }
done
echo "install_validate: desktop file, metainfo (release $version), 9 icons and 5 documents are valid"
