import fs from "node:fs";
import { count } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../../lib/audit.ts";
import { systemCtx } from "../../lib/auth/actor.ts";
import type { Role } from "../../lib/auth/roles.ts";
import { hashPassword, oneTimePassword } from "../../lib/auth/secrets.ts";
import { provincesWithCommunes } from "../admin-areas/index.ts";
import { createPeople } from "../people/commands/create-people.ts";
import type { PersonFields } from "../people/commands/shared.ts";
import { createUnit } from "../units/commands/create-unit.ts";
import type { UnitFields } from "../units/commands/shared.ts";
import { type UnitRow, unitKinds, units } from "../units/schema.ts";
import { users } from "../users/schema.ts";
import { seedDemoCommendations } from "./commendations.ts";
import { seedDemoExemplars } from "./exemplars.ts";
import { seedDemoLibrary } from "./library.ts";
import { familyNames, givenNames, middleNames } from "./names.ts";
import { seedDemoPlans } from "./plans.ts";
import { seedDemoPractices } from "./practices.ts";
import { seedDemoReports } from "./reports.ts";
import { seedDemoStandards } from "./standards.ts";
import { seedDemoTopics } from "./topics.ts";

interface Ward {
  code: string;
  name: string;
  fullName: string;
}
/** The real map: the 34 provinces and their communes (the list the admin-area picker serves). */
const map = provincesWithCommunes();

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  unitId: string;
  personId: string | null;
  displayName: string;
  unitName: string;
}

/** The units the demo accounts sit in (P1, P2, C, G, K1, K2 of the issue), for tests. */
export interface DemoTree {
  root: UnitRow;
  p1: UnitRow;
  p2: UnitRow;
  commune: UnitRow;
  grassroots: UnitRow;
  cell1: UnitRow;
  cell2: UnitRow;
  all: UnitRow[];
  people: number;
}

const P1 = "24"; // Tỉnh Bắc Ninh
const P2 = "19"; // Tỉnh Thái Nguyên

const partyName = (ward: Ward) =>
  `Đảng ủy ${ward.fullName.replace(/^(Phường|Xã|Đặc khu) /, (k) => `${k.toLowerCase()}`)}`;
const grassrootsNames = ["Đảng bộ cơ quan Ủy ban nhân dân", "Đảng bộ Trường Trung học phổ thông"];
const cellNames = ["Chi bộ Văn phòng", "Chi bộ Tư pháp - Hộ tịch", "Chi bộ Khu dân cư số 1"];

/** A small deterministic generator, so every demo tree is the same. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T };
}

const positions = ["Đảng viên", "Chi ủy viên", "Phó Bí thư chi bộ"];

const isoDay = (year: number, rnd: () => number) =>
  `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`;

/** Members of one cell: realistic names, dates and a few who have left. */
function cellMembers(rnd: ReturnType<typeof generator>, size: number): PersonFields[] {
  return Array.from({ length: size }, () => {
    const female = rnd.next() < 0.42;
    const joinedYear = 1978 + Math.floor(rnd.next() * 47);
    const joinedOn = isoDay(joinedYear, rnd.next);
    const birthYear = joinedYear - 19 - Math.floor(rnd.next() * 16);
    const officialYear = Math.min(joinedYear + 1, 2026);
    const left = rnd.next() < 0.06;
    return {
      fullName: `${rnd.pick(familyNames)} ${rnd.pick(female ? middleNames.female : middleNames.male)} ${rnd.pick(female ? givenNames.female : givenNames.male)}`,
      gender: female ? "female" : "male",
      birthDate: isoDay(birthYear, rnd.next),
      joinedOn,
      officialOn: `${officialYear}${joinedOn.slice(4)}`,
      position: rnd.pick(positions),
      ...(left
        ? {
            status: rnd.pick(["deceased", "removed"] as const),
            statusOn: isoDay(Math.max(joinedYear + 1, 2018 + Math.floor(rnd.next() * 8)), rnd.next),
          }
        : {}),
    };
  });
}

async function buildTree(tx: Executor): Promise<DemoTree> {
  const ctx = systemCtx();
  const rnd = generator(20_250_701);
  const kinds = new Map((await tx.select().from(unitKinds)).map((k) => [k.code, k.id]));
  const all: UnitRow[] = [];
  const add = async (name: string, parent: UnitRow | null, kind: string, extra: Partial<UnitFields> = {}) => {
    const row = await createUnit({ tx, ctx, name, parent, kindId: kinds.get(kind) ?? null, ...extra });
    all.push(row);
    return row;
  };
  const root = await add("Ban Chấp hành Trung ương Đảng", null, "central", {
    code: "TW",
    documentCode: "TW",
  });
  const committees = new Map<string, UnitRow>();
  for (const province of map) {
    committees.set(
      province.code,
      await add(
        `${province.fullName.startsWith("Thành phố") ? "Thành ủy" : "Tỉnh ủy"} ${province.name}`,
        root,
        "province",
        {
          code: province.code,
          adminAreaCode: province.code,
          documentCode: province.fullName.startsWith("Thành phố") ? "ThU" : "TU",
          terms: [{ name: "2025–2030", start: "2025-10-01", end: null }],
        },
      ),
    );
  }
  let members = 0;
  const detail = async (code: string, communes: number) => {
    const province = map.find((p) => p.code === code);
    const committee = committees.get(code);
    if (!province?.communes.length || !committee) throw new Error(`demo data lacks province ${code}`);
    const firstCells: UnitRow[] = [];
    let firstCommune: UnitRow | null = null;
    let firstGrassroots: UnitRow | null = null;
    for (const ward of province.communes.slice(0, communes)) {
      const commune = await add(partyName(ward), committee, "commune", {
        code: ward.code,
        adminAreaCode: ward.code,
        documentCode: "ĐU",
        activeFrom: "2025-07-01",
      });
      firstCommune ??= commune;
      for (const [g, base] of grassrootsNames.entries()) {
        const grassroots = await add(`${base} ${ward.name}`, commune, "grassroots", {
          code: `${ward.code}-${g + 1}`,
          documentCode: "ĐU",
        });
        if (!firstGrassroots && g === 0) firstGrassroots = grassroots;
        for (const [c, cellName] of cellNames.slice(0, g === 0 ? 3 : 2).entries()) {
          const cell = await add(cellName, grassroots, "cell", {
            code: `${ward.code}-${g + 1}-${c + 1}`,
            documentCode: "CB",
          });
          if (grassroots === firstGrassroots) firstCells.push(cell);
          const created = await createPeople({
            tx,
            ctx,
            unit: cell,
            people: cellMembers(rnd, 9 + Math.floor(rnd.next() * 6)),
          });
          members += created.length;
        }
      }
    }
    return { committee, commune: firstCommune, grassroots: firstGrassroots, cells: firstCells };
  };
  const p1 = await detail(P1, 3);
  const p2 = await detail(P2, 2);
  const [cell1, cell2] = p1.cells;
  if (!p1.commune || !p1.grassroots || !cell1 || !cell2) throw new Error("demo tree incomplete");
  return {
    root,
    p1: p1.committee,
    p2: p2.committee,
    commune: p1.commune,
    grassroots: p1.grassroots,
    cell1,
    cell2,
    all,
    people: members,
  };
}

function demoAccountPlan(tree: DemoTree) {
  return [
    { username: "admin", displayName: "Đỗ Minh Quang", role: "admin", unit: tree.root },
    { username: "canbo.tinh1", displayName: "Nguyễn Thị Thu Hà", role: "officer", unit: tree.p1 },
    { username: "lanhdao.tinh1", displayName: "Trần Quốc Hùng", role: "leader", unit: tree.p1 },
    { username: "canbo.tinh2", displayName: "Lê Văn Đức", role: "officer", unit: tree.p2 },
    { username: "canbo.xa", displayName: "Phạm Thị Hồng Nhung", role: "officer", unit: tree.commune },
    { username: "canbo.coso", displayName: "Hoàng Minh Tuấn", role: "officer", unit: tree.grassroots },
    {
      username: "bithu.chibo1",
      displayName: "Đặng Văn Bình",
      role: "secretary",
      unit: tree.cell1,
      person: "Bí thư chi bộ",
    },
    {
      username: "bithu.chibo2",
      displayName: "Vũ Thị Lan",
      role: "secretary",
      unit: tree.cell2,
      person: "Bí thư chi bộ",
    },
    {
      username: "dangvien1",
      displayName: "Ngô Văn An",
      role: "member",
      unit: tree.cell1,
      person: "Đảng viên",
    },
    {
      username: "dangvien2",
      displayName: "Bùi Thị Ánh",
      role: "member",
      unit: tree.cell1,
      person: "Đảng viên",
    },
  ] as const satisfies readonly {
    username: string;
    displayName: string;
    role: Role;
    unit: UnitRow;
    person?: string;
  }[];
}

export async function isEmpty(db: Executor): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(units);
  return (row?.n ?? 0) === 0;
}

/**
 * Creates the demo tree (central board → Bắc Ninh and Thái Nguyên → communes → grassroots
 * organisations → cells, from the real map) and the demo accounts, in one transaction. Demo
 * accounts need no password change, so that a newcomer can try every role at once.
 */
export async function seedDemo(db: Db): Promise<{ accounts: DemoAccount[]; tree: DemoTree }> {
  const plan = await db.transaction(async (tx) => {
    const tree = await buildTree(tx);
    return { tree, accounts: demoAccountPlan(tree) };
  });
  const withPasswords = await Promise.all(
    plan.accounts.map(async (a) => {
      const password = `Demo-${oneTimePassword()}`;
      return { ...a, password, passwordHash: await hashPassword(password) };
    }),
  );
  const personIds = new Map<string, string>();
  await db.transaction(async (tx) => {
    // Secretaries and members are people of their cell: their accounts link to their records.
    for (const a of withPasswords) {
      if (!("person" in a)) continue;
      const female = a.displayName.includes(" Thị ");
      const [person] = await createPeople({
        tx,
        ctx: systemCtx(),
        unit: a.unit,
        people: [
          {
            fullName: a.displayName,
            gender: female ? "female" : "male",
            birthDate: "1980-05-19",
            joinedOn: "2005-02-03",
            officialOn: "2006-02-03",
            position: a.person,
          },
        ],
      });
      if (person) personIds.set(a.username, person.id);
    }
    await tx.insert(users).values(
      withPasswords.map((a) => ({
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        unitId: a.unit.id,
        personId: personIds.get(a.username) ?? null,
        passwordHash: a.passwordHash,
        mustChangePassword: false,
      })),
    );
    await recordAudit(tx, systemCtx(), {
      event: "system.seed_demo",
      unitId: plan.tree.root.id,
      after: {
        units: plan.tree.all.length,
        people: plan.tree.people + personIds.size,
        accounts: withPasswords.length,
      },
    });
  });
  await db.transaction((tx) => seedDemoPractices(tx, plan.tree));
  await db.transaction((tx) => seedDemoExemplars(tx, plan.tree));
  await db.transaction((tx) => seedDemoCommendations(tx, plan.tree));
  await db.transaction((tx) => seedDemoPlans(tx, plan.tree));
  await db.transaction((tx) => seedDemoTopics(tx, plan.tree));
  await db.transaction((tx) => seedDemoLibrary(tx, plan.tree));
  await db.transaction((tx) => seedDemoStandards(tx, plan.tree));
  await db.transaction((tx) => seedDemoReports(tx, plan.tree));
  return {
    tree: plan.tree,
    accounts: withPasswords.map((a) => ({
      username: a.username,
      password: a.password,
      role: a.role,
      unitId: a.unit.id,
      personId: personIds.get(a.username) ?? null,
      displayName: a.displayName,
      unitName: a.unit.name,
    })),
  };
}

/** Writes DATA_DIR/demo-accounts.json; returns the lines that show the accounts (demoAccountsBox). */
export function publishDemoAccounts(dataDir: string, accounts: DemoAccount[]): string[] {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = `${dataDir}/demo-accounts.json`;
  fs.writeFileSync(
    file,
    `${JSON.stringify(
      accounts.map(({ username, password, role, unitId, personId }) => ({
        username,
        password,
        role,
        unitId,
        personId,
      })),
      null,
      2,
    )}\n`,
    { mode: 0o600 },
  );
  return [
    "Tài khoản dùng thử (demo accounts):",
    "",
    ...accounts.map(
      (a) => `${a.username.padEnd(15)} ${a.password.padEnd(20)} ${a.role.padEnd(10)} ${a.unitName}`,
    ),
    "",
    `Đã ghi vào (written to) ${file}`,
  ];
}

/** Lines in a box, so that the demo passwords stand out as the last thing `npm start` prints. */
export function demoAccountsBox(lines: string[]): string {
  const width = Math.max(...lines.map((l) => [...l].length));
  const row = (l: string) => `│ ${l}${" ".repeat(width - [...l].length)} │`;
  return [`┌${"─".repeat(width + 2)}┐`, ...lines.map(row), `└${"─".repeat(width + 2)}┘`].join("\n");
}
