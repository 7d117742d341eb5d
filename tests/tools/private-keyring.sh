#!/usr/bin/env bash
# Runs a command in a D-Bus session of its own with a gnome-keyring of its own (fresh HOME,
# unlocked with the test password), for a test that must be able to kill its Secret Service
# without touching the one the rest of the suite shares.
# Usage: tests/tools/private-keyring.sh COMMAND [ARGS...]
set -euo pipefail
home=$(mktemp -d "${TMPDIR:-/tmp}/private-keyring.XXXXXX")
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share
export XDG_CACHE_HOME=$home/.cache XDG_RUNTIME_DIR=$home/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY
dbus-run-session -- bash -c '
    printf %s test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    for _ in $(seq 1 50); do
        if dbus-send --session --print-reply --dest=org.freedesktop.secrets \
            /org/freedesktop/secrets/aliases/default org.freedesktop.DBus.Properties.Get \
            string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null | grep -q "boolean false"; then
            break
        fi
        sleep 0.1
    done
    "$@"
' private-keyring "$@"
