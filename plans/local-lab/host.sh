#!/bin/sh
# host.sh stop|start HOST: stops or starts every lab process of one host, the way a
# maintenance takes a machine down and brings it back. Used as the plan's down/up hooks.
set -eu
LAB=${STAGGER_LAB:-/tmp/stagger-local-lab}
[ $# -eq 2 ] || { echo "usage: host.sh stop|start HOST" >&2; exit 2; }
[ -d "$LAB/$2" ] || { echo "host.sh: no lab host $2 in $LAB" >&2; exit 1; }
for node in "$LAB/$2"/*/; do
  node=${node%/}
  case "$1" in
    stop)
      if [ -f "$node/pid" ] && kill "$(cat "$node/pid")" 2>/dev/null; then
        while kill -0 "$(cat "$node/pid")" 2>/dev/null; do sleep 0.1; done
        echo "stopped $(basename "$node") on $2"
      fi
      rm -f "$node/pid" ;;
    start)
      # shellcheck disable=SC2046
      nohup $(cat "$node/cmd") >/dev/null 2>&1 &
      echo $! > "$node/pid"
      echo "started $(basename "$node") on $2 (pid $!)" ;;
    *) echo "usage: host.sh stop|start HOST" >&2; exit 2 ;;
  esac
done
