# shellcheck shell=bash
# Shared set-up of bin/run and bin/test: every step checks first and only does what is missing,
# so a second run (or a run after a failure or Ctrl-C) repairs or reuses what exists.
#
# Environment (all optional):
#   ODOO_SRC            an Odoo 18.0 source tree (with odoo-bin, odoo/, addons/)
#   PROPERTY_CACHE      per-user cache; default ${XDG_CACHE_HOME:-~/.cache}/property-addons
#   PGHOST PGPORT PGUSER  PostgreSQL server to use; default 127.0.0.1:5432 as the current user
#   PROPERTY_PGPORT     port of the project-local PostgreSQL cluster (used when no server answers)
#   PYTHON              the Python 3.11 interpreter; default python3.11, else python3

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
VENV="$ROOT/.venv"
PROPERTY_CACHE="${PROPERTY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/property-addons}"
ODOO_CACHE_DIR="$PROPERTY_CACHE/odoo-18.0"
ODOO_ARCHIVE_URL="${ODOO_ARCHIVE_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
MODULES="property_base,property_service,property_fire,property_finance,property_docs,property_it"
CONF="$LOCAL/odoo.conf"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mError:\033[0m %s\n' "$*" >&2; exit 1; }

# --- Python ------------------------------------------------------------------------------------
find_python() {
    local py
    for py in "${PYTHON:-}" python3.11 python3; do
        [ -n "$py" ] && command -v "$py" >/dev/null 2>&1 || continue
        if "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            echo "$py"; return 0
        fi
    done
    die "Python 3.11 is needed (Odoo 18 and our pinned requirements). Install python3.11 or set PYTHON."
}

# --- Odoo source -------------------------------------------------------------------------------
# In order: an importable odoo; $ODOO_SRC; the cache; else download the official archive.
locate_odoo() {
    local py="$1" pkg
    if pkg=$("$py" -c 'import os, odoo; print(os.path.dirname(os.path.abspath(odoo.__file__)))' 2>/dev/null) \
        && [ -f "$pkg/release.py" ]; then
        ODOO_IMPORTABLE=1; ODOO_DIR="$(dirname "$pkg")"; return 0
    fi
    ODOO_IMPORTABLE=0
    if [ -n "${ODOO_SRC:-}" ]; then
        [ -f "$ODOO_SRC/odoo/release.py" ] || die "ODOO_SRC=$ODOO_SRC is not an Odoo source tree (no odoo/release.py)."
        ODOO_DIR="$(cd "$ODOO_SRC" && pwd)"; return 0
    fi
    if [ -f "$ODOO_CACHE_DIR/odoo/release.py" ]; then
        ODOO_DIR="$ODOO_CACHE_DIR"; return 0
    fi
    download_odoo
    ODOO_DIR="$ODOO_CACHE_DIR"
}

download_odoo() {
    say "Odoo 18.0 not found; downloading the official source archive into $ODOO_CACHE_DIR"
    command -v curl >/dev/null || die "$(no_odoo_message 'curl is not installed')"
    mkdir -p "$PROPERTY_CACHE"
    local part="$PROPERTY_CACHE/odoo-18.0.tar.gz.part" tmp="$PROPERTY_CACHE/odoo-18.0.extracting"
    if ! curl -fL --connect-timeout 15 --speed-limit 1024 --speed-time 30 -o "$part" "$ODOO_ARCHIVE_URL"; then
        rm -f "$part"; die "$(no_odoo_message "the download of $ODOO_ARCHIVE_URL failed")"
    fi
    rm -rf "$tmp" && mkdir -p "$tmp"
    tar -xzf "$part" -C "$tmp" --strip-components=1 || die "The Odoo archive is damaged; run again to download it anew."
    rm -rf "$ODOO_CACHE_DIR" && mv "$tmp" "$ODOO_CACHE_DIR" && rm -f "$part"
}

no_odoo_message() {
    cat <<EOF
Odoo 18.0 Community was not found ($1). Provide it in one of three ways:
  1. make 'odoo' importable by $PYTHON_BIN (e.g. an Odoo 18.0 installed with pip from its source);
  2. set ODOO_SRC to an Odoo 18.0 source tree (the directory holding odoo-bin, odoo/ and addons/);
  3. put such a tree in $ODOO_CACHE_DIR (or let this script download it, which needs internet).
EOF
}

# Exactly one copy of each Odoo module on the addons path. Python imports odoo.addons.<name>
# from odoo/addons first, so where a tree holds a module both there and in addons/ (trees made
# from the nightly archive over a git checkout do), the odoo/addons copy is the one in use and
# the addons/ copy must stay out of sight: otherwise assets and code of two versions mix (the
# bus then refuses the page as outdated). Such duplicates are left out by linking only the
# other modules of addons/ into .local/odoo-addons.
odoo_addons_path() {
    local paths=() core="$ODOO_DIR/odoo/addons" extra="$ODOO_DIR/addons"
    if [ -d "$extra" ]; then
        local dir name dup=0
        for dir in "$extra"/*/; do
            name=${dir%/}; name=${name##*/}
            [ -d "$core/$name" ] && { dup=1; break; }
        done
        if [ $dup = 1 ]; then
            local links="$LOCAL/odoo-addons"
            rm -rf "$links" && mkdir -p "$links"
            for dir in "$extra"/*/; do
                name=${dir%/}; name=${name##*/}
                if [ -f "$dir/__manifest__.py" ] && [ ! -d "$core/$name" ]; then
                    ln -s "${dir%/}" "$links/$name"
                fi
            done
            extra="$links"
        fi
        # (an addons path entry must hold at least one module)
        [ -n "$(ls -A "$extra")" ] && paths+=("$extra")
    fi
    paths+=("$core" "$ROOT/addons")
    local IFS=,; echo "${paths[*]}"
}

# --- Virtual environment -----------------------------------------------------------------------
ensure_venv() {
    local py="$1" stamp="$VENV/.requirements.sha256" want
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating the virtual environment $VENV"
        local flags=()
        [ "$ODOO_IMPORTABLE" = 1 ] && flags+=(--system-site-packages)
        "$py" -m venv "${flags[@]}" "$VENV" || die "Could not create a virtual environment (install python3.11-venv)."
    fi
    ensure_odoo_distribution
    want=$(cat "$ROOT"/requirements/*.txt | sha256sum | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "Installing Python requirements (requirements/*.txt) into $VENV"
        ensure_build_tools
        "$VENV/bin/python" -m pip install -q --upgrade pip setuptools wheel
        # the OCA wheels (oca.txt) require the distribution 'odoo' installed just before
        "$VENV/bin/python" -m pip install -q -r "$ROOT/requirements/odoo.txt" \
            -r "$ROOT/requirements/oca.txt" -r "$ROOT/requirements/dev.txt" \
            || die "pip could not install the requirements (see above)."
        "$VENV/bin/python" -m pip check >&2 || die "pip check: the installed requirements conflict (see above)."
        echo "$want" >"$stamp"
    fi
    "$VENV/bin/python" -c 'import odoo.release as r; assert r.version_info[0] == 18, r.version' 2>/dev/null \
        || die "The Odoo found in $ODOO_DIR is not Odoo 18.0."
}

# The OCA modules come as wheels (odoo-addon-*) that require the distribution 'odoo': the Odoo
# tree found is installed into the venv as that distribution, editable ("compat" mode: a .pth
# naming the tree, so odoo stays a regular package and odoo.addons also finds the wheels' addons).
ensure_odoo_distribution() {
    local located
    located=$("$VENV/bin/python" -c 'import os, odoo; print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))' 2>/dev/null || true)
    if [ "$located" = "$ODOO_DIR" ] && "$VENV/bin/python" -m pip show -q odoo >/dev/null 2>&1; then
        return 0
    fi
    [ -f "$ODOO_DIR/setup.py" ] || die "Odoo in $ODOO_DIR is importable but not installed as the distribution 'odoo', which the OCA modules require; install it with pip (pip install -e <odoo source tree>) or set ODOO_SRC to an Odoo 18.0 source tree."
    say "Installing the Odoo tree $ODOO_DIR into $VENV as the distribution 'odoo' (editable)"
    local site; site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    rm -f "$site/property-odoo-src.pth"  # how earlier versions of this script linked the tree
    "$VENV/bin/python" -m pip install -q --upgrade pip setuptools wheel
    mkdir -p "$LOCAL"
    "$VENV/bin/python" -m pip install -q --no-deps --config-settings editable_mode=compat -e "$ODOO_DIR" \
        >"$LOCAL/pip-odoo.log" 2>&1 \
        || { tail -20 "$LOCAL/pip-odoo.log" >&2; die "pip could not install the Odoo tree $ODOO_DIR as a distribution (log: $LOCAL/pip-odoo.log)."; }
}

# psycopg2 (the one Odoo requires, not psycopg2-binary) builds from source: pg_config and a C
# compiler with the Python headers.
ensure_build_tools() {
    local missing=()
    command -v pg_config >/dev/null || missing+=(libpq-dev)
    command -v gcc >/dev/null || missing+=(gcc)
    "$VENV/bin/python" -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
        || missing+=(python3-dev)
    [ ${#missing[@]} -eq 0 ] || apt_install "to build psycopg2" "${missing[@]}"
}

# Install Debian packages when run as root, else stop and say which to install and why.
apt_install() {
    local why="$1"; shift
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "Installing $* from Debian's packages ($why)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
            || die "apt-get could not install: $*"
    else
        die "Missing system packages: $* ($why). Install them, e.g. 'sudo apt-get install $*'."
    fi
}

# --- System tools ------------------------------------------------------------------------------
ensure_system_tools() {
    local missing=()
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    command -v chromium >/dev/null || missing+=(chromium)
    # (no grep -q: with pipefail, fc-list killed by SIGPIPE would count as missing fonts)
    fc-list 2>/dev/null | grep -i 'noto sans cjk' >/dev/null || missing+=(fonts-noto-cjk)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    command -v msgmerge >/dev/null || missing+=(gettext)
    [ ${#missing[@]} -eq 0 ] \
        || apt_install "PDF reports need wkhtmltopdf and CJK fonts, the tests read PDFs with poppler's pdftotext, browser tests need chromium, translations are merged with gettext" "${missing[@]}"
}

# --- PostgreSQL --------------------------------------------------------------------------------
pg_answers() {
    "$VENV/bin/python" - <<'EOF' 2>/dev/null
import os, psycopg2
psycopg2.connect(dbname="postgres", connect_timeout=3).close()
EOF
}

find_pg_bin() {
    local d
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return 0; fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    return 1
}

ensure_postgres() {
    export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-$(id -un)}"
    [ "$PGUSER" = postgres ] && die "Odoo refuses to connect as the database user 'postgres'; set PGUSER to another role."
    if pg_answers; then return 0; fi
    local port="${PROPERTY_PGPORT:-54329}"
    export PGHOST=127.0.0.1 PGPORT="$port"
    if pg_answers; then return 0; fi
    say "No PostgreSQL answers; starting the project-local cluster in $LOCAL/pgdata on port $port"
    local bin; bin=$(find_pg_bin) || die "No PostgreSQL server answers on ${PGHOST}:${PGPORT} and no PostgreSQL binaries (initdb, pg_ctl) were found. Install them ('apt-get install postgresql') or point PGHOST/PGPORT/PGUSER at a server."
    local run=() owner
    owner=$(id -un)
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || die "PostgreSQL refuses to run as root and there is no 'postgres' system user."
        owner=postgres; run=(runuser -u postgres --)
    fi
    mkdir -p "$LOCAL/pgrun"
    if [ ! -f "$LOCAL/pgdata/PG_VERSION" ]; then
        rm -rf "$LOCAL/pgdata" && mkdir -p "$LOCAL/pgdata"
        chown "$owner" "$LOCAL/pgdata" "$LOCAL/pgrun"
        "${run[@]}" "$bin/initdb" -D "$LOCAL/pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
            || die "initdb failed for $LOCAL/pgdata."
    fi
    chown "$owner" "$LOCAL/pgrun"
    if ! "${run[@]}" "$bin/pg_ctl" -D "$LOCAL/pgdata" status >/dev/null 2>&1; then
        "${run[@]}" "$bin/pg_ctl" -D "$LOCAL/pgdata" -l "$LOCAL/pgdata/server.log" -w -t 60 \
            -o "-h 127.0.0.1 -p $port -k $LOCAL/pgrun" start >/dev/null \
            || die "The local PostgreSQL did not start; see $LOCAL/pgdata/server.log"
    fi
    PGUSER=postgres "$VENV/bin/python" - "$PGUSER" <<'EOF' || die "Could not create the database role $PGUSER."
import sys, psycopg2
conn = psycopg2.connect(dbname="postgres"); conn.autocommit = True
cr = conn.cursor()
cr.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [sys.argv[1]])
if not cr.fetchone():
    cr.execute('CREATE ROLE "%s" SUPERUSER LOGIN' % sys.argv[1].replace('"', '""'))
EOF
    pg_answers || die "The local PostgreSQL started but does not accept $PGUSER."
}

# --- Odoo configuration ------------------------------------------------------------------------
write_config() {
    mkdir -p "$LOCAL/data"
    cat >"$CONF" <<EOF
[options]
addons_path = $(odoo_addons_path)
data_dir = $LOCAL/data
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = False
http_interface = 127.0.0.1
http_port = ${PROPERTY_HTTP_PORT:-8069}
max_cron_threads = 1
EOF
}

odoo() { "$VENV/bin/python" -m odoo "$@"; }

# A new database with demo data, made as Odoo's database manager makes one for a company in
# China: base first, then the main company in China with its currency (CNY), then Accounting,
# which installs the Chinese chart (l10n_cn) and posts its demo entries in CNY, then MODULES.
# (Accounting in a run of its own: Odoo loads the chart at the end of the run that installs it,
# after every module's demo data, and property_finance's demo bills need the chart.)
# Usage: new_demo_db DB MODULES [odoo options]
new_demo_db() {
    local db="$1" modules="$2"; shift 2
    odoo -c "$CONF" -d "$db" -i base --stop-after-init --log-level=warn "$@" || return 1
    "$VENV/bin/python" "$ROOT/bin/odoo_tasks.py" "$CONF" "$db" company-country CN || return 1
    odoo -c "$CONF" -d "$db" -i account --stop-after-init --log-level=warn "$@" || return 1
    odoo -c "$CONF" -d "$db" -i "$modules" --stop-after-init --log-level=warn "$@"
}

db_exists() {
    [ "$("$VENV/bin/python" -c "
import psycopg2, sys
with psycopg2.connect(dbname='postgres') as c, c.cursor() as cr:
    cr.execute('SELECT 1 FROM pg_database WHERE datname = %s', (sys.argv[1],))
    print('yes' if cr.fetchone() else 'no')" "$1")" = yes ]
}

setup_all() {
    PYTHON_BIN=$(find_python)
    locate_odoo "$PYTHON_BIN"
    ensure_venv "$PYTHON_BIN"
    ensure_system_tools
    ensure_postgres
    write_config
}
