import type { ColumnSpec } from "../../lib/spreadsheet.ts";

export type PersonColumn =
  | "fullName"
  | "givenName"
  | "gender"
  | "birthDate"
  | "joinedOn"
  | "officialOn"
  | "position"
  | "unitCode"
  | "unitName"
  | "status"
  | "phone"
  | "email";

/** The columns of the people sheet: import template, import and export share them. */
export const personColumns: ColumnSpec<PersonColumn>[] = [
  {
    key: "fullName",
    header: "Họ và tên",
    aliases: ["Họ tên", "Full name", "Name"],
    required: true,
    kind: "text",
    maxLength: 120,
    width: 28,
  },
  {
    key: "givenName",
    header: "Tên gọi (nếu không phải từ cuối)",
    aliases: ["Tên", "Given name"],
    kind: "text",
    maxLength: 60,
    width: 14,
  },
  {
    key: "gender",
    header: "Giới tính",
    aliases: ["Gender", "Phái"],
    kind: "enum",
    values: { nam: "male", nu: "female", male: "male", female: "female", m: "male", f: "female" },
    labels: { male: "Nam", female: "Nữ" },
    width: 10,
  },
  {
    key: "birthDate",
    header: "Ngày sinh",
    aliases: ["Date of birth", "Birth date"],
    kind: "date",
    width: 12,
  },
  {
    key: "joinedOn",
    header: "Ngày vào Đảng",
    aliases: ["Ngày kết nạp", "Joined on"],
    kind: "date",
    width: 14,
  },
  { key: "officialOn", header: "Ngày chính thức", aliases: ["Official on"], kind: "date", width: 14 },
  { key: "position", header: "Chức vụ", aliases: ["Position"], kind: "text", maxLength: 200, width: 20 },
  {
    key: "unitCode",
    header: "Mã chi bộ",
    aliases: ["Mã đơn vị", "Unit code"],
    kind: "text",
    maxLength: 30,
    width: 14,
  },
  {
    key: "phone",
    header: "Điện thoại",
    aliases: ["Số điện thoại", "Phone"],
    kind: "text",
    maxLength: 20,
    width: 14,
  },
  {
    key: "email",
    header: "Thư điện tử",
    aliases: ["Email", "E-mail"],
    kind: "text",
    maxLength: 120,
    width: 24,
  },
];

/** Export adds the unit's name and the status (not imported). */
export const personExportColumns: ColumnSpec<PersonColumn>[] = [
  ...personColumns,
  { key: "unitName", header: "Chi bộ", kind: "text", width: 30 },
  {
    key: "status",
    header: "Trạng thái",
    kind: "enum",
    labels: {
      active: "Đang sinh hoạt",
      transferred: "Đã chuyển đi",
      deceased: "Từ trần",
      removed: "Đã xóa tên",
    },
    width: 16,
  },
];
