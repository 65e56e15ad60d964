// `npm install` runs this (the root package's postinstall, with the `node` dev dependency — Node 24 —
// first on the PATH): the work a first `npm start` would otherwise do, done once, so that it starts
// in seconds —
//   1. the migrated empty embedded database, the template each new DATA_DIR is copied from
//      (node_modules/.cache/theo-guong/pglite-empty-<hash of the migrations>/), and today's demo
//      data on top of it (pglite-demo-<hash>/, used by a first start on the same day with the same code);
//   2. the web app, when it was never built (a fresh clone);
//   3. Node's compile cache of the server's modules (node_modules/.cache/theo-guong/compile).
// CACHE_DIR moves both caches elsewhere.
// It never fails the install: whatever goes wrong is said in one line, and the first start does it
// the plain way instead (initdb, migrations, the demo seed; the web build).
import fs from "node:fs";
import module from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const say = (line: string) => console.log(`theo-guong: ${line}`);

/** One piece of work, timed; a failure is reported and skipped (null). */
async function step<T>(name: string, work: () => Promise<T>): Promise<T | null> {
  const started = performance.now();
  try {
    const result = await work();
    say(`${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    say(
      `${name}: bỏ qua (skipped), làm lại khi khởi động (done at the first start): ${(error as Error).message}`,
    );
    return null;
  }
}

// As in scripts/start.ts and server/src/db/pglite-template.ts (cacheDirOf).
const cacheDir = process.env.CACHE_DIR
  ? path.resolve(process.env.CACHE_DIR)
  : path.join(root, "node_modules", ".cache", "theo-guong");
module.enableCompileCache?.(path.join(cacheDir, "compile"));

const emptyTemplate = await step("mẫu CSDL nhúng (embedded database template)", async () => {
  const { ensurePgliteTemplate } = await import("../server/src/db/pglite-template.ts");
  const { ensureFiguresCurrent } = await import("../server/src/features/figures/index.ts");
  (await import("../server/src/modules.ts")).installModules();
  const made = await ensurePgliteTemplate({ cacheDir, prepare: (db) => ensureFiguresCurrent(db), log: say });
  if (!made) throw new Error("not made");
  return made;
});
if (emptyTemplate) {
  await step("dữ liệu dùng thử hôm nay (today's demo data template)", async () => {
    const { ensureDemoTemplate } = await import("../server/src/features/demo/template.ts");
    if (!(await ensureDemoTemplate({ emptyTemplate, cacheDir, log: say }))) throw new Error("not made");
  });
}

if (!fs.existsSync(path.join(root, "web", "dist", "index.html"))) {
  await step("giao diện web (web app built)", async () => {
    const { ensureWebBuild } = await import("./web-build.ts");
    if (!ensureWebBuild(say)) throw new Error("vite build failed");
  });
}

await step("bộ nhớ đệm biên dịch (compile cache warmed)", async () => {
  // What server/src/main.ts imports (importing main.ts itself would start the server).
  await import("../server/src/app.ts");
  await import("../server/src/features/demo/seed.ts");
  await import("../server/src/features/notifications/schedule.ts");
  module.flushCompileCache?.();
});
process.exit(0);
