// The JavaScript a developer would pick instead of Fujin, timed in the same
// page as Fujin's WebAssembly, on the same seeded data (passed in by the
// wasm side as typed arrays). `bench.html` imports this module;
// `scripts/bench-web.sh` installs the packages (pinned versions) into
// `.tools/` and copies them beside it. No network at run time.
//
// Every function times its own loop with performance.now() and returns plain
// numbers: [milliseconds per item, ...checks], where the checks (result
// counts) let the page show that both sides answered the same question.

import Flatbush from 'flatbush';
import * as geoflatbush from 'geoflatbush';
import KDBush from 'kdbush';
import * as geokdbush from 'geokdbush';
import Supercluster from 'supercluster';

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

/** Median over `rounds` of the time `run` takes, divided by `per`. */
function timed(rounds, per, run) {
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    run();
    times.push((performance.now() - start) / per);
  }
  return median(times);
}

let coords = new Float64Array(0); // lon, lat, lon, lat, ...
let flatbush = null;
let kdbush = null;

function buildFlatbush() {
  const n = coords.length / 2;
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) index.add(coords[2 * i], coords[2 * i + 1]);
  index.finish();
  return index;
}

function buildKdbush() {
  const n = coords.length / 2;
  const index = new KDBush(n);
  for (let i = 0; i < n; i++) index.add(coords[2 * i], coords[2 * i + 1]);
  index.finish();
  return index;
}

/** Takes the points (lon, lat pairs) and times building both indexes: [flatbush ms, kdbush ms]. */
export function build(points, rounds) {
  coords = points;
  const flatMs = timed(rounds, 1, () => { flatbush = buildFlatbush(); });
  const kdMs = timed(rounds, 1, () => { kdbush = buildKdbush(); });
  return [flatMs, kdMs];
}

/** The `k` nearest of each query point (lon, lat pairs): [geoflatbush ms, geokdbush ms, hits, hits]. */
export function nearest(queries, k, rounds) {
  const q = queries.length / 2;
  let flatHits = 0;
  let kdHits = 0;
  const flatMs = timed(rounds, q, () => {
    flatHits = 0;
    for (let i = 0; i < q; i++) flatHits += geoflatbush.around(flatbush, queries[2 * i], queries[2 * i + 1], k).length;
  });
  const kdMs = timed(rounds, q, () => {
    kdHits = 0;
    for (let i = 0; i < q; i++) kdHits += geokdbush.around(kdbush, queries[2 * i], queries[2 * i + 1], k).length;
  });
  return [flatMs, kdMs, flatHits, kdHits];
}

/**
 * Everything within `radiusKm` of each query point:
 * [geoflatbush `within` ms (ids, any order), geoflatbush `around` ms (ids, nearest first),
 *  geokdbush `around` ms (ids, nearest first), hits of each].
 */
export function within(queries, radiusKm, rounds) {
  const q = queries.length / 2;
  const hits = [0, 0, 0];
  const ms = [
    (i) => geoflatbush.within(flatbush, queries[2 * i], queries[2 * i + 1], radiusKm).length,
    (i) => geoflatbush.around(flatbush, queries[2 * i], queries[2 * i + 1], Infinity, radiusKm).length,
    (i) => geokdbush.around(kdbush, queries[2 * i], queries[2 * i + 1], Infinity, radiusKm).length,
  ].map((query, which) => timed(rounds, q, () => {
    hits[which] = 0;
    for (let i = 0; i < q; i++) hits[which] += query(i);
  }));
  return [...ms, ...hits];
}

let clusters = null;

/**
 * Supercluster on `points` (lon, lat pairs), radius `radiusPx` on 256-px
 * tiles as Fujin's map draws them: `load` then `getClusters(bbox, zoom)`,
 * [ms, markers]. The GeoJSON features are made before the clock starts.
 */
export function clusterFirst(points, bbox, zoom, radiusPx, rounds) {
  const features = [];
  for (let i = 0; i < points.length; i += 2) {
    features.push({ type: 'Feature', properties: { id: i >> 1 }, geometry: { type: 'Point', coordinates: [points[i], points[i + 1]] } });
  }
  let markers = 0;
  const ms = timed(rounds, 1, () => {
    clusters = new Supercluster({ radius: radiusPx, extent: 256, maxZoom: 16 }).load(features);
    markers = clusters.getClusters(Array.from(bbox), zoom).length;
  });
  return [ms, markers];
}

/** One `getClusters` per box (west, south, east, north, ...), the frames of a pan: [ms per frame, markers in the last]. */
export function clusterPan(boxes, zoom, rounds) {
  const frames = boxes.length / 4;
  let markers = 0;
  const ms = timed(rounds, frames, () => {
    for (let f = 0; f < frames; f++) {
      markers = clusters.getClusters([boxes[4 * f], boxes[4 * f + 1], boxes[4 * f + 2], boxes[4 * f + 3]], zoom).length;
    }
  });
  return [ms, markers];
}

/**
 * Cold start as a developer would write it with JSON.parse and flatbush:
 * the feed's bytes → text → objects → an index of merchants → every deal of
 * the merchants within `radiusKm`, nearest first. [ms, rows]. It checks
 * nothing (no validation, no link allowlist): Fujin does both.
 */
export function coldStart(bytes, lon, lat, radiusKm) {
  const start = performance.now();
  const feed = JSON.parse(new TextDecoder().decode(bytes));
  const merchants = feed.merchants;
  const index = new Flatbush(merchants.length);
  for (const m of merchants) index.add(m.lon, m.lat);
  index.finish();
  const rows = [];
  for (const i of geoflatbush.around(index, lon, lat, Infinity, radiusKm)) {
    const m = merchants[i];
    for (const deal of m.deals || []) rows.push({ merchant: m, deal });
  }
  return [performance.now() - start, rows.length];
}
