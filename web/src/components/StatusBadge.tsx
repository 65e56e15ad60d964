import { Badge, type BadgeProps } from "@mantine/core";

/** A state shown as a light badge: its colour from the entity's map, its label already translated. */
export function StatusBadge<Status extends string>({
  status,
  colors,
  label,
  ...props
}: {
  status: Status;
  colors: Record<Status, string>;
  label: string;
} & Omit<BadgeProps, "color" | "children"> & { "data-testid"?: string }) {
  return (
    <Badge variant="light" color={colors[status]} {...props}>
      {label}
    </Badge>
  );
}
