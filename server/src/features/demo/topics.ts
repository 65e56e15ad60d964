import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { systemCtx } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { people } from "../people/schema.ts";
import { createStudySession } from "../topics/commands/create-study-session.ts";
import { createTopic } from "../topics/commands/create-topic.ts";
import type { DemoTree } from "./seed.ts";

/** A demo day, never after today (a session cannot be dated in the future). */
const notAfterToday = (day: string) => (day <= vnToday() ? day : vnToday());

/**
 * The 2026 topic issued by the central board (with a link to its materials), and the study
 * sessions K1 and K2 held on it: most of K1 studied it, about half of K2 — so that the coverage of
 * the commune and the province shows a share between.
 */
export async function seedDemoTopics(tx: Executor, tree: DemoTree) {
  const ctx = systemCtx();
  const topic = await createTopic({
    tx,
    ctx,
    unit: tree.root,
    year: 2026,
    title:
      "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
    summary:
      "Chuyên đề năm 2026: mỗi chi bộ tổ chức học tập, thảo luận; mỗi đảng viên liên hệ bản thân, đăng ký việc làm cụ thể để làm theo Bác trong bản cam kết của năm.",
    links: [{ title: "Tư liệu văn kiện Đảng", url: "https://tulieuvankien.dangcongsan.vn/" }],
  });
  const activeOf = async (unitId: string) =>
    (
      await tx
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.unitId, unitId), eq(people.status, "active")))
        .orderBy(asc(people.sortKey), asc(people.id))
    ).map((p) => p.id);
  const k1 = await activeOf(tree.cell1.id);
  const k2 = await activeOf(tree.cell2.id);
  await createStudySession({
    tx,
    ctx,
    unit: tree.cell1,
    topicId: topic.id,
    heldOn: notAfterToday("2026-03-12"),
    notes: "Sinh hoạt chi bộ thường kỳ tháng 3: quán triệt chuyên đề năm 2026, thảo luận việc làm theo Bác.",
    personIds: k1.slice(0, Math.max(1, k1.length - 2)),
  });
  await createStudySession({
    tx,
    ctx,
    unit: tree.cell1,
    topicId: topic.id,
    heldOn: notAfterToday("2026-04-09"),
    notes: "Học bù cho đảng viên vắng buổi tháng 3.",
    personIds: k1.slice(-1),
  });
  await createStudySession({
    tx,
    ctx,
    unit: tree.cell2,
    topicId: topic.id,
    heldOn: notAfterToday("2026-03-19"),
    notes: "Sinh hoạt chuyên đề quý I.",
    personIds: k2.slice(0, Math.ceil(k2.length / 2)),
  });
  return topic;
}
