import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { systemCtx } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { createProposal } from "../commendations/commands/create-proposal.ts";
import { issueDecision } from "../commendations/commands/issue-decision.ts";
import { reviewProposal } from "../commendations/commands/review-proposal.ts";
import { submitProposal } from "../commendations/commands/submit-proposal.ts";
import { updateDecision } from "../commendations/commands/update-decision.ts";
import type { RecipientInput } from "../commendations/contracts.ts";
import { commendationForms, type ProposalRow } from "../commendations/schema.ts";
import { exemplars } from "../exemplars/schema.ts";
import { people } from "../people/schema.ts";
import { practices } from "../practices/schema.ts";
import type { UnitRow } from "../units/schema.ts";
import type { DemoTree } from "./seed.ts";

/** Today or an earlier fixed day: the demo never dates a document in the future. */
const notAfterToday = (day: string) => (day < vnToday() ? day : vnToday());

/**
 * Commendations of the demo tree: the Bắc Ninh provincial committee's decision of bằng khen for
 * 2025, proposed by commune C, for a cell and a grassroots organisation, a member and a citizen,
 * each linked to the demo models and exemplars that earned it (issued, numbered 01-QĐ/TU); and a
 * proposal of giấy khen for 2025 from grassroots organisation G, waiting at C.
 */
export async function seedDemoCommendations(tx: Executor, tree: DemoTree) {
  const ctx = systemCtx();
  const { p1, commune, grassroots, cell1, cell2 } = tree;
  const forms = new Map(
    (await tx.select().from(commendationForms)).filter((f) => f.unitId === null).map((f) => [f.code, f]),
  );
  const commendation = forms.get("commendation");
  const merit = forms.get("merit");
  if (!commendation || !merit) return;

  const recognised = async (table: typeof practices | typeof exemplars, unitIds: string[]) =>
    tx
      .select({ id: table.id, title: table.title })
      .from(table)
      .where(and(eq(table.status, "recognised"), inArray(table.unitId, unitIds)));
  const models = await recognised(practices, [cell1.id, cell2.id, grassroots.id]);
  const honoured = await recognised(exemplars, [cell1.id, grassroots.id]);
  const model = (words: string) => models.filter((m) => m.title.includes(words)).map((m) => m.id);
  const exemplar = (words: string) => honoured.filter((e) => e.title.includes(words)).map((e) => e.id);
  const links = (practiceIds: string[], exemplarIds: string[]) => [
    ...practiceIds.map((id) => ({ type: "practice" as const, id })),
    ...exemplarIds.map((id) => ({ type: "exemplar" as const, id })),
  ];
  const membersOf = async (unit: UnitRow) =>
    tx
      .select({ id: people.id, fullName: people.fullName })
      .from(people)
      .where(and(eq(people.unitId, unit.id), eq(people.status, "active")))
      .orderBy(asc(people.sortKey));
  const propose = async (
    unit: UnitRow,
    form: typeof commendation,
    title: string,
    reason: string,
    recipients: RecipientInput[],
  ): Promise<ProposalRow> => {
    const created = await createProposal({
      tx,
      ctx,
      unit,
      form,
      periodStart: 2025,
      periodEnd: 2025,
      title,
      reason,
      recipients,
    });
    return submitProposal({ tx, ctx, current: { ...created, unitPath: unit.path }, comment: null });
  };

  // The province's decision: proposed by C, approved and issued by P1.
  const member = (await membersOf(cell1)).find((p) => p.fullName === "Ngô Văn An");
  const fromCommune = await propose(
    commune,
    commendation,
    "Đề nghị tặng Bằng khen của Ban Thường vụ Tỉnh ủy năm 2025",
    "đã có thành tích xuất sắc trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2025",
    [
      {
        kind: "collective",
        unitId: cell1.id,
        achievement: "Xây dựng mô hình “Tổ dân phố tự quản xanh – sạch – đẹp” được nhân rộng toàn xã.",
        links: links(model("Tổ dân phố tự quản"), exemplar(cell1.name)),
      },
      {
        kind: "collective",
        unitId: grassroots.id,
        achievement: "5 năm liền hoàn thành xuất sắc nhiệm vụ; nhiều cách làm hay trong cải cách hành chính.",
        links: links(model("Tiết kiệm giờ hành chính"), []),
      },
      ...(member
        ? [
            {
              kind: "individual" as const,
              personId: member.id,
              achievement: "Hỗ trợ hơn 300 lượt người dân dùng dịch vụ công trực tuyến.",
              links: links(model("Tiết kiệm giờ hành chính"), []),
            },
          ]
        : []),
      {
        kind: "individual",
        personName: "Trần Thị Mai",
        personUnitName: "Tổ dân phố số 3, khu dân cư số 1",
        achievement: "Nhiều năm nấu cơm miễn phí cho bệnh nhân nghèo và người cao tuổi neo đơn.",
        links: links([], exemplar("Trần Thị Mai")),
      },
    ],
  );
  const draft = await reviewProposal({
    tx,
    ctx,
    current: fromCommune,
    reviewUnitId: p1.id,
    body: { action: "approve", comment: "Đủ điều kiện, đồng ý khen thưởng." },
  });
  if (draft) {
    const named = await updateDecision({
      tx,
      ctx,
      current: draft,
      version: draft.version,
      signer: { authority: "T/M BAN THƯỜNG VỤ\nK/T BÍ THƯ", title: "PHÓ BÍ THƯ", name: "Trần Quốc Hùng" },
    });
    await issueDecision({ tx, ctx, decisionId: named.id, issuedOn: notAfterToday("2025-12-19") });
  }

  // G's proposal of giấy khen, waiting at C.
  const colleagues = (await membersOf(cell2)).slice(0, 2);
  await propose(
    grassroots,
    merit,
    "Đề nghị tặng Giấy khen năm 2025",
    "đã có thành tích tiêu biểu trong học tập và làm theo Bác năm 2025",
    [
      {
        kind: "collective",
        unitId: cell2.id,
        achievement: "Thực hiện tốt cách làm “Mỗi đảng viên gắn với 5 hộ gia đình”.",
        links: links(model("Mỗi đảng viên gắn với 5 hộ"), []),
      },
      ...colleagues.map((p) => ({
        kind: "individual" as const,
        personId: p.id,
        achievement: "Gương mẫu phụ trách hộ gia đình, vận động nhân dân thực hiện tốt quy ước khu dân cư.",
        links: [],
      })),
    ],
  );
}
