// Rating a whole cell of 60 members in one request (issue 5), on the national data set: a cell is
// made under the bloc committee (or found from a previous run) and given 60 members through the
// API, then its sheet is read and saved again and again, each save with the version just read.
// Writes change the sheet's version, so this is a sequence of timed requests, not a load test.
import { performance } from "node:perf_hooks";

export interface SequenceRow {
  scenario: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
}

const grades = ["excellent", "good", "good", "complete"] as const;
/** Points that fit each grade (the sheet refuses "excellent" below 90). */
const pointsOf = { excellent: 92, good: 78, complete: 60 } as const;

export async function rateCellOf60(api: string, login: { username: string; password: string }) {
  const res = await fetch(`${api}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(login),
  });
  const body = (await res.json()) as { csrfToken: string };
  const headers = {
    cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    "x-csrf-token": body.csrfToken,
    "content-type": "application/json",
  };
  const call = async (method: string, path: string, payload?: unknown) => {
    const r = await fetch(`${api}${path}`, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    const json = (await r.json()) as any;
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };

  const bloc = (await call("GET", "/api/units?q=BLOC-01&pageSize=1")).items[0];
  const code = "BENCH-CELL-60";
  let cell = (await call("GET", `/api/units?q=${code}&pageSize=1`)).items[0];
  if (!cell) {
    const kinds = (await call("GET", "/api/unit-kinds")).items as { id: string; code: string }[];
    cell = (
      await call("POST", "/api/units", {
        parentId: bloc.id,
        kindId: kinds.find((k) => k.code === "cell")?.id,
        code,
        name: "Chi bộ đo tải 60 đảng viên",
      })
    ).unit;
  }
  const members = (await call("GET", `/api/people?unitId=${cell.id}&status=active&pageSize=100`))
    .total as number;
  for (let i = members; i < 60; i++) {
    await call("POST", "/api/people", {
      unitId: cell.id,
      fullName: `Nguyễn Văn Thử ${i + 1}`,
      joinedOn: "2010-05-19",
      officialOn: "2011-05-19",
    });
  }
  const year = Number(new Date().toISOString().slice(0, 4));
  const times: number[] = [];
  for (let round = 0; round < 30; round++) {
    const sheet = await call("GET", `/api/units/${cell.id}/ratings?year=${year}`);
    const ratings = (sheet.rows as { personId: string }[]).map((row, i) => ({
      personId: row.personId,
      grade: grades[(i + round) % grades.length] ?? "good",
      points: pointsOf[grades[(i + round) % grades.length] ?? "good"] + ((i + round) % 5),
    }));
    if (ratings.length !== 60) throw new Error(`the sheet has ${ratings.length} rows, not 60`);
    const started = performance.now();
    await call("POST", `/api/units/${cell.id}/ratings`, { year, version: sheet.version, ratings });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return {
    scenario: "rating a cell of 60 members in one request (POST, 30 in sequence)",
    n: times.length,
    p50: at(0.5),
    p95: at(0.95),
    max: times.at(-1) ?? 0,
  } satisfies SequenceRow;
}
