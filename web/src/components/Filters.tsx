import { Button, Paper, Select, type SelectProps } from "@mantine/core";
import { IconFilterOff } from "@tabler/icons-react";
import type { ReactNode } from "react";

/** The filters of a list, a region named for screen readers. */
export function FiltersBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={label}>
      {children}
    </Paper>
  );
}

/** One filter of a list: cleared, it selects everything (its placeholder says so); "" is no filter. */
export function FilterSelect({
  value,
  onChange,
  ...props
}: {
  value: string;
  onChange: (value: string) => void;
} & Pick<SelectProps, "label" | "placeholder" | "data" | "w" | "style">) {
  return (
    <Select
      {...props}
      value={value || null}
      onChange={(next) => onChange(next ?? "")}
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** "Xóa bộ lọc": shown while any filter is set. */
export function ClearFiltersButton({
  label,
  onClick,
  iconSize = 16,
}: {
  label: string;
  onClick: () => void;
  iconSize?: 16 | 18;
}) {
  return (
    <Button variant="subtle" leftSection={<IconFilterOff size={iconSize} />} onClick={onClick}>
      {label}
    </Button>
  );
}
