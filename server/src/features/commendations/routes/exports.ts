/** What the .xlsx exports of this module share. */
export const EXPORT_LIMIT = 50_000;

export const statusLabels = {
  proposal: { draft: "Đang soạn", submitted: "Chờ xét", returned: "Bị trả lại", approved: "Đã duyệt" },
  decision: { draft: "Dự thảo", issued: "Đã ban hành", corrected: "Đã được đính chính" },
  kind: { collective: "Tập thể", individual: "Cá nhân" },
};
