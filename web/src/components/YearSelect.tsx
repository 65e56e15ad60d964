import { Select, type SelectProps } from "@mantine/core";
import { todayInVietnam } from "../lib/format";
import { FilterSelect } from "./Filters";

/** This year in Vietnam. */
export function thisYear(): number {
  return Number(todayInVietnam().slice(0, 4));
}

/** The years from `last` (default next year) down to `first`, newest first, for the year pickers. */
export function yearOptions(first: number, last = new Date().getFullYear() + 1): string[] {
  return Array.from({ length: last - first + 1 }, (_, index) => String(last - index));
}

/** A year filter of a list: cleared, it shows every year (its placeholder says so). */
export function YearFilter({
  first,
  last,
  ...props
}: {
  value: string;
  onChange: (year: string) => void;
  first: number;
  last?: number;
} & Pick<SelectProps, "label" | "placeholder" | "w" | "style">) {
  return <FilterSelect {...props} data={yearOptions(first, last)} />;
}

/** The year a page is about: next year, this year and the three before it (and the one chosen). */
export function YearSelect({
  value,
  onChange,
  label,
}: {
  value: number;
  onChange: (year: number) => void;
  label: string;
}) {
  const now = thisYear();
  const years = [now + 1, now, now - 1, now - 2, now - 3];
  if (!years.includes(value)) years.push(value);
  return (
    <Select
      label={label}
      value={String(value)}
      onChange={(next) => next && onChange(Number(next))}
      data={years.sort((a, b) => b - a).map((year) => ({ value: String(year), label: String(year) }))}
      allowDeselect={false}
      w={120}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
