import { Text } from "@mantine/core";
import { BareList } from "../../components/BareList";

/** The standards, numbered, in large readable type. */
export function StandardsList({ items, size = "xl" }: { items: string[]; size?: "lg" | "xl" }) {
  return (
    <BareList ordered gap="sm">
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the position is the standard's number
        <Text component="li" key={index} fz={size} lh={1.5} style={{ display: "flex", gap: "0.6em" }}>
          <Text span fw={700} c="red" style={{ flexShrink: 0, minWidth: "1.6em", textAlign: "right" }}>
            {index + 1}.
          </Text>
          <span>{item}</span>
        </Text>
      ))}
    </BareList>
  );
}
