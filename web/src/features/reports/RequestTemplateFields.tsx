import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ListStates";
import { useCurrentUser } from "../../lib/session";
import { useUnitChildren } from "../units/api";
import { type RequestTemplateInput, useMetrics } from "./api";

/**
 * What a report request and a report schedule both ask for — the units asked, the figures, the
 * sections and the instructions — edited the same way in both forms.
 */

const DEFAULT_SECTIONS = [
  "Kết quả đạt được",
  "Hạn chế, nguyên nhân",
  "Bài học kinh nghiệm",
  "Phương hướng, nhiệm vụ thời gian tới",
  "Đề xuất, kiến nghị",
];

interface ManualRow {
  label: string;
  unit: string;
}

export interface RequestTemplate {
  targetMode: "levels" | "picked";
  level: string;
  picked: string[];
  metrics: string[];
  manual: ManualRow[];
  sections: string[];
  instructions: string;
}

export const emptyTemplate = (): RequestTemplate => ({
  targetMode: "levels",
  level: "1",
  picked: [],
  metrics: [],
  manual: [],
  sections: DEFAULT_SECTIONS,
  instructions: "",
});

/** A key from a label: ascii letters and digits (the server wants ^[a-z][a-zA-Z0-9_]*). */
function keyOf(label: string, index: number, taken: Set<string>): string {
  const base =
    label
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^[^a-z]+|_+$/g, "")
      .slice(0, 30) || `m${index + 1}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

/** The template's missing pieces, by the body field the server would name. */
export function checkTemplate(template: RequestTemplate, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = t("reports.form.required");
  if (template.targetMode === "picked" && template.picked.length === 0) errors.targets = required;
  if (template.sections.length === 0 || template.sections.some((s) => !s.trim())) errors.sections = required;
  if (template.manual.some((m) => !m.label.trim())) errors.manualMetrics = required;
  return errors;
}

/** The template as the API takes it. */
export function templateBody(template: RequestTemplate): RequestTemplateInput {
  const taken = new Set<string>();
  return {
    targets:
      template.targetMode === "levels" ? { levels: [Number(template.level)] } : { unitIds: template.picked },
    sections: template.sections.map((s) => ({ title: s.trim() })),
    metrics: template.metrics,
    manualMetrics: template.manual.map((m, i) => ({
      key: keyOf(m.label, i, taken),
      label: m.label.trim(),
      unit: m.unit.trim() || null,
    })),
    instructions: template.instructions,
  };
}

/** The targets, figures and sections panels of a request or schedule form. */
export function RequestTemplateFields({
  value,
  onChange,
  error,
}: {
  value: RequestTemplate;
  onChange: (next: RequestTemplate) => void;
  /** The message of a field (`targets`, `sections`, `manualMetrics`), from the form or the server. */
  error: (name: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const metrics = useMetrics();
  const children = useUnitChildren(user.unitId, { q: "", page: 1 });
  const set = <K extends keyof RequestTemplate>(key: K, next: RequestTemplate[K]) =>
    onChange({ ...value, [key]: next });
  const setManual = (i: number, row: Partial<ManualRow>) =>
    set(
      "manual",
      value.manual.map((r, j) => (j === i ? { ...r, ...row } : r)),
    );

  return (
    <>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="req-targets">
        <Stack>
          <Title order={2} size="h4" id="req-targets">
            {t("reports.form.targets")}
          </Title>
          <Radio.Group
            value={value.targetMode}
            onChange={(v) => set("targetMode", v as RequestTemplate["targetMode"])}
            aria-label={t("reports.form.targets")}
          >
            <Stack gap="xs">
              <Radio value="levels" label={t("reports.form.byLevel")} />
              <Radio value="picked" label={t("reports.form.picked")} />
            </Stack>
          </Radio.Group>
          {value.targetMode === "levels" ? (
            <Select
              label={t("reports.form.level")}
              data={["1", "2", "3", "4"].map((l) => ({
                value: l,
                label: t(`reports.form.levels.${l}` as "reports.form.levels.1"),
              }))}
              value={value.level}
              onChange={(v) => v && set("level", v)}
              allowDeselect={false}
            />
          ) : (
            <MultiSelect
              label={t("reports.form.units")}
              data={(children.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={value.picked}
              onChange={(v) => set("picked", v)}
              searchable
              error={error("targets")}
            />
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="req-metrics">
        <Stack>
          <Title order={2} size="h4" id="req-metrics">
            {t("reports.form.metrics")}
          </Title>
          <Checkbox.Group
            value={value.metrics}
            onChange={(v) => set("metrics", v)}
            aria-label={t("reports.form.metrics")}
          >
            <Stack gap="xs">
              {(metrics.data ?? []).map((m) => (
                <Checkbox key={m.key} value={m.key} label={m.label} />
              ))}
            </Stack>
          </Checkbox.Group>
          {metrics.isError && <ErrorAlert error={metrics.error} />}
          <Text fw={500}>{t("reports.form.manualMetrics")}</Text>
          {value.manual.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
            <Group key={i} align="flex-end" wrap="wrap" gap="xs">
              <TextInput
                label={t("reports.form.manualLabel", { n: i + 1 })}
                value={m.label}
                onChange={(e) => setManual(i, { label: e.currentTarget.value })}
                style={{ flex: "1 1 200px" }}
                error={error("manualMetrics") && !m.label.trim() ? error("manualMetrics") : undefined}
              />
              <TextInput
                label={t("reports.form.manualUnit", { n: i + 1 })}
                value={m.unit}
                onChange={(e) => setManual(i, { unit: e.currentTarget.value })}
                w={120}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t("reports.form.removeManual", { n: i + 1 })}
                onClick={() =>
                  set(
                    "manual",
                    value.manual.filter((_, j) => j !== i),
                  )
                }
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => set("manual", [...value.manual, { label: "", unit: "" }])}
            >
              {t("reports.form.addManual")}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="req-sections">
        <Stack>
          <Title order={2} size="h4" id="req-sections">
            {t("reports.form.sections")}
          </Title>
          {error("sections") && <Alert color="red">{error("sections")}</Alert>}
          {value.sections.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
            <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                label={t("reports.form.sectionN", { n: i + 1 })}
                value={s}
                onChange={(e) => {
                  const text = e.currentTarget.value;
                  set(
                    "sections",
                    value.sections.map((r, j) => (j === i ? text : r)),
                  );
                }}
                style={{ flex: 1 }}
                error={error("sections") && !s.trim() ? true : undefined}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t("reports.form.removeSection", { n: i + 1 })}
                onClick={() =>
                  set(
                    "sections",
                    value.sections.filter((_, j) => j !== i),
                  )
                }
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => set("sections", [...value.sections, ""])}
            >
              {t("reports.form.addSection")}
            </Button>
          </Group>
          <Textarea
            label={t("reports.form.instructions")}
            value={value.instructions}
            onChange={(e) => set("instructions", e.currentTarget.value)}
            autosize
            minRows={2}
          />
        </Stack>
      </Paper>
    </>
  );
}
