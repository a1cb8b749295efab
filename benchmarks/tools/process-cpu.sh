#!/bin/bash
# Per-process CPU (% of one core) of the platform's JVMs over a window: process-cpu.sh <seconds>

declare -A before names
for p in $(pgrep -f "org.fourinone.local.Child|\.jar|ClosedLoopOrders.java|LocalStack"); do
  n=$(tr '\0' ' ' < /proc/$p/cmdline | grep -o -E '[a-z-]+\.jar|kafka.Kafka|MongoWireNode|LocalStack|ClosedLoopOrders.java' | tail -1)
  names[$p]=$n; before[$p]=$(awk '{print $14+$15}' /proc/$p/stat)
done
sleep $1
tot=0
for p in "${!before[@]}"; do
  [ -e /proc/$p/stat ] || continue
  now=$(awk '{print $14+$15}' /proc/$p/stat); d=$(( now - ${before[$p]} ))
  echo "${names[$p]} $(( d / $1 ))%"; tot=$(( tot + d ))
done | sort -k2 -t' ' -rn
