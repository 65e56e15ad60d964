import type { ColumnSpec } from "../../lib/spreadsheet.ts";

export type PracticeColumn =
  | "title"
  | "kind"
  | "unitCode"
  | "unitName"
  | "personName"
  | "field"
  | "startedOn"
  | "registeredOn"
  | "summary"
  | "description"
  | "results"
  | "status"
  | "recognisedUnitCode"
  | "recognisedUnitName"
  | "recognisedOn"
  | "isPublic"
  | "adoptionCount";

const kind: ColumnSpec<PracticeColumn> = {
  key: "kind",
  header: "Loại",
  aliases: ["Loại mô hình", "Kind"],
  kind: "enum",
  values: {
    "tap the": "collective",
    "ca nhan": "individual",
    "mo hinh tap the": "collective",
    "cach lam ca nhan": "individual",
  },
  labels: { collective: "Tập thể", individual: "Cá nhân" },
  width: 10,
};
const status: ColumnSpec<PracticeColumn> = {
  key: "status",
  header: "Trạng thái",
  aliases: ["Tình trạng", "Status"],
  kind: "enum",
  values: {
    "da cong nhan": "recognised",
    "cong nhan": "recognised",
    "ban nhap": "draft",
    "dang soan": "draft",
    "chua gui": "draft",
  },
  labels: {
    draft: "Bản nháp",
    submitted: "Chờ xét duyệt",
    returned: "Bị trả lại",
    recognised: "Đã công nhận",
  },
  width: 14,
};
const yesNo: ColumnSpec<PracticeColumn> = {
  key: "isPublic",
  header: "Công khai",
  aliases: ["Giới thiệu công khai", "Public"],
  kind: "enum",
  values: { co: "yes", khong: "no", x: "yes", yes: "yes", no: "no" },
  labels: { yes: "Có", no: "Không" },
  width: 10,
};

/** The import of models recorded earlier on paper (template and import). */
export const practiceImportColumns: ColumnSpec<PracticeColumn>[] = [
  {
    key: "title",
    header: "Tên mô hình",
    aliases: ["Tên mô hình, cách làm", "Mô hình", "Title"],
    required: true,
    kind: "text",
    maxLength: 300,
    width: 44,
  },
  kind,
  {
    key: "unitCode",
    header: "Mã đơn vị",
    aliases: ["Mã đơn vị xây dựng", "Unit code"],
    required: true,
    kind: "text",
    maxLength: 30,
    width: 14,
  },
  {
    key: "personName",
    header: "Họ và tên (cách làm cá nhân)",
    aliases: ["Họ và tên", "Người thực hiện", "Person"],
    kind: "text",
    maxLength: 120,
    width: 24,
  },
  {
    key: "field",
    header: "Lĩnh vực",
    aliases: ["Field"],
    required: true,
    kind: "text",
    maxLength: 100,
    width: 26,
  },
  { key: "startedOn", header: "Ngày bắt đầu", aliases: ["Bắt đầu", "Started on"], kind: "date", width: 14 },
  {
    key: "registeredOn",
    header: "Ngày đăng ký",
    aliases: ["Đăng ký", "Registered on"],
    kind: "date",
    width: 14,
  },
  {
    key: "summary",
    header: "Tóm tắt",
    aliases: ["Nội dung tóm tắt", "Summary"],
    kind: "text",
    maxLength: 1000,
    width: 40,
  },
  {
    key: "description",
    header: "Mô tả",
    aliases: ["Nội dung", "Cách thực hiện", "Description"],
    kind: "text",
    maxLength: 20_000,
    width: 50,
  },
  {
    key: "results",
    header: "Kết quả",
    aliases: ["Hiệu quả", "Kết quả đạt được", "Results"],
    kind: "text",
    maxLength: 10_000,
    width: 40,
  },
  status,
  {
    key: "recognisedUnitCode",
    header: "Mã đơn vị công nhận",
    aliases: ["Cấp công nhận", "Đơn vị công nhận"],
    kind: "text",
    maxLength: 30,
    width: 16,
  },
  {
    key: "recognisedOn",
    header: "Ngày công nhận",
    aliases: ["Công nhận ngày", "Recognised on"],
    kind: "date",
    width: 14,
  },
  yesNo,
];

/** The list export: what the list shows, one row per model. */
export const practiceExportColumns: ColumnSpec<PracticeColumn>[] = [
  { key: "title", header: "Tên mô hình", kind: "text", width: 44 },
  kind,
  { key: "unitCode", header: "Mã đơn vị", kind: "text", width: 14 },
  { key: "unitName", header: "Đơn vị", kind: "text", width: 30 },
  { key: "personName", header: "Họ và tên (cách làm cá nhân)", kind: "text", width: 24 },
  { key: "field", header: "Lĩnh vực", kind: "text", width: 26 },
  { key: "startedOn", header: "Ngày bắt đầu", kind: "date", width: 14 },
  { key: "registeredOn", header: "Ngày đăng ký", kind: "date", width: 14 },
  { key: "summary", header: "Tóm tắt", kind: "text", width: 40 },
  { key: "results", header: "Kết quả", kind: "text", width: 40 },
  status,
  { key: "recognisedUnitName", header: "Đơn vị công nhận", kind: "text", width: 30 },
  { key: "recognisedOn", header: "Ngày công nhận", kind: "date", width: 14 },
  yesNo,
  { key: "adoptionCount", header: "Số đơn vị nhân rộng", kind: "integer", width: 12 },
];
