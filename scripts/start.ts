// `npm start`: builds the web app when web/dist is missing or older than its sources, then starts
// the server (embedded PGlite under ./data unless DATABASE_URL is set). Node keeps the compiled
// modules in CACHE_DIR/compile (default node_modules/.cache/theo-guong, warmed by `npm install`):
// the server's modules then load in about half the time.
import module from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureWebBuild } from "./web-build.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = process.env.CACHE_DIR
  ? path.resolve(process.env.CACHE_DIR)
  : path.join(root, "node_modules", ".cache", "theo-guong");
module.enableCompileCache?.(path.join(cacheDir, "compile"));

if (!ensureWebBuild()) process.exit(1);

await import("../server/src/main.ts");
