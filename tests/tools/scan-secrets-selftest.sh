#!/usr/bin/env bash
# The secret scan's own test: it passes on a clean run folder, fails on a secret planted in each
# encoded form, ignores files outside the run folder and inside gnome-keyring's keyrings, and
# fails when it read fewer files than expected. Prints a line per case and "N passed, M failed".
set -uo pipefail
scan=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/scan-secrets
work=$(mktemp -d "${TMPDIR:-/tmp}/scan-secrets-selftest.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# fresh: a run folder with a few harmless files, as a test run leaves them.
fresh() {
    rm -rf "$work/run" "$work/outside"
    mkdir -p "$work/run/home/.config/org.ecrptcadmin" "$work/run/tmp" "$work/outside"
    printf '[General]\nregion=eu-west-1\n' >"$work/run/home/.config/org.ecrptcadmin/EcrPtcAdmin.conf"
    printf 'log line\n' >"$work/run/tmp/app.log"
    printf '{"startUrl": "https://example.awsapps.com/start"}' >"$work/run/tmp/cache.json"
}
# expect NAME STATUS TEXT [scan arguments...]: the scan exits with STATUS and prints TEXT.
expect() {
    local name=$1 want=$2 text=$3
    shift 3
    local out status=0
    out=$("$scan" --root "$work/run" "$@" 2>&1) || status=$?
    if [[ $status -eq $want && $out == *"$text"* ]]; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name: exit $status (wanted $want), output:"
        sed 's/^/     /' <<<"$out"
    fi
}
b64() { printf '%s' "$1" | base64 -w0; }

fresh
expect "a clean run passes and counts its files" 0 "read 4 file(s)" --min-files 3
fresh
printf 'key=prefix-EXAMPLESECRETSENTINEL-suffix\n' >"$work/run/tmp/plain.txt"
expect "a plain secret fails" 1 "secret found in tmp/plain.txt (plain)"
for prefix in "" "a" "ab"; do
    fresh
    b64 "${prefix}SANDBOXTOKENabcdef" >"$work/run/home/encoded.txt"
    expect "a base64 secret fails (offset ${#prefix})" 1 "secret found in home/encoded.txt (base64)"
done
fresh
printf 'EXAMPLETOKENSENTINEL' | iconv -t UTF-16LE >"$work/run/tmp/utf16le.bin"
expect "a UTF-16LE secret fails" 1 "secret found in tmp/utf16le.bin (UTF-16)"
fresh
printf 'SANDBOXSECRETxyz' | iconv -t UTF-16BE >"$work/run/tmp/utf16be.bin"
expect "a UTF-16BE secret fails" 1 "secret found in tmp/utf16be.bin (UTF-16)"
fresh
printf '[General]\nkey=@Variant(\\0\\0\\0\\n\\0\\0\\0\\x1c%s)\n' \
    "$(printf 'EXAMPLESECRETSENTINEL' | sed 's/./\\0&/g')" >"$work/run/home/settings.ini"
expect "a QSettings @Variant secret fails" 1 "secret found in home/settings.ini (QSettings UTF-16)"
fresh
printf 'EXAMPLESECRETSENTINEL' >"$work/outside/elsewhere.txt"
expect "a secret outside the run folder is not the run's" 0 "secret-scan: clean"
fresh
mkdir -p "$work/run/home/.local/share/keyrings"
printf 'EXAMPLESECRETSENTINEL' >"$work/run/home/.local/share/keyrings/login.keyring"
expect "gnome-keyring's own keyrings are not read" 0 "secret-scan: clean"
fresh
mkdir -p "$work/run/home/.aws/sso/cache"
printf '{"accessToken": "SANDBOXSSOTOKENabc"}' >"$work/run/home/.aws/sso/cache/0123.json"
expect "the CLI's SSO cache may hold the SSO token" 0 "secret-scan: clean"
printf '{"accessToken": "SANDBOXTOKENabc"}' >"$work/run/home/.aws/sso/cache/0123.json"
expect "but never role credentials" 1 "secret found in home/.aws/sso/cache/0123.json"
fresh
printf '[default]\naws_secret_access_key = EXAMPLESECRETSENTINEL\n' >"$work/run/tmp/credentials"
printf '%s %s\n' "$(sha256sum "$work/run/tmp/credentials" | cut -d' ' -f1)" "$work/run/tmp/credentials" \
    >"$work/run/secret-fixtures.txt"
expect "a test's own fixture is passed over" 0 "1 unchanged test fixture(s)"
printf 'aws_session_token = SANDBOXTOKENxyz\n' >>"$work/run/tmp/credentials"
expect "but not once something changed it" 1 "secret found in tmp/credentials (plain)"
fresh
expect "too few files fail" 1 "fewer than the 10 expected" --min-files 10
fresh
printf 'SANDBOXSECRET in the log\n' >"$work/outside/ctest.log"
expect "a log given with --log is read" 1 "secret found in $work/outside/ctest.log" \
    --log "$work/outside/ctest.log"
expect "a missing log fails" 1 "does not exist" --log "$work/outside/none.log"
rm -rf "$work/run"
expect "a missing run folder fails" 1 "does not exist"

echo "scan-secrets-selftest: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
