import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { systemCtx } from "../../lib/auth/actor.ts";
import {
  createExemplar,
  linkExemplarPractices,
  reviewExemplar,
  submitExemplar,
} from "../exemplars/commands.ts";
import type { ExemplarRow } from "../exemplars/schema.ts";
import { people } from "../people/schema.ts";
import { practices } from "../practices/schema.ts";
import type { UnitRow } from "../units/schema.ts";
import type { DemoTree } from "./seed.ts";

/**
 * Exemplars of the P1 tree in every state, linked to the demo models: a cell honoured as a
 * collective and recognised by the commune (on the public showcase), a member of K1 forwarded by G
 * and waiting at C, a citizen with an address recognised by G (public), a member of K2 returned
 * with a comment, a citizen waiting at G, and a draft.
 */
export async function seedDemoExemplars(tx: Executor, tree: DemoTree) {
  const ctx = systemCtx();
  const { cell1, cell2, grassroots, commune } = tree;
  const memberOf = async (unit: UnitRow, preferred: string) => {
    const rows = await tx
      .select()
      .from(people)
      .where(and(eq(people.unitId, unit.id), eq(people.status, "active")))
      .orderBy(asc(people.sortKey));
    return rows.find((p) => p.fullName === preferred) ?? rows[0] ?? null;
  };
  const models = new Map(
    (
      await tx
        .select({ id: practices.id, title: practices.title, unitId: practices.unitId })
        .from(practices)
        .where(
          and(
            eq(practices.status, "recognised"),
            inArray(practices.unitId, [cell1.id, cell2.id, grassroots.id]),
          ),
        )
    ).map((p) => [p.title, p.id]),
  );
  const modelIds = (...titles: string[]) =>
    titles
      .map((t) => [...models].find(([title]) => title.includes(t))?.[1])
      .filter((id): id is string => !!id);
  const link = async (e: ExemplarRow, ids: string[]) => {
    if (ids.length) await linkExemplarPractices(tx, ctx, e, { practiceIds: ids, version: e.version });
  };
  const step = (
    e: ExemplarRow,
    reviewUnitId: string,
    decision: "forward" | "recognise" | "return",
    comment: string,
    makePublic?: boolean,
  ) =>
    reviewExemplar(tx, ctx, e, {
      reviewUnitId,
      decision,
      comment,
      ...(makePublic !== undefined ? { makePublic } : {}),
    });

  // A cell honoured as a collective: nominated by its grassroots organisation, recognised by the commune.
  const cell = await createExemplar(tx, ctx, {
    unit: grassroots,
    kind: "collective",
    subjectUnitId: cell1.id,
    fieldCode: "culture_society",
    registeredOn: "2025-06-10",
    story:
      "Chi bộ đưa việc học tập và làm theo Bác vào sinh hoạt thường kỳ: mỗi tháng một chuyên đề, mỗi đảng viên một việc làm cụ thể.\nĐảng viên gương mẫu đi đầu trong xây dựng tổ dân phố tự quản, vận động nhân dân giữ gìn vệ sinh, trật tự.",
    achievements:
      "5 năm liền hoàn thành xuất sắc nhiệm vụ; xây dựng mô hình “Tổ dân phố tự quản xanh – sạch – đẹp” được xã công nhận và nhân rộng.",
  });
  await link(cell, modelIds("Tổ dân phố tự quản"));
  await submitExemplar(tx, ctx, cell, null);
  await step(cell, commune.id, "recognise", "Công nhận điển hình tiên tiến cấp xã.", true);

  // A member of K1: forwarded by G, waiting at C.
  const member = await memberOf(cell1, "Ngô Văn An");
  if (member) {
    const person = await createExemplar(tx, ctx, {
      unit: cell1,
      kind: "individual",
      personId: member.id,
      fieldCode: "administrative_reform",
      registeredOn: "2026-03-02",
      story:
        "Đồng chí tự học chuyển đổi số, hướng dẫn người cao tuổi dùng dịch vụ công trực tuyến, nhận và trả hồ sơ tận nhà cho người không đi lại được.",
      achievements: "Hơn 300 lượt người dân được hỗ trợ; 2 năm liền được chi bộ biểu dương.",
    });
    await link(person, modelIds("Tiết kiệm giờ hành chính"));
    await submitExemplar(tx, ctx, person, null);
    await step(person, grassroots.id, "forward", "Đề nghị Đảng ủy xã xem xét, công nhận.");
  }

  // A citizen with an address, nominated by K1 and recognised by G, on the public showcase.
  const citizen = await createExemplar(tx, ctx, {
    unit: cell1,
    kind: "individual",
    personName: "Trần Thị Mai",
    personUnitName: "Tổ dân phố số 3, khu dân cư số 1",
    fieldCode: "social_welfare",
    registeredOn: "2025-09-15",
    story:
      "Bà Mai nhiều năm nấu cơm miễn phí cho bệnh nhân nghèo và người cao tuổi neo đơn trong khu dân cư, vận động các hộ cùng góp gạo, rau.",
    achievements: "Mỗi tuần hơn 80 suất cơm; vận động được 12 hộ cùng tham gia.",
  });
  await link(citizen, modelIds("Tổ dân phố tự quản"));
  await submitExemplar(tx, ctx, citizen, null);
  await step(citizen, grassroots.id, "recognise", "Gương người tốt, việc tốt tiêu biểu.", true);

  // A member of K2, returned by G with a comment.
  const colleague = await memberOf(cell2, "Vũ Thị Lan");
  if (colleague) {
    const returned = await createExemplar(tx, ctx, {
      unit: cell2,
      kind: "individual",
      personId: colleague.id,
      fieldCode: "social_welfare",
      registeredOn: "2026-05-20",
      story: "Đồng chí phụ trách 5 hộ gia đình, thường xuyên thăm hỏi, nắm tình hình và phản ánh kịp thời.",
      achievements: "Chưa có số liệu.",
    });
    await link(returned, modelIds("Mỗi đảng viên gắn với 5 hộ"));
    await submitExemplar(tx, ctx, returned, null);
    await step(
      returned,
      grassroots.id,
      "return",
      "Đề nghị bổ sung thành tích cụ thể, có số liệu minh chứng.",
    );
  }

  // A citizen nominated by K2, waiting at G.
  await submitExemplar(
    tx,
    ctx,
    await createExemplar(tx, ctx, {
      unit: cell2,
      kind: "individual",
      personName: "Lê Văn Hòa",
      personUnitName: "Thôn Đông, khu dân cư số 2",
      fieldCode: "defence_security",
      registeredOn: "2026-10-08",
      story:
        "Ông Hòa tham gia tổ an ninh tự quản hơn 10 năm, kịp thời phát hiện và báo tin giúp công an phường.",
      achievements: "Góp phần giữ khu dân cư không có tội phạm trong 3 năm liền.",
    }),
    null,
  );

  // A draft: cell 2 honoured as a collective, still being written.
  await createExemplar(tx, ctx, {
    unit: cell2,
    kind: "collective",
    fieldCode: "party_building",
    registeredOn: "2026-11-02",
    story: "Bản nháp: chi bộ đang tổng hợp thành tích.",
    achievements: "",
  });
}
