#!/usr/bin/env bash
# Measures, in one run on the same files and machine: our import of each format, xmllint --stream
# (libxml2's own floor) and Python's ElementTree.iterparse walking the same CLIXML, and our
# assessment and reports of the whole estate, at three input sizes so growth is visible.
# Usage: Benchmarks/compare.sh            (SIZES="75 250 500" MiB of NRPT CLIXML; the .reg is half)
#        SIZES="25 50 100" Benchmarks/compare.sh
#        REPEAT=1 Benchmarks/compare.sh     (each stage runs REPEAT times, default 3: the fastest run
#                                            is printed, with the highest peak RSS of the runs)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${SIZES:-75 250 500}"
repeat="${REPEAT:-3}"

need=()
command -v xmllint >/dev/null || need+=(libxml2-utils)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi

swift build -c release --product aovpn-advisor >/dev/null
bin="$(swift build -c release --show-bin-path)/aovpn-advisor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# measure COMMAND... -> "seconds peak-RSS-MiB": the fastest of $repeat runs (the machine may be
# shared) and the highest peak RSS. A database named by --db is removed before each run, so every
# import run starts from an empty file.
measure() {
    local db="" previous="" best="" rss=0 argument
    for argument in "$@"; do [ "$previous" = "--db" ] && db="$argument"; previous="$argument"; done
    for _ in $(seq "$repeat"); do
        case "$*" in *" import "*) [ -n "$db" ] && rm -f "$db" ;; esac
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
        read -r seconds kilobytes < "$work/time"
        best=$(awk -v a="$best" -v b="$seconds" 'BEGIN { print (a == "" || b < a) ? b : a }')
        rss=$(( kilobytes > rss ? kilobytes : rss ))
    done
    awk -v s="$best" -v k="$rss" 'BEGIN { printf "%s %.0f\n", s, k / 1024 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
rate() { awk -v mb="$1" -v s="$2" 'BEGIN { if (s == 0) print "-"; else printf "%.1f", mb / s }'; }

echo "best of $repeat runs per stage"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(uname -srm); aovpn-advisor $($bin --version)"
printf "%-8s %-34s %9s %9s %9s  %s\n" "size" "stage" "seconds" "MB/s" "RSS MiB" "ratio"
summary_lint=() summary_py=() summary_rss=() summary_assess=() summary_assess_rss=()
for size in $sizes; do
    dir="$work/estate-$size"
    "$bin" sample --out "$dir" --servers 200 --nrpt-rules 20000 --clixml-mb "$size" --reg-mb $((size / 2)) >/dev/null
    xml="$dir/DA001/Get-DnsClientNrptRule.xml"
    reg="$dir/DA001/nrpt-policy.reg"
    xml_mb=$(awk -v b="$(stat -c %s "$xml")" 'BEGIN { printf "%.1f", b / 1048576 }')
    reg_mb=$(awk -v b="$(stat -c %s "$reg")" 'BEGIN { printf "%.1f", b / 1048576 }')

    read -r t_ours m_ours < <(measure "$bin" import "$xml" -e clixml --db "$work/clixml-$size.sqlite")
    read -r t_lint m_lint < <(measure xmllint --stream --noout "$xml")
    read -r t_py m_py < <(measure python3 -c 'import sys, xml.etree.ElementTree as ET
for event, element in ET.iterparse(sys.argv[1]):
    element.clear()' "$xml")
    read -r t_reg m_reg < <(measure "$bin" import "$reg" -e reg --db "$work/reg-$size.sqlite")
    read -r t_imp m_imp < <(measure "$bin" import "$dir" -e estate --db "$work/estate-$size.sqlite")
    read -r t_ass m_ass < <(measure "$bin" assess -e estate --db "$work/estate-$size.sqlite")
    read -r t_rep m_rep < <(measure "$bin" report -e estate --db "$work/estate-$size.sqlite" --out "$work/report-$size")

    row() { printf "%-8s %-34s %9s %9s %9s  %s\n" "$@"; }
    t_ar=$(awk -v a="$t_ass" -v b="$t_rep" 'BEGIN { print a + b }')
    m_ar=$(( m_ass > m_rep ? m_ass : m_rep ))
    row "${xml_mb}M" "CLIXML import (ours)" "$t_ours" "$(rate "$xml_mb" "$t_ours")" "$m_ours" "$(ratio "$t_ours" "$t_lint")x the time of xmllint, $(ratio "$t_ours" "$t_py")x of Python"
    row "${xml_mb}M" "xmllint --stream --noout" "$t_lint" "$(rate "$xml_mb" "$t_lint")" "$m_lint" ""
    row "${xml_mb}M" "Python ElementTree.iterparse" "$t_py" "$(rate "$xml_mb" "$t_py")" "$m_py" ""
    row "${reg_mb}M" ".reg import (ours, UTF-16)" "$t_reg" "$(rate "$reg_mb" "$t_reg")" "$m_reg" ""
    row "estate" "bundle import (200 servers)" "$t_imp" "" "$m_imp" ""
    row "estate" "assessment" "$t_ass" "" "$m_ass" ""
    row "estate" "reports (HTML, MD, JSON, CSV, SARIF)" "$t_rep" "" "$m_rep" "assessment + reports: $t_ar s, peak $m_ar MiB"
    summary_lint+=("$(ratio "$t_ours" "$t_lint")") summary_py+=("$(ratio "$t_ours" "$t_py")")
    summary_rss+=("$(printf '%s\n' "$m_ours" "$m_reg" "$m_imp" | sort -n | tail -1)")
    summary_assess+=("$t_ar") summary_assess_rss+=("$m_ar")
done

# The targets (issue 20), per size: met when every size meets it. Ratios are of times: ours
# divided by theirs, so lower is faster.
verdict() { awk -v op="$1" -v limit="$2" 'BEGIN { ok = 1 } { if ((op == ">=" && $1 < limit) || (op == "<=" && $1 > limit)) ok = 0 } END { print ok ? "met" : "NOT met" }'; }
echo
echo "targets (sizes: $sizes MiB of CLIXML)"
printf "  %-52s %-24s %s\n" "CLIXML import time <= 2.0x xmllint --stream" "${summary_lint[*]}" "$(printf '%s\n' "${summary_lint[@]}" | verdict "<=" 2.0)"
printf "  %-52s %-24s %s\n" "CLIXML import time <= 0.5x Python iterparse" "${summary_py[*]}" "$(printf '%s\n' "${summary_py[@]}" | verdict "<=" 0.5)"
printf "  %-52s %-24s %s\n" "import peak RSS <= 150 MiB (CLIXML, .reg, bundle)" "${summary_rss[*]}" "$(printf '%s\n' "${summary_rss[@]}" | verdict "<=" 150)"
printf "  %-52s %-24s %s\n" "assessment + reports peak RSS <= 300 MiB" "${summary_assess_rss[*]}" "$(printf '%s\n' "${summary_assess_rss[@]}" | verdict "<=" 300)"
printf "  %-52s %-24s %s\n" "assessment + reports seconds (linear in size)" "${summary_assess[*]}" ""
