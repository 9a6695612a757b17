#!/usr/bin/env bash
# Accessibility, validity and sub-path hosting checks of the built example site.
#
#   bash .ci/a11y.sh
#
# Installs what is missing (Debian's chromium, default-jre-headless, nginx;
# needs root for that), runs `npm ci` in .ci/a11y, builds the example site
# from content/ into a temporary folder, serves it with nginx on 127.0.0.1
# under the sub-path /plan/2017/, and runs (.ci/a11y/check.mjs):
#   - axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa) in Chromium on every page,
#     and on the 404 page as nginx serves it for a missing address
#   - no horizontal scrolling at 320 px; Tab reaches every link and control
#     with a visible focus outline; the language choice, the language switch
#     and the CSV links work by keyboard; the accessibility statement link
#     from site.yaml is in every footer
#   - the Nu HTML Checker (vnu.jar) on every HTML file
#   - a crawl of every link from /plan/2017/: 200, and inside the prefix
#   - a second engine, HTML_CodeSniffer (WCAG2AA), on every page: its errors
#     fail unless .ci/a11y/htmlcs-not-applicable.txt gives a reason, its
#     warnings and notices are listed for review, counts by rule in
#     tests/artifacts/htmlcs-counts.json (.ci/a11y/second.mjs)
#   - what engines miss: every page title unique; no sideways scrolling at
#     320 px with WCAG 1.4.12 text spacing; table boxes are focusable regions
#     only where they scroll; progress and chart marks visible in forced
#     colours (pixels compared); distinct names on print pages; axe's
#     contrast rules in dark mode
#   - search (.ci/a11y/search.mjs): words inflected otherwise than in the
#     text find their page in nynorsk and bokmål, words of the other
#     language find nothing, Enter on a result opens the heading, axe with
#     the results open, hidden from file://; screenshots of the results
# Screenshots (light, dark, forced colours) go to tests/artifacts/. Exits
# non-zero on any failure, and ends with the line `a11y: N passed, M failed`.
#
# Environment: A11Y_KEEP=1 keeps the temporary folder (site, nginx config and
# logs); A11Y_ONLY=axe,reflow,keyboard,use,shots,crawl,vnu,htmlcs,titles,
# spacing,regions,forced,axtree,printnames,dark,search runs only those.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
t0=$(date +%s)
step() { echo "-- $* ($(( $(date +%s) - t0 )) s)"; }

work=
nginx_pid=
made_policy=
summarised=
cleanup() {
  rc=$?
  [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  if [ -n "$work" ]; then
    if [ -z "${A11Y_KEEP:-}" ]; then rm -rf "$work"; else echo "kept $work"; fi
  fi
  echo "-- a11y.sh took $(( $(date +%s) - t0 )) s"
  if [ -n "$summarised" ]; then
    echo "$summarised"
  else
    echo "a11y: the checks did not run to the end (exit $rc)"
    echo "a11y: 0 passed, 1 failed"
    [ "$rc" = 0 ] && rc=1
  fi
  exit "$rc"
}
trap cleanup EXIT

# ---- 1. System packages: only what is missing.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "a11y: need root to install ${missing[*]} (or install them yourself)" >&2
    exit 1
  fi
  # Keep the package's own nginx service from starting on port 80.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-q -o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)
  apt-get "${apt_opts[@]}" update </dev/null >/tmp/a11y-apt.log 2>&1 || { tail -40 /tmp/a11y-apt.log; exit 1; }
  apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}" </dev/null >>/tmp/a11y-apt.log 2>&1 \
    || { tail -40 /tmp/a11y-apt.log; exit 1; }
  if [ -n "$made_policy" ]; then rm -f /usr/sbin/policy-rc.d; made_policy=; fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ---- 2. Node packages. playwright-core must not fetch a browser, and
# vnu-jar's postinstall would fetch a Java runtime: no install scripts.
step "npm ci"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
(cd .ci/a11y && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error </dev/null)

# ---- 3. Build the example site. The address it is served at is a sub-path,
# as on a municipality's own web server, and is also its --base-url, which
# the 404 page needs: the server shows it for any missing address, however
# deep, so its links must be absolute (links between pages stay relative).
work=$(mktemp -d /tmp/planvev-a11y.XXXXXX)
chmod 755 "$work"
prefix=/plan/2017/
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port$prefix"
step "building the example site for $base"
site=$work/site
cargo run --release --quiet -- build --output "$site" --base-url "$base" </dev/null

# ---- 4. Serve it with nginx under /plan/2017/, on 127.0.0.1 only.
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  types { text/csv csv; }
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/css text/csv application/xml;
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$port;
    server_name localhost;
    location = / { return 404; }
    location $prefix {
      alias $site/;
      index index.html;
      error_page 404 ${prefix}404.html;
    }
  }
}
EOF
step "nginx on $base"
"$NGINX" -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>>"$work/nginx/stderr.log" &
nginx_pid=$!
up=
for _ in $(seq 100); do
  if python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null; then up=1; break; fi
  kill -0 "$nginx_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$up" ]; then
  echo "a11y: nginx did not start:"; cat "$work/nginx/stderr.log" "$work/nginx/error.log" 2>/dev/null
  exit 1
fi

# ---- 5. The checks.
step "checks"
only=()
[ -n "${A11Y_ONLY:-}" ] && only=(--only "$A11Y_ONLY")
set +e
node .ci/a11y/check.mjs \
  --site "$site" \
  --base "$base" \
  --site-yaml content/site.yaml \
  --artifacts "$repo/tests/artifacts" \
  --vnu "$repo/.ci/a11y/node_modules/vnu-jar/build/dist/vnu.jar" \
  "${only[@]}" </dev/null 2>&1 | tee "$work/check.log" | grep --line-buffered -v '^a11y: [0-9]* passed, [0-9]* failed$'
status=${PIPESTATUS[0]}
set -e
# The summary line is printed last, by cleanup.
summarised=$(grep '^a11y: [0-9]* passed, [0-9]* failed$' "$work/check.log" | tail -1 || true)
exit "$status"
