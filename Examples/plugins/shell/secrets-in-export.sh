#!/bin/sh
# aovpn-advisor external plugin (protocol 1) in POSIX shell, awk and no other tool.
#
#   secrets-in-export.sh describe   prints the plugin and its rule
#   secrets-in-export.sh assess     reads the estate (JSON, Docs/model.md) on stdin, prints findings
#
# Rule org-secrets-in-export: company policy says exports are sanitised before they leave a
# server; the advisor records where a secret was present (never its value), so list each one.
# It relies on the estate JSON being pretty-printed with sorted keys, one key per line, as the
# advisor writes it (Docs/plugins.md).
set -eu

case "${1:-}" in
describe)
    printf '%s\n' '{"protocol": 1, "name": "secrets-in-export", "version": "1.0.0", "rules": [{"id": "org-secrets-in-export", "module": "org-policy", "severity": "low", "title": "Export Not Sanitised"}]}'
    ;;
assess)
    awk '
        /^  "secrets" : \[/ { inside = 1; next }
        inside && /^  \]/   { inside = 0 }
        inside && /"file" : /     { sub(/^ *"file" : /, ""); sub(/,$/, ""); file = $0 }
        inside && /"location" : / { sub(/^ *"location" : /, ""); sub(/,$/, ""); location = $0 }
        inside && /"kind" : /     {
            sub(/^ *"kind" : /, ""); sub(/,$/, ""); kind = $0
            printf "%s{\"ruleId\": \"org-secrets-in-export\", \"server\": null, ", (count++ ? ", " : "")
            printf "\"message\": \"The export contains a %s; sanitise exports before they leave the server.\", ", substr(kind, 2, length(kind) - 2)
            printf "\"evidence\": [{\"file\": %s, \"location\": %s, \"value\": \"(redacted)\"}], ", file, location
            printf "\"remediation\": \"Delete the secret lines (netsh ras add authserver secret, L2TP PSK) before copying the export.\"}"
        }
        BEGIN { printf "{\"findings\": [" }
        END   { printf "]}\n" }
    '
    ;;
*)
    echo "usage: $0 describe|assess" >&2
    exit 64
    ;;
esac
