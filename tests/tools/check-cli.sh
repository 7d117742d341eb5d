#!/usr/bin/env bash
# Runs the app's command line with no display at all and checks its exit status and output.
# Usage: check-cli.sh <expected-status> <regex the output must match> <app> [arguments...]
set -uo pipefail
expected=$1 pattern=$2
shift 2
output=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$@" 2>&1)
status=$?
printf '%s\n' "$output"
if [[ $status -ne $expected ]]; then
    echo "check-cli: exit status $status, expected $expected" >&2
    exit 1
fi
if ! grep -Eq -- "$pattern" <<<"$output"; then
    echo "check-cli: output does not match: $pattern" >&2
    exit 1
fi
echo "check-cli: status $status and output as expected"
