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

# Seeds: every example and fixture file, filed under the format the importers' own detection
# gives it (the harness's classify mode reads ImporterRegistry.standard; nothing to edit here
# when an importer is added).
rm -rf "$scratch/corpus"
while IFS=$'\t' read -r format file; do
    mkdir -p "$scratch/corpus/$format"
    cp "$file" "$scratch/corpus/$format/$(echo "$file" | tr '/' '_')"
done < <(find Examples Tests/AdvisorTests/Fixtures -type f -not -path '*/fuzz-regressions/*' -print0 \
    | xargs -0 env AOVPN_FUZZ_FORMAT=classify "$binary")
mkdir -p "$scratch/corpus/zip"
python3 - "$scratch/corpus/zip/contoso.zip" <<'PY'
import sys, zipfile, pathlib
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for p in sorted(pathlib.Path("Examples/contoso").rglob("*")):
        if p.is_file(): z.write(p, p.as_posix())
PY

status=0
for format in $(AOVPN_FUZZ_FORMAT=list "$binary"); do
    if [ ! -d "$scratch/corpus/$format" ]; then
        echo "$format: no seed (add an example or fixture file of this format)"
        status=1
        continue
    fi
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
