import { Anchor, Group, Skeleton, Text } from "@mantine/core";
import { IconChevronRight, IconScale } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { HomeCard } from "../../components/HomeCard";
import { ErrorAlert } from "../../components/ListStates";
import { formatDate } from "../../lib/format";
import { useStandards } from "./api";
import { ConfirmButton } from "./ConfirmButton";
import { StandardsList } from "./StandardsList";

/**
 * "Chuẩn mực đạo đức": the standards that apply to the caller — their unit's own list, else the
 * nearest one above — numbered in large type, with "Tôi đã đọc". Embeddable (the member home screen).
 */
export function StandardsCard() {
  const { t } = useTranslation();
  const standards = useStandards({ chain: true, pageSize: 5 });
  const nearest = standards.data?.items[0];
  return (
    <HomeCard
      id="standards-card-title"
      title={nearest ? nearest.title : t("standards.title")}
      icon={<IconScale size={24} aria-hidden color="var(--mantine-color-red-7)" />}
    >
      {standards.isPending ? (
        <Skeleton height={120} radius="sm" />
      ) : standards.isError ? (
        <ErrorAlert error={standards.error} onRetry={() => standards.refetch()} />
      ) : !nearest ? (
        <Text fz="lg" c="dimmed">
          {t("standards.none")}
        </Text>
      ) : (
        <>
          <Text c="dimmed">
            {t("standards.versionLine", {
              unit: nearest.unit.name,
              number: nearest.currentNumber,
              date: formatDate(nearest.effectiveOn),
            })}
          </Text>
          <StandardsList items={nearest.items} />
          <ConfirmButton standard={nearest} />
          <Anchor component={Link} to={`/standards/${nearest.id}`} fz="lg">
            <Group gap={4} component="span">
              {t("standards.open")}
              <IconChevronRight size={18} aria-hidden />
            </Group>
          </Anchor>
        </>
      )}
    </HomeCard>
  );
}
