import type { ColumnSpec } from "../../lib/spreadsheet.ts";

export type UnitColumn =
  | "code"
  | "name"
  | "shortName"
  | "kind"
  | "parentCode"
  | "adminAreaCode"
  | "documentCode"
  | "activeFrom"
  | "phone"
  | "email"
  | "address";

/**
 * The columns of the units sheet (import template and import). Lengths follow the unit form's
 * limits (contracts.ts), so that an imported unit can be edited without shortening it.
 */
export const unitColumns: ColumnSpec<UnitColumn>[] = [
  {
    key: "code",
    header: "Mã đơn vị",
    aliases: ["Mã", "Unit code", "Code"],
    required: true,
    kind: "text",
    maxLength: 30,
    width: 14,
  },
  {
    key: "name",
    header: "Tên đơn vị",
    aliases: ["Tên", "Tên tổ chức đảng", "Name", "Unit name"],
    required: true,
    kind: "text",
    maxLength: 200,
    width: 40,
  },
  {
    key: "shortName",
    header: "Tên viết tắt",
    aliases: ["Viết tắt", "Short name"],
    kind: "text",
    maxLength: 60,
    width: 16,
  },
  {
    key: "kind",
    header: "Loại đơn vị",
    aliases: ["Loại", "Loại tổ chức", "Kind", "Unit kind"],
    kind: "text",
    maxLength: 100,
    width: 18,
  },
  {
    key: "parentCode",
    header: "Mã đơn vị cấp trên",
    aliases: ["Mã cấp trên", "Mã đơn vị trực thuộc", "Parent code"],
    kind: "text",
    maxLength: 30,
    width: 16,
  },
  {
    key: "adminAreaCode",
    header: "Mã địa bàn hành chính",
    aliases: ["Mã địa bàn", "Mã hành chính", "Admin area code"],
    kind: "text",
    maxLength: 10,
    width: 14,
  },
  {
    key: "documentCode",
    header: "Ký hiệu văn bản",
    aliases: ["Ký hiệu", "Document code"],
    kind: "text",
    maxLength: 20,
    width: 12,
  },
  {
    key: "activeFrom",
    header: "Ngày thành lập",
    aliases: ["Thành lập", "Founded on", "Active from"],
    kind: "date",
    width: 14,
  },
  {
    key: "phone",
    header: "Điện thoại",
    aliases: ["Số điện thoại", "Phone"],
    kind: "text",
    maxLength: 30,
    width: 14,
  },
  {
    key: "email",
    header: "Email",
    aliases: ["Thư điện tử", "E-mail", "Địa chỉ email", "Địa chỉ thư điện tử"],
    kind: "text",
    maxLength: 120,
    width: 24,
  },
  {
    key: "address",
    header: "Địa chỉ",
    aliases: ["Trụ sở", "Address"],
    kind: "text",
    maxLength: 300,
    width: 36,
  },
];
