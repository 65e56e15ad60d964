import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyse } from "../../scripts/module-graph.ts";

// The import check of npm run check (scripts/module-graph.ts), on a tree made for it and on ours.
describe("the module graph check", () => {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), "tg-graph-"));
  afterAll(() => fs.rmSync(tree, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    fs.writeFileSync(path.join(tree, file), text);
  };

  it("finds lib importing a module, a module reading another's internals, and a loop", () => {
    write("lib/audit.ts", 'import { users } from "../features/a/schema.ts";\n');
    write("features/a/schema.ts", "export const users = 1;\n");
    write("features/a/index.ts", 'export { b } from "../b/queries.ts";\n');
    write("features/b/queries.ts", 'import { a } from "../a/index.ts";\nexport const b = a;\n');
    write("features/b/index.ts", 'export { b } from "./queries.ts";\n');
    write(
      "features/c/routes.ts",
      'import { users } from "../a/schema.ts";\nimport { b } from "../b/index.ts";\n',
    );
    write("features/c/c.test.ts", 'import { b } from "../b/queries.ts";\n');
    const { violations, loops } = analyse(tree);
    const found = violations.map((v) => `${v.rule} ${v.from} -> ${v.to}`).sort();
    expect(found).toEqual([
      "internal-of-other-module features/a/index.ts -> features/b/queries.ts",
      "lib-imports-feature lib/audit.ts -> features/a/schema.ts",
      "module-loop a -> b",
      "module-loop b -> a",
    ]);
    expect(loops).toEqual([["a", "b"]]);
  });

  it("finds nothing against the layering in the server", () => {
    const { violations } = analyse();
    expect(violations).toEqual([]);
  });
});
