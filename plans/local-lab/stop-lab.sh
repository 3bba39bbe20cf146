#!/bin/sh
# Stops every process of the lab and removes its directory.
set -eu
LAB=${STAGGER_LAB:-/tmp/stagger-local-lab}
HERE=$(cd "$(dirname "$0")" && pwd)
[ -d "$LAB" ] || exit 0
for host in "$LAB"/*/; do
  STAGGER_LAB=$LAB "$HERE/host.sh" stop "$(basename "$host")"
done
rm -rf "$LAB"
