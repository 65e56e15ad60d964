// `npm start`: builds the web app when web/dist is missing or older than its sources, then starts
// the server (embedded PGlite under ./data unless DATABASE_URL is set).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const web = path.join(root, "web");
const built = path.join(web, "dist", "index.html");

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const sources = ["src", "public", "index.html", "vite.config.ts", "package.json"]
  .map((p) => path.join(web, p))
  .filter((p) => fs.existsSync(p));
const stale = !fs.existsSync(built) || fs.statSync(built).mtimeMs < Math.max(...sources.map(newestMtime));
if (stale) {
  console.log("Đang dựng giao diện web (building the web app)…");
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"],
    {
      cwd: web,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await import("../server/src/main.ts");
