import { Stack, type StackProps } from "@mantine/core";
import type { ReactNode } from "react";

/** A list without bullets or indent (a `ul`, or an `ol` when `ordered`), its items stacked. */
export function BareList({
  ordered = false,
  ...props
}: Omit<StackProps, "style" | "p" | "m"> & {
  ordered?: boolean;
  children: ReactNode;
  "aria-label"?: string;
  "aria-labelledby"?: string;
  "aria-busy"?: boolean;
}) {
  return <Stack component={ordered ? "ol" : "ul"} p={0} m={0} style={{ listStyle: "none" }} {...props} />;
}
