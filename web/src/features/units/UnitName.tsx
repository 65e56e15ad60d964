import { Anchor, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../lib/api";
import { useUnit } from "./api";

/** A link to a unit known only by its id (history entries); units outside the caller's view say so. */
export function UnitName({ id }: { id: string | null | undefined }) {
  const { t } = useTranslation();
  const unit = useUnit(id);
  if (!id) return <Text span>—</Text>;
  if (unit.isPending)
    return (
      <Text span c="dimmed">
        …
      </Text>
    );
  if (unit.isError) {
    return (
      <Text span c="dimmed" fs="italic">
        {isApiError(unit.error, "NOT_FOUND") ? t("units.outOfScope") : t("errors.unknown")}
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={`/units/${id}`}>
      {unit.data.unit.name}
    </Anchor>
  );
}
