import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
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
    <Badge variant="light" color={colors[kind]} style={{ flexShrink: 0 }}>
      {t(`library.kinds.${kind}`)}
    </Badge>
  );
}
