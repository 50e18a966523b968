# Sourced by bench/startup-phases.sh and bench/startup-ab.sh (not run on its own).
# await_ready URL PID: polls URL every 10 ms (at most 120 s) until it answers 200 or the process PID ends;
# prints "READY_NS CPU_S MAIN_CPU_S" at the first 200: the wall clock in ns, the CPU seconds of the
# process, and those of its threads still named java (the launcher's and the main thread); prints
# nothing when the process ended first or the time ran out.
await_ready() {
  local url=$1 pid=$2 code ready cpu main
  for _ in $(seq 1 12000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    if [ "$code" = 200 ]; then
      ready=$(date +%s%N)
      cpu=$(awk '{print ($14 + $15) / 100}' "/proc/$pid/stat")
      main=$(for task in /proc/"$pid"/task/*; do if [ "$(cat "$task/comm")" = java ]; then cat "$task/stat"; fi; done \
        | awk '{sum += $14 + $15} END {print sum / 100}')
      echo "$ready $cpu $main"
      return 0
    fi
    kill -0 "$pid" 2> /dev/null || return 0
    sleep 0.01
  done
}
