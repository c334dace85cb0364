#!/usr/bin/env bash
# The README's first command, run twice with a changed export in between, then the diff: what a
# team sees when it re-exports its estate after fixing something (or breaking something).
# Usage: bash Examples/track-changes.sh        (from the repository root; writes only to a temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
cp -R Examples/contoso "$work/contoso"
run() { swift run -q aovpn-advisor run "$work/contoso" --plan Examples/contoso.plan.yml --db "$work/estate.sqlite" --out "$work/$1" "${@:2}"; }

echo "== 1. the export as it is"
run report-1 >/dev/null

echo "== 2. the same estate exported again after two changes"
# DA02 stops accepting PAP (fixed); DA01 starts accepting CHAP (a regression). The netsh dumps are
# edited in their own encoding (DA01's is UTF-16LE, as a PowerShell redirection writes it).
python3 - "$work/contoso" <<'PY'
import pathlib, sys
root = pathlib.Path(sys.argv[1])
def edit(path, old, new):
    data = path.read_bytes()
    utf16 = data.startswith(b"\xff\xfe")
    text = data[2:].decode("utf-16-le") if utf16 else data.decode("utf-8")
    assert old in text, (path, old)
    text = text.replace(old, new, 1)
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le") if utf16 else text.encode("utf-8"))
edit(root / "DA02/netsh-ras-dump.txt", "add authtype type = PAP\r\n", "")
edit(root / "DA01/netsh-ras-dump.txt", "add authtype type = EAP\r\n", "add authtype type = EAP\r\nadd authtype type = CHAP\r\n")
PY
run report-2 --fail-on-new critical >/dev/null || echo "(--fail-on-new critical: exit $?)"

echo "== 3. what changed"
swift run -q aovpn-advisor diff --db "$work/estate.sqlite"
echo
echo "Reports with the 'since the previous assessment' section and trends: $work/report-2/report.html"
