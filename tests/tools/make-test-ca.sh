#!/usr/bin/env bash
# Makes a test certificate authority and three server certificates it signed, for the sandbox's
# HTTPS in tst_tls: good.pem (127.0.0.1 and localhost, valid now), expired.pem (valid for a day
# in 2020) and wronghost.pem (valid now, for wrong.example.test only). Keys beside them.
# Usage: tests/tools/make-test-ca.sh OUTDIR
set -euo pipefail
out=$1
mkdir -p "$out/newcerts"
cd "$out"
: >index.txt
echo 1000 >serial
cat >ca.cnf <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
default_md = sha256
policy = any_name
copy_extensions = copy
unique_subject = no
[ any_name ]
commonName = supplied
[ server ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
CNF
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ecr-ptc-admin test CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout ca.key -out ca.pem 2>/dev/null
server() { # server NAME SAN START END
    openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$1" -addext "subjectAltName=$2" \
        -keyout "$1.key" -out "$1.csr" 2>/dev/null
    openssl ca -batch -config ca.cnf -extensions server -cert ca.pem -keyfile ca.key \
        -in "$1.csr" -out "$1.pem" -notext -startdate "$3" -enddate "$4" 2>/dev/null
}
now=$(date -u -d '-1 hour' +%Y%m%d%H%M%SZ)
later=$(date -u -d '+2 days' +%Y%m%d%H%M%SZ)
server good "IP:127.0.0.1,DNS:localhost" "$now" "$later"
server expired "IP:127.0.0.1,DNS:localhost" 20200101000000Z 20200102000000Z
server wronghost "DNS:wrong.example.test" "$now" "$later"
