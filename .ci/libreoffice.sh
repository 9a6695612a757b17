#!/usr/bin/env bash
# LibreOffice round trip: every XLSX of the built example site opened by
# LibreOffice Calc (headless) and saved as CSV, and each number compared with
# planvev's own CSV of the same table. Fails on any difference, on a number
# LibreOffice reads as text, or on anything LibreOffice says besides the
# conversion itself (a warning, an error, a repair).
#
#   bash .ci/libreoffice.sh
#
# Installs Debian's libreoffice-calc-nogui (about 90 MB, no X) when soffice
# is missing (needs root for that), and python3 for the comparison. Uses the
# release build (`cargo build --release`). LO_KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -q update </dev/null >/tmp/lo-apt.log 2>&1 || { tail -20 /tmp/lo-apt.log; exit 1; }
  apt-get -q install -y --no-install-recommends "${need[@]}" </dev/null >>/tmp/lo-apt.log 2>&1 \
    || { tail -20 /tmp/lo-apt.log; exit 1; }
fi

cargo build --release --quiet
work=$(mktemp -d)
[ -n "${LO_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
target/release/planvev build --content content --output "$work/site" >/dev/null

# Every workbook under one flat name (nn__klepp__barnevern__nokkeltal.xlsx),
# so one soffice run converts them all.
mkdir -p "$work/xlsx" "$work/csv"
(cd "$work/site" && find . -name '*.xlsx' | sed 's|^\./||') | sort >"$work/list"
while read -r rel; do
  cp "$work/site/$rel" "$work/xlsx/${rel//\//__}"
done <"$work/list"
count=$(wc -l <"$work/list")
echo "libreoffice: converting $count workbooks with $(soffice --version | head -1)"

# Filter options: ';' between fields, '"' around text, UTF-8 (76), from
# line 1; cells as shown, so a percentage reads "18.5%" as in the table.
set +e
soffice --headless --norestore "-env:UserInstallation=file://$work/profile" \
  --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,1033,false,true,true' \
  --outdir "$work/csv" "$work"/xlsx/*.xlsx >"$work/soffice.log" 2>&1
rc=$?
set -e
# Everything soffice says beyond "convert A -> B using filter : …" is a
# finding, except its note at start-up that Java is not installed (Calc
# needs no Java to read a workbook).
said=$(grep -v -E '^convert .* -> .* using filter : |^Warning: failed to launch javaldx' "$work/soffice.log" || true)
converted=$(grep -c -E '^convert .* -> .* using filter : ' "$work/soffice.log" || true)
if [ $rc -ne 0 ] || [ -n "$said" ] || [ "$converted" != "$count" ]; then
  echo "libreoffice: soffice exited $rc, converted $converted of $count, and said:"
  echo "$said"
  exit 1
fi

python3 - "$work" <<'PY'
import csv, os, sys
work = sys.argv[1]
def num(s, decimal):
    """A number as written, or None: planvev's CSV has decimal commas and no
    grouping; LibreOffice (en-US) writes 1,234.5 and 18.5%."""
    t = s.strip().replace('\u00a0', '').replace('\u2212', '-')
    if decimal == ',':
        t = t.replace(',', '.')
    else:
        t = t.replace(',', '')
    t = t.rstrip('%').strip()
    try:
        return float(t)
    except ValueError:
        return None
def rows(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        return [r for r in csv.reader(f, delimiter=';')]
failed, compared, files = [], 0, 0
for rel in open(os.path.join(work, 'list')).read().split():
    flat = rel.replace('/', '__')[:-5] + '.csv'
    lo_path = os.path.join(work, 'csv', flat)
    if not os.path.exists(lo_path):
        failed.append(f'{rel}: LibreOffice wrote no CSV'); continue
    ours = rows(os.path.join(work, 'site', rel[:-5] + '.csv'))
    lo = [[c for c in r] for r in rows(lo_path)]
    files += 1
    header = ours[0]
    # The sheet has the title and unit above the table: find its header row.
    at = next((i for i, r in enumerate(lo) if [c for c in r[:len(header)]] == header), None)
    if at is None:
        failed.append(f'{rel}: header {header} not found in the sheet'); continue
    data = [r for r in ours[1:]]
    for k, row in enumerate(data):
        if at + 1 + k >= len(lo):
            failed.append(f'{rel}: the sheet ends before row {k + 1}'); break
        got = lo[at + 1 + k]
        if not any(c.strip() for c in got):
            break  # the blank line before the source and footnotes
        for j, cell in enumerate(row[1:], start=1):
            want = num(cell, ',')
            if want is None:
                continue
            have = num(got[j], '.') if j < len(got) else None
            if have is None or abs(have - want) > 1e-9 * max(1.0, abs(want)):
                failed.append(f'{rel} row {k + 1} column {j + 1}: planvev {cell!r}, LibreOffice {got[j] if j < len(got) else None!r}')
            else:
                compared += 1
for f in failed:
    print('libreoffice: ' + f)
print(f'libreoffice: {files} workbooks, {compared} numbers equal, {len(failed)} differences')
sys.exit(1 if failed or compared == 0 else 0)
PY
