#!/usr/bin/env bash
# Re-vendor the web page's JavaScript, CSS and map data from the npm registry into
# src/eventwire/serve/static/vendor/ (only the minified builds the page loads, plus licences).
# The page must work with no internet: it never loads anything from a CDN or a tile server.
#
#   bash scripts/vendor_web_assets.sh            # pinned versions below
#   LEAFLET=1.9.4 bash scripts/vendor_web_assets.sh   # override one version
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/eventwire/serve/static/vendor"

LEAFLET="${LEAFLET:-1.9.4}"
MARKERCLUSTER="${MARKERCLUSTER:-1.5.3}"
WORLD_ATLAS="${WORLD_ATLAS:-2.0.2}"
TOPOJSON_CLIENT="${TOPOJSON_CLIENT:-3.1.0}"
VIS_TIMELINE="${VIS_TIMELINE:-8.5.4}"
VIS_NETWORK="${VIS_NETWORK:-10.1.2}"

command -v npm >/dev/null || { echo "error: npm is needed (apt-get install -y npm)" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

fetch() {  # fetch NAME VERSION -> unpacked into $WORK/NAME
    local name="$1" version="$2"
    (cd "$WORK" && npm pack --silent "${name}@${version}" >/dev/null)
    mkdir -p "$WORK/$name"
    tar xzf "$WORK/${name}-${version}.tgz" -C "$WORK/$name" --strip-components=1
}

fetch leaflet "$LEAFLET"
fetch leaflet.markercluster "$MARKERCLUSTER"
fetch world-atlas "$WORLD_ATLAS"
fetch topojson-client "$TOPOJSON_CLIENT"
fetch vis-timeline "$VIS_TIMELINE"
fetch vis-network "$VIS_NETWORK"

rm -rf "$DEST"
mkdir -p "$DEST/leaflet/images" "$DEST/markercluster" "$DEST/world-atlas" "$DEST/topojson-client" \
         "$DEST/vis-timeline" "$DEST/vis-network" "$DEST/LICENSES"

# copy SRC DST, dropping source-map references (the maps are not vendored, so nothing asks for them)
copy() { sed -e '/^\/\/# sourceMappingURL=/d' -e 's#/\*\# sourceMappingURL=[^*]*\*/##' "$1" > "$2"; }

copy "$WORK/leaflet/dist/leaflet.js" "$DEST/leaflet/leaflet.js"
copy "$WORK/leaflet/dist/leaflet.css" "$DEST/leaflet/leaflet.css"
cp "$WORK/leaflet/dist/images/"*.png "$DEST/leaflet/images/"
copy "$WORK/leaflet.markercluster/dist/leaflet.markercluster.js" "$DEST/markercluster/leaflet.markercluster.js"
copy "$WORK/leaflet.markercluster/dist/MarkerCluster.css" "$DEST/markercluster/MarkerCluster.css"
copy "$WORK/leaflet.markercluster/dist/MarkerCluster.Default.css" "$DEST/markercluster/MarkerCluster.Default.css"
cp "$WORK/world-atlas/countries-110m.json" "$DEST/world-atlas/countries-110m.json"
copy "$WORK/topojson-client/dist/topojson-client.min.js" "$DEST/topojson-client/topojson-client.min.js"
# the standalone builds bundle their dependencies and inject their own CSS
copy "$WORK/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js" "$DEST/vis-timeline/vis-timeline-graph2d.min.js"
copy "$WORK/vis-network/standalone/umd/vis-network.min.js" "$DEST/vis-network/vis-network.min.js"

licence() {  # licence NAME: every LICEN[CS]E* file of the package
    local f
    for f in "$WORK/$1"/LICEN[CS]E* "$WORK/$1"/MIT-LICEN[CS]E*; do
        [ -f "$f" ] && cp "$f" "$DEST/LICENSES/$1.$(basename "$f")"
    done
    return 0
}
for name in leaflet leaflet.markercluster world-atlas topojson-client vis-timeline vis-network; do licence "$name"; done

cat > "$DEST/VERSIONS.txt" <<VERSIONS
# Written by scripts/vendor_web_assets.sh; re-run it to update.
leaflet ${LEAFLET}
leaflet.markercluster ${MARKERCLUSTER}
world-atlas ${WORLD_ATLAS}
topojson-client ${TOPOJSON_CLIENT}
vis-timeline ${VIS_TIMELINE}
vis-network ${VIS_NETWORK}
VERSIONS

find "$DEST" -type f -exec chmod 644 {} +
du -sh "$DEST"
