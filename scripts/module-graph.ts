// `node scripts/module-graph.ts`: the server's import graph against its layering (issue 14).
//   - lib/ and db/ never import features/ (they sit below every module);
//   - a module imports another module only through its public face: `index.ts` (contracts and read
//     functions meant for others) or `schema.ts` (its tables); never its routes, commands or queries;
//   - the modules' graph has no loop.
// Loops are counted over code imports (index.ts): joining another module's tables is not a loop.
// Any import against these rules fails the check (npm run check, so CI).
//   --stats   print the cross-module figures (imports, pairs, loops)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const serverSrc = path.join(root, "server", "src");

export interface Violation {
  rule: "lib-imports-feature" | "internal-of-other-module" | "module-loop";
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const importPattern =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** The relative imports of a file, resolved to paths below server/src. */
function importsOf(file: string, src: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(importPattern)) {
    const spec = m[1] ?? m[2];
    if (!spec?.startsWith(".")) continue;
    const target = path.relative(src, path.resolve(path.dirname(file), spec));
    if (!target.startsWith("..")) found.push(target.split(path.sep).join("/"));
  }
  return found;
}

/** `features/<m>/…` → m; lib/ and db/ → the layer below; anything else (app, main, cli) → the root. */
function placeOf(file: string): { layer: "feature" | "lib" | "root"; module?: string } {
  const parts = file.split("/");
  // The schema drizzle-kit reads lists every module's tables: a composition root, like app.ts.
  if (file === "db/schema.ts") return { layer: "root" };
  // The demo data is made through every module's commands, as the tests make theirs: it sits above them.
  if (parts[0] === "features" && parts[1] === "demo") return { layer: "root" };
  if (parts[0] === "features" && parts[1]) return { layer: "feature", module: parts[1] };
  if (parts[0] === "lib" || parts[0] === "db") return { layer: "lib" };
  return { layer: "root" };
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const publicFace = new Set(["index.ts", "schema.ts"]);

export function analyse(src = serverSrc) {
  const violations: Violation[] = [];
  const edges = new Map<string, Set<string>>();
  let crossImports = 0;
  for (const full of sourceFiles(src)) {
    const from = path.relative(src, full).split(path.sep).join("/");
    const a = placeOf(from);
    // Tests sit above everything they test: they may set up with any module's commands.
    if (isTest(from)) continue;
    for (const to of importsOf(full, src)) {
      const b = placeOf(to);
      if (b.layer !== "feature") continue;
      if (a.layer === "lib") violations.push({ rule: "lib-imports-feature", from, to });
      if (a.layer !== "feature" || a.module === b.module) continue;
      crossImports++;
      const file = to.split("/").slice(2).join("/");
      // Loops are counted over code: reading another module's tables (its schema.ts, which imports
      // only tables) joins data, and two modules whose queries join each other's tables still load
      // and test one at a time.
      if (file !== "schema.ts") {
        const set = edges.get(a.module as string) ?? new Set<string>();
        set.add(b.module as string);
        edges.set(a.module as string, set);
      }
      if (!publicFace.has(file)) violations.push({ rule: "internal-of-other-module", from, to });
    }
  }
  // Loops: strongly connected components of the module graph (Tarjan).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) loops.push(component.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  for (const loop of loops) {
    const members = new Set(loop);
    for (const a of loop)
      for (const b of edges.get(a) ?? [])
        if (members.has(b)) violations.push({ rule: "module-loop", from: a, to: b });
  }
  const pairs = [...edges.values()].reduce((n, s) => n + s.size, 0);
  return { violations, loops, crossImports, pairs, modules: new Set([...edges.keys()]).size };
}

const describe = (v: Violation) => `${v.rule} ${v.from} -> ${v.to}`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = analyse();
  if (process.argv.includes("--stats") || result.violations.length) {
    console.log(
      `modules importing others: ${result.modules}; cross-module imports: ${result.crossImports} over ${result.pairs} pairs; loops: ${result.loops.map((l) => `[${l.join(" ")}]`).join(" ") || "none"}; violations: ${result.violations.length}`,
    );
  }
  for (const v of result.violations) console.error(`import against the layering: ${describe(v)}`);
  if (result.violations.length) {
    console.error(
      "\nlib/ and db/ must not import features/; a module uses another only through its index.ts or schema.ts; modules form no loop (docs/ARCHITECTURE.md).",
    );
  }
  process.exit(result.violations.length ? 1 : 0);
}
