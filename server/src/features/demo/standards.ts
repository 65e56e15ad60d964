import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { type Ctx, systemCtx } from "../../lib/auth/actor.ts";
import { confirmStandard, createStandard, reviseStandard } from "../standards/commands.ts";
import { standardVersions } from "../standards/schema.ts";
import { demoActors } from "./accounts.ts";
import type { DemoTree } from "./seed.ts";

const items = [
  "Tuyệt đối trung thành với Đảng, Tổ quốc và Nhân dân; chấp hành nghiêm chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
  "Tận tụy phục vụ Nhân dân; lắng nghe, tôn trọng, giải quyết công việc đúng hẹn, không gây phiền hà.",
  "Cần, kiệm, liêm, chính, chí công vô tư; không tham ô, lãng phí, không vụ lợi.",
  "Đoàn kết, thương yêu, giúp đỡ đồng chí, đồng nghiệp; thẳng thắn tự phê bình và phê bình.",
  "Gương mẫu trong lời nói và việc làm; nói đi đôi với làm, trên trước, dưới sau.",
];

/**
 * The ethics standards of K1: a first version, then the version in force with one more standard;
 * two members have confirmed reading it, the others not yet.
 */
export async function seedDemoStandards(tx: Executor, tree: DemoTree) {
  const ctx = systemCtx();
  const title = `Chuẩn mực đạo đức của cán bộ, đảng viên ${tree.cell1.name}`;
  const list = await createStandard(tx, ctx, {
    unit: tree.cell1,
    title,
    items,
    effectiveOn: "2025-01-02",
    note: "",
  });
  const revised = await reviseStandard(tx, ctx, list, {
    version: list.version,
    title,
    items: [
      ...items,
      "Giữ gìn lối sống giản dị, lành mạnh; giữ mối liên hệ mật thiết với Nhân dân nơi cư trú.",
    ],
    effectiveOn: "2026-01-05",
    note: "Bổ sung chuẩn mực về lối sống và nơi cư trú.",
  });
  const [current] = await tx
    .select({ id: standardVersions.id })
    .from(standardVersions)
    .where(and(eq(standardVersions.standardId, list.id), eq(standardVersions.number, revised.currentNumber)));
  if (!current) throw new Error("no current standards version");
  const readers = await demoActors(tx, ["bithu.chibo1", "dangvien1"]);
  for (const actor of readers.values()) {
    const as: Ctx = { actor, ip: null, requestId: null };
    await confirmStandard(tx, as, actor, { ...revised, versionId: current.id }, revised.version);
  }
}
