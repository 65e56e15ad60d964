// Builds the web app when web/dist is missing or older than its sources (npm start, e2e tests).
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

export function webBuildIsStale(): boolean {
  const sources = ["src", "public", "index.html", "vite.config.ts", "package.json"]
    .map((p) => path.join(web, p))
    .filter((p) => fs.existsSync(p));
  return !fs.existsSync(built) || fs.statSync(built).mtimeMs < Math.max(...sources.map(newestMtime));
}

/** Runs `vite build` when needed; returns false when the build failed. */
export function ensureWebBuild(log: (message: string) => void = console.log): boolean {
  if (!webBuildIsStale()) return true;
  log("Đang dựng giao diện web (building the web app)…");
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"],
    // Always the production build: under Vitest NODE_ENV is "test", and Vite would bundle React's
    // development build (larger and slower) into what the end-to-end tests and bench/phone.ts serve.
    { cwd: web, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } },
  );
  if (result.status === 0)
    log(`Đã dựng giao diện web (web app built) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}
