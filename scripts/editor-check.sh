#!/usr/bin/env bash
# Editor check: what VS Code's YAML extension shows for the files `planvev
# init` writes. Runs Red Hat's yaml-language-server (the engine of the
# extension, from npm, pinned) on init's site.yaml, municipality.yaml and
# data.yaml, each naming its schema on its first line, and expects: no
# problem in the files as written; in a data.yaml with a misspelt key, a
# misspelt table kind and a key missing, exactly those, on their lines; and
# hover help on a key.
#
#   scripts/editor-check.sh        (needs node and npm; PLANVEV=path to use another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
planvev=${PLANVEV:-target/release/planvev}
[ -x "$planvev" ] || cargo build --release
planvev=$(realpath "$planvev")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error yaml-language-server@1.25.0 vscode-languageserver-textdocument@1 vscode-uri@3 >/dev/null
cat > check.js <<'JS'
const { getLanguageService } = require('yaml-language-server/out/server/src/languageservice/yamlLanguageService');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { URI } = require('vscode-uri');
const fs = require('fs');
const path = require('path');
const ls = getLanguageService({
  schemaRequestService: async (uri) => fs.readFileSync(URI.parse(uri).fsPath, 'utf8'),
  // As the extension does: a relative $schema is relative to the YAML file.
  workspaceContext: { resolveRelativePath: (rel, res) => URI.file(path.resolve(path.dirname(URI.parse(res).fsPath), rel)).toString() },
});
ls.configure({ validate: true, hover: true, completion: true, isKubernetes: false, schemas: [] });
(async () => {
  const [file, hover] = process.argv.slice(2);
  const doc = TextDocument.create(URI.file(path.resolve(file)).toString(), 'yaml', 1, fs.readFileSync(file, 'utf8'));
  for (const d of await ls.doValidation(doc, false)) console.log(`${d.range.start.line + 1}: ${d.message.replace(/\n/g, ' ')}`);
  if (hover) {
    const [l, c] = hover.split(':').map(Number);
    const h = await ls.doHover(doc, { line: l - 1, character: c - 1 });
    console.log(`hover: ${h ? h.contents.value.replace(/\n+/g, ' ') : 'none'}`);
  }
})();
JS
"$planvev" init site >/dev/null
fail=0
for f in site/content/site.yaml site/content/eksempel/municipality.yaml site/content/eksempel/sosiale-tenester/data.yaml; do
  out=$(node check.js "$f")
  if [ -n "$out" ]; then echo "FAIL $f: $out"; fail=1; else echo "ok   $f: no problems"; fi
done
data=site/content/eksempel/sosiale-tenester/data.yaml
sed -i '2s/^title:/titel:/; 0,/    kind: budget/s//    kind: budgett/; 0,/    columns:/s//    colums:/' "$data"
out=$(node check.js "$data" 11:6)
echo "$out" | sed 's/^/     /'
for want in 'Missing property "title"' 'Property titel is not allowed' 'Property colums is not allowed' '"key-figures" | "budget" | "plain"' 'hover: .*the unit of every value'; do
  if grep -q -- "$want" <<<"$out"; then echo "ok   says $want"; else echo "FAIL does not say $want"; fail=1; fi
done
exit $fail
