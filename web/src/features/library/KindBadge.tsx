import { useTranslation } from "react-i18next";
import { StatusBadge } from "../../components/StatusBadge";
import type { DocumentKind } from "./api";

const colors: Record<DocumentKind, string> = {
  directive: "red",
  conclusion: "grape",
  guidance: "blue",
  material: "teal",
  bulletin: "orange",
};

/** The kind of a document (chỉ thị, kết luận, hướng dẫn, tài liệu, thông báo nội bộ). */
export function KindBadge({ kind }: { kind: DocumentKind }) {
  const { t } = useTranslation();
  return (
    <StatusBadge status={kind} colors={colors} label={t(`library.kinds.${kind}`)} style={{ flexShrink: 0 }} />
  );
}
