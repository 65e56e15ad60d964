// The generated list benchmark (issue 13): page 1 of every GET list route of the OpenAPI document
// (a 200 response that is the list envelope: items, total, page, pageSize), as the national admin,
// a province officer and a commune officer, each p95 ÷ the GET /api/auth/me floor of the same run.
// No list is left out by hand: a new list route appears in the table by itself, and one that cannot
// be filled in (a path parameter with no object to point at) is named in the table as skipped.
//   node bench/lists.ts   (against tg_national, after `npm run seed:national`; prints the table)
import { fileURLToPath } from "node:url";
import { type LoadRow, load, loginCookie } from "./http.ts";

export interface ListCaller {
  /** Shown in the table: "national admin", "province officer", … */
  label: string;
  cookie: string;
  /** The caller's own unit: the scope of `/units/{id}/…` lists and of required `unitId`s. */
  unitId: string;
}

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
}

/** The list routes of the OpenAPI document: GETs whose 200 answer is the list envelope. */
export function listRoutes(spec: { paths: Record<string, Record<string, Operation>> }) {
  const isEnvelope = (s: Schema | undefined): boolean => {
    if (!s) return false;
    if (s.allOf) return s.allOf.some(isEnvelope);
    const p = s.properties ?? {};
    return !!(p.items && p.total && p.page && p.pageSize);
  };
  const out: { path: string; query: string[]; pathParams: string[] }[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    const get = ops.get;
    if (!get) continue;
    const schema = get.responses?.["200"]?.content?.["application/json"]?.schema;
    if (!isEnvelope(schema)) continue;
    const params = get.parameters ?? [];
    out.push({
      path,
      query: params.filter((p) => p.in === "query" && p.required).map((p) => p.name),
      pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
    });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export interface ListRow extends LoadRow {
  caller: string;
  path: string;
  total?: number;
  estimate?: boolean;
  skipped?: string;
}

/**
 * Page 1 of every list route for each caller, `connections` clients for `seconds` each, after the
 * floor (GET /api/auth/me as the first caller) of the same run.
 */
export async function benchLists(
  api: string,
  callers: ListCaller[],
  options: { seconds: number; connections: number; only?: RegExp },
): Promise<{ floor: LoadRow; rows: ListRow[] }> {
  const spec = (await (await fetch(`${api}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const routes = listRoutes(spec).filter((r) => !options.only || options.only.test(r.path));
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  const first = callers[0];
  if (!first) throw new Error("no caller");
  const floor = await load(
    "floor: GET /api/auth/me",
    `${api}/api/auth/me`,
    { cookie: first.cookie },
    options,
  );
  const rows: ListRow[] = [];
  for (const caller of callers) {
    const headers = { cookie: caller.cookie };
    const get = async (url: string) => {
      const res = await fetch(`${api}${url}`, { headers });
      return { status: res.status, body: (await res.json().catch(() => null)) as any };
    };
    for (const route of routes) {
      // Path parameters: the caller's unit for `/units/{id}/…`, else the first object of the
      // parent collection's own list as this caller sees it.
      let url = route.path;
      let skipped: string | undefined;
      for (const name of route.pathParams) {
        const at = url.indexOf(`{${name}}`);
        const parent = url.slice(0, at).replace(/\/$/, "");
        let value: string | undefined;
        if (parent === "/api/units" || name === "unitId") value = caller.unitId;
        else {
          const list = await get(`${parent}?pageSize=1`);
          value = list.status === 200 ? list.body?.items?.[0]?.id : undefined;
        }
        if (!value) {
          skipped = `no object in ${parent} to point {${name}} at`;
          break;
        }
        url = url.replace(`{${name}}`, value);
      }
      const query = new URLSearchParams();
      for (const name of route.query) {
        if (name === "unitId") query.set(name, caller.unitId);
        else if (name === "year") query.set(name, String(year));
        else skipped ??= `required query parameter ${name}`;
      }
      const target = `${url}${query.size ? `?${query}` : ""}`;
      if (skipped) {
        rows.push({ caller: caller.label, path: route.path, skipped, ...emptyRow(target) });
        continue;
      }
      const probe = await get(target);
      if (probe.status !== 200) {
        rows.push({
          caller: caller.label,
          path: route.path,
          skipped: `answers ${probe.status}`,
          ...emptyRow(target),
        });
        continue;
      }
      const row = await load(`${caller.label}: GET ${target}`, `${api}${target}`, headers, options);
      rows.push({
        ...row,
        caller: caller.label,
        path: route.path,
        total: probe.body?.total,
        estimate: probe.body?.totalIsEstimate === true,
      });
    }
  }
  return { floor, rows };
}

const emptyRow = (scenario: string): LoadRow => ({ scenario, rps: 0, p50: 0, p95: 0, p99: 0, errors: 0 });

/** The table for BENCHMARKS.md: one line per route and caller, with the ratio to the floor. */
export function listTable(result: { floor: LoadRow; rows: ListRow[] }) {
  const { floor, rows } = result;
  const ratio = (r: ListRow) => r.p95 / floor.p95;
  const measured = rows.filter((r) => !r.skipped);
  const worst = [...measured].sort((a, b) => ratio(b) - ratio(a))[0];
  const over3 = measured.filter((r) => ratio(r) > 3).length;
  const over5 = measured.filter((r) => ratio(r) > 5).length;
  const lines = rows.map((r) =>
    r.skipped
      ? `| ${r.path} | ${r.caller} | – | – | – | – | skipped: ${r.skipped} |`
      : `| ${r.path} | ${r.caller} | ${r.total === undefined ? "?" : `${r.estimate ? "≈" : ""}${r.total}`} | ${r.rps} | ${r.p95.toFixed(2)} | **${ratio(r).toFixed(2)}** | ${r.errors} |`,
  );
  return `Floor (GET /api/auth/me, national admin, same run): p95 ${floor.p95.toFixed(2)} ms, ${floor.rps} req/s.
${measured.length} measured (${rows.length - measured.length} skipped); over 3×: ${over3}; over 5×: ${over5}; worst: ${worst ? `${worst.path} (${worst.caller}) ${ratio(worst).toFixed(2)}×` : "–"}.

| list route (page 1) | caller | total (≈ estimate) | req/s | p95 ms | ÷ floor | errors |
|---|---|---|---|---|---|---|
${lines.join("\n")}`;
}

/** The three callers of the national data set (bench/seed-lists.ts makes the officers). */
export async function nationalCallers(api: string, password: string): Promise<ListCaller[]> {
  const callers: ListCaller[] = [];
  for (const [label, username] of [
    ["national admin", "bench.admin"],
    ["province officer", "bench.officer.province"],
    ["commune officer", "bench.officer.commune"],
  ] as const) {
    const cookie = await loginCookie(api, username, password);
    if (!cookie) {
      console.warn(`${username}: cannot sign in (run bench/seed-lists.ts): left out`);
      continue;
    }
    const me = (await (await fetch(`${api}/api/auth/me`, { headers: { cookie } })).json()) as {
      user: { unitId: string };
    };
    callers.push({ label, cookie, unitId: me.user.unitId });
  }
  return callers;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const api = process.env.BENCH_API ?? "http://127.0.0.1:3000";
  const callers = await nationalCallers(api, process.env.BENCH_PASSWORD ?? "Bench-password-2026");
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
  const result = await benchLists(api, callers, {
    seconds: Number(process.env.BENCH_SECONDS ?? 5),
    connections: 16,
    ...(only ? { only } : {}),
  });
  console.log(listTable(result));
}
