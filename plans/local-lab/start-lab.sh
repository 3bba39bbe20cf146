#!/bin/sh
# Starts a three-host stagger lab on 127.0.0.1 with the redis-server on PATH:
#   app1: redis 6401 (master of `cache`), sentinel 26401
#   app2: redis 6402 (replica),           sentinel 26402
#   arb3:                                  sentinel 26403
# Each "host" is a set of processes that host.sh stops and starts together, as a
# maintenance would stop a machine. State lives in $STAGGER_LAB (default /tmp/stagger-local-lab).
set -eu
LAB=${STAGGER_LAB:-/tmp/stagger-local-lab}
HERE=$(cd "$(dirname "$0")" && pwd)
command -v redis-server >/dev/null || { echo "start-lab.sh: redis-server is not on PATH" >&2; exit 1; }
if [ -e "$LAB" ]; then
  echo "start-lab.sh: $LAB exists; run stop-lab.sh first (or set STAGGER_LAB)" >&2
  exit 1
fi

redis_conf() { # host port [master-port]
  mkdir -p "$LAB/$1/redis"
  {
    echo "port $2"
    echo "bind 127.0.0.1"
    echo "dir $LAB/$1/redis"
    echo "save \"\""
    echo "appendonly no"
    echo "repl-diskless-sync yes"
    echo "repl-diskless-sync-delay 0"
    echo "logfile $LAB/$1/redis/redis.log"
    [ $# -gt 2 ] && echo "replicaof 127.0.0.1 $3"
  } > "$LAB/$1/redis/redis.conf"
  echo "redis-server $LAB/$1/redis/redis.conf" > "$LAB/$1/redis/cmd"
}

sentinel_conf() { # host port
  mkdir -p "$LAB/$1/sentinel"
  {
    echo "port $2"
    echo "bind 127.0.0.1"
    echo "dir $LAB/$1/sentinel"
    echo "logfile $LAB/$1/sentinel/sentinel.log"
    echo "sentinel monitor cache 127.0.0.1 6401 2"
    echo "sentinel down-after-milliseconds cache 3000"
    echo "sentinel failover-timeout cache 10000"
  } > "$LAB/$1/sentinel/sentinel.conf"
  echo "redis-server $LAB/$1/sentinel/sentinel.conf --sentinel" > "$LAB/$1/sentinel/cmd"
}

redis_conf app1 6401
redis_conf app2 6402 6401
sentinel_conf app1 26401
sentinel_conf app2 26402
sentinel_conf arb3 26403
for host in app1 app2 arb3; do
  STAGGER_LAB=$LAB "$HERE/host.sh" start "$host"
done
echo "lab running in $LAB: app1 (redis 6401, sentinel 26401), app2 (redis 6402, sentinel 26402), arb3 (sentinel 26403)"
