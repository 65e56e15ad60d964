import fs from "node:fs";
import { count } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../../lib/audit.ts";
import { systemCtx } from "../../lib/auth/actor.ts";
import { hashPassword, oneTimePassword } from "../../lib/auth/secrets.ts";
import { createUnit } from "../units/commands.ts";
import { type UnitRow, units } from "../units/schema.ts";
import { type Role, users } from "../users/schema.ts";

interface Ward {
  code: string;
  name: string;
  fullName: string;
  kind: string;
}
interface Province {
  code: string;
  name: string;
  fullName: string;
  wards?: Ward[];
}
const sample = JSON.parse(fs.readFileSync(new URL("./vn-admin-sample.json", import.meta.url), "utf8")) as {
  provinces: Province[];
};

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
}

const P1 = "24"; // Tỉnh Bắc Ninh
const P2 = "19"; // Tỉnh Thái Nguyên

const partyName = (ward: Ward) =>
  `Đảng ủy ${ward.fullName.replace(/^(Phường|Xã|Đặc khu) /, (k) => `${k.toLowerCase()}`)}`;
const grassrootsNames = ["Đảng bộ cơ quan Ủy ban nhân dân", "Đảng bộ Trường Trung học phổ thông"];
const cellNames = ["Chi bộ Văn phòng", "Chi bộ Tư pháp - Hộ tịch", "Chi bộ Khu dân cư số 1"];

async function buildTree(tx: Executor): Promise<DemoTree> {
  const ctx = systemCtx();
  const all: UnitRow[] = [];
  const add = async (name: string, parent: UnitRow | null) => {
    const row = await createUnit(tx, ctx, { name, parent });
    all.push(row);
    return row;
  };
  const root = await add("Ban Chấp hành Trung ương Đảng", null);
  const provinceTree = async (code: string, communes: number) => {
    const province = sample.provinces.find((p) => p.code === code);
    if (!province?.wards) throw new Error(`demo data lacks province ${code}`);
    const committee = await add(`Tỉnh ủy ${province.name}`, root);
    const firstCells: UnitRow[] = [];
    let firstCommune: UnitRow | null = null;
    let firstGrassroots: UnitRow | null = null;
    for (const ward of province.wards.slice(0, communes)) {
      const commune = await add(partyName(ward), committee);
      firstCommune ??= commune;
      for (const [g, base] of grassrootsNames.entries()) {
        const grassroots = await add(`${base} ${ward.name}`, commune);
        if (!firstGrassroots && g === 0) firstGrassroots = grassroots;
        for (const cellName of cellNames.slice(0, g === 0 ? 3 : 2)) {
          const cell = await add(cellName, grassroots);
          if (grassroots === firstGrassroots) firstCells.push(cell);
        }
      }
    }
    return { committee, commune: firstCommune, grassroots: firstGrassroots, cells: firstCells };
  };
  const p1 = await provinceTree(P1, 3);
  const p2 = await provinceTree(P2, 2);
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
    { username: "bithu.chibo1", displayName: "Đặng Văn Bình", role: "secretary", unit: tree.cell1 },
    { username: "bithu.chibo2", displayName: "Vũ Thị Lan", role: "secretary", unit: tree.cell2 },
    { username: "dangvien1", displayName: "Ngô Văn An", role: "member", unit: tree.cell1 },
    { username: "dangvien2", displayName: "Bùi Thị Ánh", role: "member", unit: tree.cell1 },
  ] as const satisfies readonly { username: string; displayName: string; role: Role; unit: UnitRow }[];
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
  await db.transaction(async (tx) => {
    await tx.insert(users).values(
      withPasswords.map((a) => ({
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        unitId: a.unit.id,
        passwordHash: a.passwordHash,
        mustChangePassword: false,
      })),
    );
    await recordAudit(tx, systemCtx(), {
      event: "system.seed_demo",
      unitId: plan.tree.root.id,
      after: { units: plan.tree.all.length, accounts: withPasswords.length },
    });
  });
  return {
    tree: plan.tree,
    accounts: withPasswords.map((a) => ({
      username: a.username,
      password: a.password,
      role: a.role,
      unitId: a.unit.id,
      personId: null,
      displayName: a.displayName,
      unitName: a.unit.name,
    })),
  };
}

/** Writes DATA_DIR/demo-accounts.json and prints the accounts. */
export function publishDemoAccounts(dataDir: string, accounts: DemoAccount[], log: (line: string) => void) {
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
  log("Tài khoản dùng thử (demo accounts):");
  for (const a of accounts) {
    log(`  ${a.username.padEnd(15)} ${a.password.padEnd(20)} ${a.role.padEnd(10)} ${a.unitName}`);
  }
  log(`Đã ghi vào (written to) ${file}`);
}
