/** What the .xlsx exports of this module share. */
export const EXPORT_LIMIT = 50_000;

export const statusLabels = {
  proposal: { draft: "Đang soạn", submitted: "Chờ xét", returned: "Bị trả lại", approved: "Đã duyệt" },
  decision: { draft: "Dự thảo", issued: "Đã ban hành", corrected: "Đã được đính chính" },
  kind: { collective: "Tập thể", individual: "Cá nhân" },
};

/** Every row of a list (its filters, a thousand a page) up to the export limit. */
export async function exportRows<R>(page: (page: number, pageSize: number) => Promise<{ rows: R[] }>) {
  const rows: R[] = [];
  for (let n = 1; ; n++) {
    const batch = await page(n, 1000);
    rows.push(...batch.rows);
    if (batch.rows.length < 1000 || rows.length >= EXPORT_LIMIT) return rows;
  }
}
