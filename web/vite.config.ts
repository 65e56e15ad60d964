import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside every text file of the
 * build (where smaller), once at build time: the server sends them as they are (@fastify/static
 * `preCompressed`), so no request pays for compressing the app.
 */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "theo-guong:precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const entries = await fs.readdir(outDir, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((e) => e.isFile() && /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/.test(e.name))
        .map((e) => path.join(e.parentPath, e.name));
      await Promise.all(
        files.map(async (file) => {
          const data = await fs.readFile(file);
          const [br, gz] = await Promise.all([
            brotli(data, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            }),
            gzip(data, { level: 9 }),
          ]);
          if (br.length < data.length) await fs.writeFile(`${file}.br`, br);
          if (gz.length < data.length) await fs.writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}

// The server serves web/dist in production; in development Vite serves the app and forwards /api.
export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      "/api": "http://127.0.0.1:3000",
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Pages load on demand (React.lazy in app/router.tsx), each chunk with what only it uses.
    // What the first visit needs is two chunks and the CSS: React (changes less often than the
    // app: cached across releases) and the app (see "app" below). A member's first visit stays
    // under 300 kB on the wire (e2e/phone.e2e.ts, bench/phone.ts).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 30,
            },
            // Everything the entry imports statically (the frame, the login and home pages, the
            // Mantine components they draw, i18n with the Vietnamese catalogue): one chunk rather
            // than dozens of small ones shared with the pages, each a request and ~1 kB of headers.
            { name: "app", tags: ["$initial"], priority: 20 },
            // Charts load with the pages that draw them (React.lazy), never with the app shell.
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
          ],
        },
      },
    },
    chunkSizeWarningLimit: 600,
  },
});
