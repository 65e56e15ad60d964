/**
 * Regenerates server/src/features/admin-areas/data/vn-admin-units.json, the committed list of
 * Vietnam's provinces and communes (since 1 July 2025), from the shared data set:
 *
 *   npx node scripts/extract-admin-areas.ts ../shared/data/vn-admin-units/units.json
 *
 * One line per area, so that a change of the map shows as a readable diff.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface SourceWard {
  Code: string;
  Name: string;
  FullName: string;
  ProvinceCode: string;
}
interface SourceProvince {
  Code: string;
  Name: string;
  FullName: string;
  Wards: SourceWard[];
}

const source = process.argv[2];
if (!source) {
  console.error("usage: npx node scripts/extract-admin-areas.ts <units.json>");
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "server/src/features/admin-areas/data/vn-admin-units.json");
const provinces = JSON.parse(fs.readFileSync(source, "utf8")) as SourceProvince[];

const line = (value: unknown) => `    ${JSON.stringify(value)}`;
const provinceLines = provinces.map((p) => line({ code: p.Code, name: p.Name, fullName: p.FullName }));
const communeLines = provinces.flatMap((p) =>
  p.Wards.map((w) => line({ code: w.Code, name: w.Name, fullName: w.FullName, provinceCode: p.Code })),
);
const text = [
  "{",
  `  "source": "thanglequoc/vietnamese-provinces-database (MIT, see LICENSE-vn-admin-units): provinces and communes from 1 July 2025",`,
  `  "provinces": [\n${provinceLines.join(",\n")}\n  ],`,
  `  "communes": [\n${communeLines.join(",\n")}\n  ]`,
  "}",
  "",
].join("\n");
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, text);
fs.copyFileSync(
  path.join(path.dirname(source), "LICENSE"),
  path.join(path.dirname(target), "LICENSE-vn-admin-units"),
);
console.log(`${target}: ${provinceLines.length} provinces, ${communeLines.length} communes`);
