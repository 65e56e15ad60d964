/**
 * Writes the browser's map of the 34 provinces (web/src/features/dashboard/data/vn-provinces.json)
 * from the shared boundary files, simplified: Douglas–Peucker on every ring, then coordinates
 * rounded. No network; the licence file is copied beside the output.
 *
 *   npx node scripts/simplify-provinces.ts [../shared/data/vn-admin-units/provinces-geojson] [tolerance]
 *
 * Every polygon is kept, however small — the islands of Hoàng Sa (Đà Nẵng) and Trường Sa
 * (Khánh Hòa) included: a ring the simplification would drop keeps its three most distant points.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

type Point = [number, number];
type Ring = Point[];
type Polygon = Ring[];
interface SourceFeature {
  id?: string;
  properties: { code: string; name: string };
  geometry: { type: "Polygon"; coordinates: Polygon } | { type: "MultiPolygon"; coordinates: Polygon[] };
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.resolve(
  process.argv[2] ?? path.join(root, "..", "shared/data/vn-admin-units/provinces-geojson"),
);
/** In degrees: 0.008° ≈ 0.9 km, well under a pixel of a 360–1,200 px wide map of Vietnam. */
const tolerance = Number(process.argv[3] ?? 0.008);
const target = path.join(root, "web/src/features/dashboard/data/vn-provinces.json");

/** Squared distance from p to the segment a–b. */
function segmentDistance2(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dx * dx + dy * dy;
  const t = length2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2)) : 0;
  const [x, y] = [a[0] + t * dx - p[0], a[1] + t * dy - p[1]];
  return x * x + y * y;
}

/** Douglas–Peucker, iterative (rings have thousands of points): the indices to keep. */
function douglasPeucker(points: Point[], epsilon: number): Point[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  const epsilon2 = epsilon * epsilon;
  while (stack.length) {
    const [first, last] = stack.pop() as [number, number];
    let worst = -1;
    let worstDistance = 0;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i] as Point, points[first] as Point, points[last] as Point);
      if (d > worstDistance) [worst, worstDistance] = [i, d];
    }
    if (worst >= 0 && worstDistance > epsilon2) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const distance2 = (a: Point, b: Point) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

/** The three points of a ring farthest apart (a tiny island stays a visible triangle). */
function triangleOf(ring: Ring): Ring {
  const first = ring[0] as Point;
  const far = ring.reduce((best, p) => (distance2(p, first) > distance2(best, first) ? p : best), first);
  const third = ring.reduce(
    (best, p) => (segmentDistance2(p, first, far) > segmentDistance2(best, first, far) ? p : best),
    first,
  );
  return [first, far, third, first];
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const distinct = (ring: Ring) => new Set(ring.map((p) => `${p[0]},${p[1]}`)).size;

/** A ring simplified and rounded (3 decimals ≈ 110 m; finer for islets that would collapse). */
function simplifyRing(ring: Ring): Ring {
  let simplified = douglasPeucker(ring, tolerance);
  if (simplified.length < 4) simplified = triangleOf(ring);
  for (const digits of [3, 4, 5]) {
    const rounded = simplified.map(([x, y]) => [round(x, digits), round(y, digits)] as Point);
    const deduplicated = rounded.filter(
      (p, i) => i === 0 || p[0] !== rounded[i - 1]?.[0] || p[1] !== rounded[i - 1]?.[1],
    );
    if (distinct(deduplicated) >= 3) return deduplicated;
  }
  return simplified;
}

const features = fs
  .readdirSync(source)
  .filter((name) => name.endsWith(".geojson"))
  .sort()
  .flatMap((name) => {
    const collection = JSON.parse(fs.readFileSync(path.join(source, name), "utf8")) as {
      features: SourceFeature[];
    };
    return collection.features.map((feature) => {
      const polygons =
        feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      // Holes (inner rings) smaller than the tolerance would only add noise: outer rings always stay.
      const coordinates = polygons.map((polygon) =>
        polygon.map(simplifyRing).filter((ring, i) => i === 0 || ring.length >= 4),
      );
      return {
        type: "Feature",
        id: feature.properties.code,
        properties: { code: feature.properties.code, name: feature.properties.name },
        geometry: { type: "MultiPolygon", coordinates },
      };
    });
  });

const points = (f: (typeof features)[number]) =>
  f.geometry.coordinates.flat().reduce((sum, ring) => sum + ring.length, 0);
fs.mkdirSync(path.dirname(target), { recursive: true });
const text = JSON.stringify({
  type: "FeatureCollection",
  source:
    "thanglequoc/vietnamese-provinces-database (MIT, see LICENSE-vn-provinces), simplified by scripts/simplify-provinces.ts",
  features,
});
fs.writeFileSync(target, `${text}\n`);
const licence = path.join(path.dirname(target), "LICENSE-vn-provinces");
fs.rmSync(licence, { force: true });
fs.copyFileSync(path.join(source, "..", "LICENSE"), licence);
fs.chmodSync(licence, 0o644);
console.log(
  `${path.relative(root, target)}: ${features.length} provinces, ${features.reduce((s, f) => s + f.geometry.coordinates.length, 0)} polygons, ${features.reduce((s, f) => s + points(f), 0)} points, ${(text.length / 1024).toFixed(0)} KB`,
);
