import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { systemCtx } from "../../lib/auth/actor.ts";
import { people } from "../people/schema.ts";
import {
  adoptPractice,
  createPractice,
  publishPractice,
  reviewPractice,
  submitPractice,
} from "../practices/commands.ts";
import type { PracticeRow } from "../practices/schema.ts";
import { type UnitRow, units } from "../units/schema.ts";
import type { DemoTree } from "./seed.ts";

/**
 * Good-practice models of the demo tree in every state, so that a newcomer sees the module at
 * work: recognised at the cell's grassroots organisation, at the commune and at the province (some
 * on the public showcase, some adopted by other units), one waiting at G, one at C, a draft and a
 * returned one; and one of the sibling province, shared with the whole tree.
 */
export async function seedDemoPractices(tx: Executor, tree: DemoTree) {
  const ctx = systemCtx();
  const { cell1, cell2, grassroots, p2 } = tree;
  const [p2Cell] = await tx
    .select()
    .from(units)
    .where(and(eq(units.depth, 4), eq(units.status, "active")))
    .then((rows) => rows.filter((u) => u.path.startsWith(p2.path)));
  const [member] = await tx
    .select()
    .from(people)
    .where(and(eq(people.unitId, cell1.id), eq(people.status, "active")))
    .limit(1);

  const make = (
    unit: UnitRow,
    title: string,
    fieldCode: string,
    registeredOn: string,
    text: { summary: string; description: string; results: string },
    personId?: string,
  ) =>
    createPractice(tx, ctx, {
      unit,
      kind: personId ? "individual" : "collective",
      ...(personId ? { personId } : {}),
      title,
      fieldCode,
      registeredOn,
      startedOn: registeredOn,
      ...text,
    });
  /** Up the chain: submitted, forwarded `forwards` times, then recognised (or left waiting). */
  const climb = async (p: PracticeRow, forwards: number, finish: "recognise" | "wait", isPublic = false) => {
    await submitPractice(tx, ctx, p, null);
    let at = (await tx.select().from(units).where(eq(units.id, p.unitId)))[0]?.parentId as string;
    for (let i = 0; i < forwards; i++) {
      await reviewPractice(tx, ctx, p, {
        reviewUnitId: at,
        decision: "forward",
        comment: "Đề nghị cấp trên xem xét, công nhận.",
      });
      at = (await tx.select().from(units).where(eq(units.id, at)))[0]?.parentId as string;
    }
    if (finish === "recognise") {
      await reviewPractice(tx, ctx, p, {
        reviewUnitId: at,
        decision: "recognise",
        comment: "Công nhận mô hình hay.",
        makePublic: isPublic,
      });
    }
    return p;
  };

  const neighbourhood = await make(
    cell1,
    "Mô hình “Tổ dân phố tự quản xanh – sạch – đẹp”",
    "culture_society",
    "2024-03-15",
    {
      summary:
        "Mỗi đảng viên phụ trách một đoạn đường và 5 hộ gia đình; cuối tuần cả khu cùng dọn vệ sinh, trồng hoa.",
      description:
        "Chi bộ ra nghị quyết chuyên đề, phân công đảng viên gương mẫu đi đầu.\nHằng tháng họp tổ dân phố đánh giá, biểu dương hộ tiêu biểu.",
      results: "100% hộ ký cam kết; 2,1 km đường hoa; không còn điểm tập kết rác tự phát.",
    },
  );
  await climb(neighbourhood, 1, "recognise", true);

  const households = await make(
    cell2,
    "Cách làm “Mỗi đảng viên gắn với 5 hộ gia đình”",
    "social_welfare",
    "2023-09-02",
    {
      summary: "Đảng viên nắm tình hình, lắng nghe và phản ánh kịp thời ý kiến của các hộ được phân công.",
      description: "Sổ theo dõi được ghi chép hằng tháng; ý kiến của dân được đưa vào sinh hoạt chi bộ.",
      results: "48 ý kiến được giải quyết trong năm; tỉ lệ hộ hài lòng 96%.",
    },
  );
  await climb(households, 0, "recognise", true);

  if (member) {
    const individual = await make(
      cell1,
      "Cách làm “Tiết kiệm giờ hành chính, gần dân hơn”",
      "administrative_reform",
      "2022-05-19",
      {
        summary: "Tiếp nhận hồ sơ qua mạng và trả kết quả tại nhà cho người cao tuổi.",
        description: "Cá nhân tự học chuyển đổi số, hướng dẫn người dân dùng dịch vụ công trực tuyến.",
        results: "Giảm 40% thời gian chờ; hơn 300 lượt người cao tuổi được hỗ trợ tại nhà.",
      },
      member.id,
    );
    await climb(individual, 2, "recognise", true); // at the province
    await adoptPractice(tx, ctx, {
      practice: { ...individual, status: "recognised" },
      unit: cell2,
      startedOn: "2025-02-10",
      notes: "Áp dụng tại bộ phận một cửa.",
    });
  }

  const massMobilisation = await make(
    grassroots,
    "Mô hình “Dân vận khéo” trong giải quyết thủ tục hành chính",
    "administrative_reform",
    "2025-04-20",
    {
      summary: "Cán bộ một cửa niềm nở, hướng dẫn tận tình, hẹn giờ trả kết quả đúng hẹn.",
      description: "Mỗi tháng bình chọn cán bộ được người dân khen nhiều nhất.",
      results: "Không có hồ sơ trễ hẹn trong 12 tháng.",
    },
  );
  await climb(massMobilisation, 0, "wait"); // waits at C

  await climb(
    await make(
      cell1,
      "Mô hình “Bữa cơm nghĩa tình” cho người cao tuổi neo đơn",
      "social_welfare",
      "2025-10-01",
      {
        summary: "Mỗi tuần hai bữa cơm do đảng viên và hội viên luân phiên nấu, mang tới tận nhà.",
        description: "Kinh phí do đảng viên tự nguyện đóng góp và nhà hảo tâm hỗ trợ.",
        results: "12 cụ được chăm lo thường xuyên.",
      },
    ),
    0,
    "wait", // waits at G
  );

  await make(cell2, "Cách làm “Sổ tay điện tử của chi bộ”", "party_building", "2026-09-05", {
    summary: "Tài liệu sinh hoạt chi bộ, nghị quyết và thông báo nội bộ trên điện thoại.",
    description: "Bản nháp: đang hoàn thiện số liệu.",
    results: "",
  });

  const returned = await make(
    cell1,
    "Mô hình “Khu dân cư không có tội phạm và tệ nạn xã hội”",
    "defence_security",
    "2025-08-12",
    {
      summary: "Tổ an ninh tự quản tuần tra ban đêm.",
      description: "Phối hợp với công an phường.",
      results: "Chưa có số liệu so sánh.",
    },
  );
  await submitPractice(tx, ctx, returned, null);
  await reviewPractice(tx, ctx, returned, {
    reviewUnitId: grassroots.id,
    decision: "return",
    comment: "Đề nghị bổ sung số liệu trước và sau khi triển khai mô hình.",
  });

  if (p2Cell) {
    const shared = await make(
      p2Cell,
      "Mô hình “Vườn chè kiểu mẫu, nói không với thuốc trừ sâu”",
      "economy",
      "2021-11-03",
      {
        summary: "Đảng viên đi đầu sản xuất chè an toàn, liên kết tiêu thụ với hợp tác xã.",
        description: "Chi bộ vận động hộ dân cùng tham gia, chia sẻ kỹ thuật.",
        results: "Thu nhập tăng 25%; 60 hộ tham gia.",
      },
    );
    await climb(shared, 2, "recognise", true);
    await adoptPractice(tx, ctx, {
      practice: { ...shared, status: "recognised" },
      unit: cell1,
      startedOn: "2024-06-01",
      notes: "Học tập cách liên kết tiêu thụ.",
    });
  }
  await adoptPractice(tx, ctx, {
    practice: { ...neighbourhood, status: "recognised" },
    unit: cell2,
    startedOn: "2025-05-01",
    notes: "Nhân rộng ra tổ dân phố số 2.",
  });
  // Withdrawn from the showcase by the commune: recognised, shared in the tree, not public.
  await publishPractice(tx, ctx, { ...households, status: "recognised" }, false);
}
