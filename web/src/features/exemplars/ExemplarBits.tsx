import { Badge, Image, ThemeIcon } from "@mantine/core";
import { IconUser, IconUsersGroup } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../lib/format";
import type { Exemplar, ExemplarKind } from "./api";

/** The photo's thumbnail, or a plain tile: decorative, the name beside it says who it is. */
export function ExemplarThumb({
  exemplar,
  size = 64,
}: {
  exemplar: Pick<Exemplar, "photo" | "kind">;
  size?: number;
}) {
  const src = exemplar.photo?.thumbUrl;
  if (src)
    return (
      <Image
        src={src}
        alt=""
        w={size}
        h={size}
        miw={size}
        radius="sm"
        fit="cover"
        loading="lazy"
        style={{ flexShrink: 0 }}
      />
    );
  const Icon = exemplar.kind === "collective" ? IconUsersGroup : IconUser;
  return (
    <ThemeIcon variant="light" color="yellow" size={size} radius="sm" aria-hidden style={{ flexShrink: 0 }}>
      <Icon size={size / 2.2} />
    </ThemeIcon>
  );
}

/** "Tập thể" or "Cá nhân". */
export function ExemplarKindBadge({ kind, size = "md" }: { kind: ExemplarKind; size?: "sm" | "md" }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={kind === "collective" ? "indigo" : "yellow"} size={size} miw="max-content">
      {t(`exemplars.kinds.${kind}`)}
    </Badge>
  );
}

/**
 * The line under an exemplar's name: where an individual belongs (their unit or address), or the
 * unit that nominated a collective.
 */
export function whereLine(t: TFunction, exemplar: Exemplar): string {
  const individual = exemplar.person?.unitName ?? exemplar.personUnitName;
  if (exemplar.kind === "individual" && individual) return individual;
  return t("exemplars.nominatedBy", { unit: exemplar.unit.name });
}

/** Where an exemplar stands, in one line: waiting where and since when, or recognised by whom. */
export function standingNote(t: TFunction, exemplar: Exemplar): string {
  if (exemplar.status === "submitted" && exemplar.waitingAt)
    return exemplar.waitingForMe
      ? t("exemplars.waitingForYou", { since: formatDateTime(exemplar.waitingSince) })
      : t("exemplars.waitingAt", {
          unit: exemplar.waitingAt.name,
          since: formatDateTime(exemplar.waitingSince),
        });
  if (exemplar.status === "recognised" && exemplar.recognisedBy)
    return t("exemplars.recognisedByOn", {
      unit: exemplar.recognisedBy.name,
      date: formatDate(exemplar.recognisedOn),
    });
  return "";
}
