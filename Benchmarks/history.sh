#!/usr/bin/env bash
# An environment with many assessments: reading the latest one, the diff and the trends must stay
# fast. Builds release, imports the bundled example once, assesses it N times (default 500), then
# times `report` (latest assessment, changes and trends of all N), `diff` and `environments list`,
# and prints the query plans that show the indexes in use.
# Usage: Benchmarks/history.sh          ASSESSMENTS=100 Benchmarks/history.sh
set -euo pipefail
cd "$(dirname "$0")/.."
count="${ASSESSMENTS:-500}"
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
swift build -c release --product aovpn-advisor >/dev/null
bin="$(swift build -c release --show-bin-path)/aovpn-advisor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/history.sqlite"

"$bin" import Examples/contoso --db "$db" >/dev/null
start=$(date +%s.%N)
for _ in $(seq "$count"); do "$bin" assess --db "$db" >/dev/null; done
end=$(date +%s.%N)
printf "assessments: %d in %.1f s (%.3f s each); database %s\n" "$count" "$(echo "$end - $start" | bc)" \
    "$(echo "($end - $start) / $count" | bc -l)" "$(du -h "$db" | cut -f1)"

# measure LABEL COMMAND... -> seconds and peak RSS of one run
measure() {
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1
    read -r seconds kib < "$work/time"
    printf "%-34s %6.2f s  %6.1f MiB\n" "$label" "$seconds" "$(echo "$kib / 1024" | bc -l)"
}
measure "report (latest, changes, trends)" "$bin" report --db "$db" --out "$work/report"
measure "diff (latest vs previous)" "$bin" diff --db "$db"
measure "diff --from 1 (first vs latest)" "$bin" diff --db "$db" --from 1
measure "environments list" "$bin" environments list --db "$db"
echo "report.html: $(du -h "$work/report/report.html" | cut -f1), report.md: $(du -h "$work/report/report.md" | cut -f1)"

if command -v sqlite3 >/dev/null; then
    echo "query plans:"
    sqlite3 "$db" "EXPLAIN QUERY PLAN SELECT * FROM finding WHERE assessmentId = $count ORDER BY id" | sed 's/^/  findings of one assessment: /'
    sqlite3 "$db" "EXPLAIN QUERY PLAN SELECT * FROM assessment WHERE environmentId = 1 ORDER BY id DESC LIMIT 1" | sed 's/^/  latest assessment: /'
fi
