// `npm start`: builds the web app when web/dist is missing or older than its sources, then starts
// the server (embedded PGlite under ./data unless DATABASE_URL is set).
import { ensureWebBuild } from "./web-build.ts";

if (!ensureWebBuild()) process.exit(1);

await import("../server/src/main.ts");
