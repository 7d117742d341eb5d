#!/usr/bin/env bash
# Every shipped language is complete: lupdate reads today's sources into a copy of each .ts, so
# a new or changed message shows up as unfinished; then no message may be unfinished or
# vanished, and none may sit in a bare namespace context (a tr() that lupdate placed where the
# app does not look for it at run time). lrelease must build the catalogue.
# Usage: check-translations.sh <source dir>
set -euo pipefail
src=$1
bin=/usr/lib/qt6/bin
work=$(mktemp -d "${TMPDIR:-/tmp}/ecr-ts.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
for ts in "$src"/resources/translations/*.ts; do
    copy=$work/$(basename "$ts")
    cp "$ts" "$copy"
    "$bin/lupdate" -silent -no-obsolete -locations none "$src/core" "$src/ui" "$src/app" -ts "$copy" >/dev/null 2>&1
    total=$(grep -c '<message' "$copy" || true)
    unfinished=$(grep -c 'type="unfinished"' "$copy" || true)
    vanished=$(grep -c 'type="vanished"\|type="obsolete"' "$copy" || true)
    bare=$(grep -cE '<name>(ecr|ecr::[a-z]+)</name>' "$copy" || true)
    "$bin/lrelease" -silent "$copy" -qm "$work/out.qm"
    lang=$(basename "$ts" .ts); lang=${lang#ecr-ptc-admin_}
    echo "translations_complete: $lang: $total messages, $unfinished unfinished, $vanished vanished, $bare in bare namespaces"
    if ((unfinished + vanished + bare > 0)); then
        grep -B3 'type="unfinished"' "$copy" | grep '<source>' | head -20 >&2 || true
        status=1
    fi
done
exit $status
