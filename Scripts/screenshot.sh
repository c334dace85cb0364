#!/usr/bin/env bash
# Renders the example's HTML report in headless Chromium (Debian's `chromium`) at a desktop and a
# narrow width and refreshes Docs/images/: report-first-screen.png (1280 x 900, what a reader sees
# on opening the report) and report-narrow.png (390 x 844, a phone). Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
    echo "installing: chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift run -q aovpn-advisor run Examples/contoso --plan Examples/contoso.plan.yml --db "$work/db.sqlite" \
    --out "$work/out" >/dev/null
shot() {
    chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$2" --screenshot="$1" "file://$work/out/report.html" >/dev/null 2>&1
    echo "wrote $1 ($2)"
}
shot Docs/images/report-first-screen.png 1280,900
shot Docs/images/report-narrow.png 390,844
