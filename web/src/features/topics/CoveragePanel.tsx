import { Anchor, Button, Group, Progress, Stack, Text } from "@mantine/core";
import { IconArrowUp } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";
import { ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { Section } from "../../components/Section";
import { formatDate, formatNumber } from "../../lib/format";
import { formatShare, useCoverage } from "./api";

/**
 * Study coverage: what share of a subtree's members studied the year's topic — the caller's unit
 * first, then each unit below it; choosing a unit shows the units below that one.
 */
export function CoveragePanel({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  const [trail, setTrail] = useState<{ id: string; name: string }[]>([]);
  const current = trail.at(-1)?.id ?? null;
  const coverage = useCoverage(year, current);
  return (
    <Section id="coverage-title" title={t("topics.coverage.title", { year })}>
      {coverage.isPending ? (
        <ListSkeleton rows={3} />
      ) : coverage.isError ? (
        <ErrorAlert error={coverage.error} onRetry={() => coverage.refetch()} />
      ) : (
        <>
          <Stack gap={4}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{coverage.data.unit.name}</Text>
              <Text size="sm" c="dimmed">
                {t("topics.coverage.asOf", { date: formatDate(coverage.data.on) })}
              </Text>
            </Group>
            <Text fz="lg">
              {t("topics.coverage.summary", {
                studied: formatNumber(coverage.data.studied, lang),
                members: formatNumber(coverage.data.members, lang),
                share: formatShare(coverage.data.share, lang),
              })}
            </Text>
            <Progress
              value={coverage.data.share * 100}
              size="lg"
              radius="xl"
              color="red"
              aria-label={t("topics.coverage.progress", { share: formatShare(coverage.data.share, lang) })}
            />
          </Stack>
          {trail.length > 0 && (
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconArrowUp size={16} />}
              onClick={() => setTrail((steps) => steps.slice(0, -1))}
              style={{ alignSelf: "flex-start" }}
            >
              {t("topics.coverage.up")}
            </Button>
          )}
          {coverage.data.children.length > 0 && (
            <BareList gap="xs" aria-label={t("topics.coverage.byUnit")}>
              {coverage.data.children.map((row) => (
                <Stack component="li" key={row.unit.id} gap={4}>
                  <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                    <Anchor
                      component="button"
                      type="button"
                      ta="left"
                      onClick={() => setTrail((steps) => [...steps, row.unit])}
                      style={{ overflowWrap: "anywhere" }}
                    >
                      {row.unit.name}
                    </Anchor>
                    <Text style={{ whiteSpace: "nowrap" }}>
                      {t("topics.coverage.row", {
                        studied: formatNumber(row.studied, lang),
                        members: formatNumber(row.members, lang),
                        share: formatShare(row.share, lang),
                      })}
                    </Text>
                  </Group>
                  <Progress value={row.share * 100} size="sm" color="red" aria-hidden />
                </Stack>
              ))}
            </BareList>
          )}
        </>
      )}
    </Section>
  );
}
