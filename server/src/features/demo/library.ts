import type { Executor } from "../../db/client.ts";
import { type Ctx, systemCtx } from "../../lib/auth/actor.ts";
import { createDocument, markDocumentRead } from "../library/commands.ts";
import { demoActors } from "./accounts.ts";
import type { DemoTree } from "./seed.ts";

/**
 * The library of the demo: the campaign's directive and conclusion issued by the central board, a
 * province's guidance, and the province's internal bulletin of the month, read by some of K1.
 */
export async function seedDemoLibrary(tx: Executor, tree: DemoTree) {
  const ctx = systemCtx();
  await createDocument(tx, ctx, {
    unit: tree.root,
    kind: "directive",
    number: "05-CT/TW",
    title: "Chỉ thị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    summary:
      "Bộ Chính trị chỉ thị các cấp ủy, tổ chức đảng đưa việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh thành việc làm tự giác, thường xuyên; người đứng đầu nêu gương.",
    issuedOn: "2016-05-15",
  });
  await createDocument(tx, ctx, {
    unit: tree.root,
    kind: "conclusion",
    number: "01-KL/TW",
    title: "Kết luận về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
    summary:
      "Tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; mỗi năm một chuyên đề; xây dựng chuẩn mực đạo đức phù hợp từng cơ quan, đơn vị.",
    issuedOn: "2021-05-18",
  });
  await createDocument(tx, ctx, {
    unit: tree.p1,
    kind: "guidance",
    number: "12-HD/BTGDVTU",
    title: "Hướng dẫn học tập chuyên đề năm 2026 trong các chi bộ",
    summary:
      "Cách tổ chức học tập chuyên đề trong sinh hoạt chi bộ thường kỳ, liên hệ bản thân, đăng ký làm theo.",
    issuedOn: "2026-02-20",
  });
  const bulletin = await createDocument(tx, ctx, {
    unit: tree.p1,
    kind: "bulletin",
    number: "TBNB số 10",
    title: "Thông báo nội bộ tháng 10 năm 2026",
    summary:
      "Tình hình thời sự trong nước, trong tỉnh; kết quả học tập chuyên đề 9 tháng; gương điển hình làm theo Bác ở cơ sở. Dùng trong sinh hoạt chi bộ thường kỳ.",
    issuedOn: "2026-10-05",
  });
  const readers = await demoActors(tx, ["bithu.chibo1", "dangvien1", "bithu.chibo2"]);
  for (const actor of readers.values()) {
    const as: Ctx = { actor, ip: null, requestId: null };
    await markDocumentRead(tx, as, actor, bulletin);
  }
}
