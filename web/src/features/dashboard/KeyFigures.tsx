import { Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";
import { EmptyList } from "../../components/ListStates";
import { Section } from "../../components/Section";
import { StatCard } from "../../components/StatCard";
import { formatDate } from "../../lib/format";
import { useFields } from "../practices/api";
import { useKindNames } from "../units/api";
import type { Dashboard } from "./api";
import { useMetricFormat } from "./bits";

/** The module's name, or its code for a module the UI does not know yet. */
function useModuleName() {
  const { t, i18n } = useTranslation();
  return (module: string) => {
    const key = `dashboard.modules.${module}`;
    return i18n.exists(key) ? t(key as "dashboard.modules.people") : module;
  };
}

/** Breakdowns whose parts are unit kinds or fields: named from their lists, not by code. */
const KIND_PARTS = ["units.kind", "practices.level", "exemplars.level"];
const FIELD_PARTS = [
  "practices.field",
  "practices.recognisedField",
  "exemplars.field",
  "exemplars.recognisedField",
];

function usePartLabel(data: Dashboard) {
  const kindName = useKindNames();
  const fields = useFields();
  const { i18n } = useTranslation();
  const english = i18n.resolvedLanguage === "en";
  return (parent: string, part: string) => {
    const code = part.slice(parent.length + 1);
    if (KIND_PARTS.includes(parent)) return kindName(code);
    if (FIELD_PARTS.includes(parent)) {
      const field = fields.data?.items.find((f) => f.code === code);
      if (field) return english ? field.nameEn : field.name;
    }
    const label = data.labels[part] ?? part;
    const heading = data.labels[parent] ?? parent;
    // "Đơn vị theo loại — cell" under its heading reads as "cell".
    return label.startsWith(`${heading} — `) ? label.slice(heading.length + 3) : label;
  };
}

/** Every registered metric of the year, as cards grouped by module; breakdowns as short lists. */
export function KeyFigures({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useMetricFormat();
  const moduleName = useModuleName();
  const partLabel = usePartLabel(data);
  const label = (key: string) => data.labels[key] ?? key;
  const empty = Object.values(data.metrics).every((v) => v === 0);
  return (
    <Section
      plain
      id="dashboard-figures"
      title={t("dashboard.figures.title", { year: data.year })}
      note={t("dashboard.figures.period", { from: formatDate(data.from), to: formatDate(data.to) })}
    >
      {empty ? (
        <EmptyList message={t("dashboard.figures.empty")} />
      ) : (
        data.groups.map((group) => {
          const own = group.metrics.filter((m) => m.key in data.metrics);
          const lists = group.metrics
            .map((m) => ({ ...m, parts: m.parts.filter((p) => (data.metrics[p] ?? 0) !== 0) }))
            .filter((m) => m.parts.length > 0);
          const headingId = `dashboard-module-${group.module}`;
          return (
            <Stack key={group.module} gap="xs" component="section" aria-labelledby={headingId}>
              <Title order={3} fz="h5" id={headingId}>
                {moduleName(group.module)}
              </Title>
              {own.length > 0 && (
                <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
                  {own.map((m) => (
                    <StatCard
                      key={m.key}
                      testId={`dashboard-metric-${m.key}`}
                      label={label(m.key)}
                      value={format(m.key, data.metrics[m.key] ?? 0)}
                    />
                  ))}
                </SimpleGrid>
              )}
              {lists.length > 0 && (
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                  {lists.map((m) => (
                    <Paper key={m.key} withBorder radius="md" p="sm" role="group" aria-label={label(m.key)}>
                      <Text size="sm" c="dimmed" mb={4}>
                        {label(m.key)}
                      </Text>
                      <BareList gap={2}>
                        {m.parts.map((part) => (
                          <Group component="li" key={part} justify="space-between" wrap="nowrap" gap="xs">
                            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                              {partLabel(m.key, part)}
                            </Text>
                            <Text size="sm" fw={600} style={{ fontVariantNumeric: "tabular-nums" }}>
                              {format(part, data.metrics[part] ?? 0)}
                            </Text>
                          </Group>
                        ))}
                      </BareList>
                    </Paper>
                  ))}
                </SimpleGrid>
              )}
            </Stack>
          );
        })
      )}
    </Section>
  );
}
