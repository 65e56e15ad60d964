import { Badge, NativeSelect, Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { todayInVietnam } from "../../lib/format";
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
    <Badge color={STATUS_COLORS[key]} variant="light" size={size} data-testid="commitment-status">
      {t(`commitments.status.${key}`)}
    </Badge>
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

/** This year and the years around it, for the year pickers. */
export function thisYear(): number {
  return Number(todayInVietnam().slice(0, 4));
}

export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  const now = thisYear();
  const years = [now + 1, now, now - 1, now - 2, now - 3];
  if (!years.includes(value)) years.push(value);
  return (
    <Select
      label={t("commitments.year")}
      value={String(value)}
      onChange={(next) => next && onChange(Number(next))}
      data={years.sort((a, b) => b - a).map((year) => ({ value: String(year), label: String(year) }))}
      allowDeselect={false}
      w={120}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
