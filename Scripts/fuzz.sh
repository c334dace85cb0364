#!/usr/bin/env bash
# Fuzz every importer with libFuzzer + AddressSanitizer, seeded from the examples and fixtures.
# Usage: Scripts/fuzz.sh [seconds-per-importer]   (default 60; CI runs a short smoke)
# A crash, leak, timeout or out-of-memory makes the script fail and leaves the input in
# .build-fuzz/crashes/<format>/; turn each one into a regression test (Tests/AdvisorTests/FuzzRegressionTests.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scratch=.build-fuzz

swift build -c release --scratch-path "$scratch" --product FuzzImporters \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library >/dev/null
binary="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/FuzzImporters"

seed() {  # seed FORMAT FILES...
    local dir="$scratch/corpus/$1"; shift
    mkdir -p "$dir"
    for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done
}
fixtures=Tests/AdvisorTests/Fixtures
seed clixml Examples/contoso/*/*.xml $fixtures/lb/nlb-*.xml
seed reg Examples/contoso/*/*.reg
seed netsh-ras-dump Examples/contoso/*/netsh-ras-dump.txt
seed f5-bigip-conf $fixtures/lb/f5-*.conf Examples/contoso/loadbalancer/bigip.conf
seed citrix-ns-conf $fixtures/lb/citrix-*.conf
seed kemp-listvs-xml $fixtures/lb/kemp-*.xml
seed profilexml $fixtures/profiles/*.xml Examples/contoso/clients/*.xml
seed nginx-conf $fixtures/lb/nginx-bad.conf $fixtures/lb/nginx-good/*.conf $fixtures/samples/fabedge-nginx-stream-ike.conf
mkdir -p "$scratch/corpus/zip"
python3 - "$scratch/corpus/zip/contoso.zip" <<'PY'
import sys, zipfile, pathlib
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for p in sorted(pathlib.Path("Examples/contoso").rglob("*")):
        if p.is_file(): z.write(p, p.as_posix())
PY

status=0
for format in clixml reg netsh-ras-dump f5-bigip-conf citrix-ns-conf kemp-listvs-xml nginx-conf profilexml zip; do
    crashes="$scratch/crashes/$format"
    mkdir -p "$crashes" "$scratch/work/$format"
    cp -n "$scratch/corpus/$format"/* "$scratch/work/$format/" 2>/dev/null || true
    log="$scratch/$format.log"
    if AOVPN_FUZZ_FORMAT="$format" ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=Scripts/lsan.supp "$binary" "$scratch/work/$format" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
        -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1; then
        echo "$format: ok ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs)"
    else
        echo "$format: FAILED, see $log and $crashes/"
        tail -n 30 "$log"
        status=1
    fi
done
exit $status
