import { Badge, NativeSelect } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "../../components/StatusBadge";
import { type CommitmentStatus, GRADES, type Grade } from "./api";

const STATUS_COLORS: Record<CommitmentStatus | "none", string> = {
  none: "gray",
  draft: "yellow",
  submitted: "blue",
  reviewed: "teal",
};

/** The state of a commitment, or "chưa viết" (none). */
export function CommitmentStatusBadge({
  status,
  size = "md",
}: {
  status: CommitmentStatus | null;
  size?: "sm" | "md" | "lg" | "xl";
}) {
  const { t } = useTranslation();
  const key = status ?? "none";
  return (
    <StatusBadge
      status={key}
      colors={STATUS_COLORS}
      label={t(`commitments.status.${key}`)}
      size={size}
      data-testid="commitment-status"
    />
  );
}

const GRADE_COLORS: Record<Grade, string> = {
  excellent: "red",
  good: "teal",
  complete: "blue",
  incomplete: "gray",
};

export function GradeBadge({ grade, size = "md" }: { grade: Grade; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={GRADE_COLORS[grade]}
      variant="filled"
      size={size}
      style={{ textTransform: "none", maxWidth: "100%" }}
      data-testid="grade-badge"
      data-grade={grade}
    >
      {t(`commitments.grades.${grade}`)}
    </Badge>
  );
}

/** A grade as a native select (the phone's own picker, spoken well by screen readers). */
export function GradeSelect({
  id,
  label,
  value,
  onChange,
  error,
  hiddenLabel,
  size,
  allowEmpty = true,
}: {
  id: string;
  label: string;
  value: Grade | "";
  onChange: (grade: Grade | "") => void;
  error?: string | undefined;
  hiddenLabel?: boolean;
  size?: "sm" | "md" | "lg";
  allowEmpty?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      id={id}
      label={hiddenLabel ? undefined : label}
      aria-label={hiddenLabel ? label : undefined}
      value={value}
      size={size}
      onChange={(event) => onChange(event.currentTarget.value as Grade | "")}
      error={error}
      data={[
        ...(allowEmpty ? [{ value: "", label: t("commitments.sheet.chooseGrade") }] : []),
        ...GRADES.map((grade) => ({ value: grade, label: t(`commitments.grades.${grade}`) })),
      ]}
    />
  );
}
