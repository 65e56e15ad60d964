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
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { fieldErrors } from "../../app/api";
import { useCurrentUser } from "../../app/session";
import { DateField } from "../../components/DateField";
import { focusFirstError } from "../../components/focusFirstError";
import { ErrorAlert } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { useUnitChildren } from "../units/api";
import {
  type CreateRequestInput,
  REQUEST_KINDS,
  type RequestKind,
  useCreateRequest,
  useMetrics,
} from "./api";

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

/** Gửi yêu cầu báo cáo: the unit asks the units below it for a report. */
export function NewRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const metrics = useMetrics();
  const children = useUnitChildren(user.unitId, { q: "", page: 1 });
  const create = useCreateRequest();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<RequestKind>("annual");
  const [periodStart, setPeriodStart] = useState("");
  const [periodEnd, setPeriodEnd] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [targetMode, setTargetMode] = useState<"levels" | "picked">("levels");
  const [level, setLevel] = useState("1");
  const [picked, setPicked] = useState<string[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [manual, setManual] = useState<ManualRow[]>([]);
  const [sections, setSections] = useState<string[]>(DEFAULT_SECTIONS);
  const [instructions, setInstructions] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = fieldErrors(create.error);
  const err = (name: string) => errors[name] ?? server[`body.${name}`];

  const submit = (form: HTMLFormElement) => {
    const next: Record<string, string> = {};
    const required = t("reports.form.required");
    if (title.trim().length < 3) next.title = required;
    if (!periodStart) next.periodStart = required;
    if (!periodEnd) next.periodEnd = required;
    if (!dueOn) next.dueOn = required;
    if (periodStart && periodEnd && periodEnd < periodStart)
      next.periodEnd = t("reports.form.endBeforeStart");
    if (targetMode === "picked" && picked.length === 0) next.targets = required;
    if (sections.some((s) => !s.trim()) || sections.length === 0) next.sections = required;
    if (manual.some((m) => !m.label.trim())) next.manualMetrics = required;
    setErrors(next);
    if (Object.keys(next).length > 0) {
      focusFirstError(form);
      return;
    }
    const taken = new Set<string>();
    const input: CreateRequestInput = {
      title: title.trim(),
      kind,
      periodStart,
      periodEnd,
      dueOn,
      targets: targetMode === "levels" ? { levels: [Number(level)] } : { unitIds: picked },
      sections: sections.map((s) => ({ title: s.trim() })),
      metrics: chosen,
      manualMetrics: manual.map((m, i) => ({
        key: keyOf(m.label, i, taken),
        label: m.label.trim(),
        unit: m.unit.trim() || null,
      })),
      instructions,
    };
    create.mutate(input, {
      onSuccess: (request) => navigate(`/reports/requests/${request.id}`),
      onError: () => focusFirstError(form),
    });
  };

  return (
    <Stack maw={900}>
      <PageHeader title={t("reports.form.title")} description={t("reports.form.description")} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit(event.currentTarget);
        }}
      >
        <Stack>
          <Paper withBorder p="md" radius="md">
            <Stack>
              <TextInput
                label={t("reports.form.requestTitle")}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={err("title")}
                required
                maxLength={300}
              />
              <Select
                label={t("reports.form.kind")}
                data={REQUEST_KINDS.map((k) => ({ value: k, label: t(`reports.kinds.${k}`) }))}
                value={kind}
                onChange={(v) => v && setKind(v as RequestKind)}
                allowDeselect={false}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <DateField
                  label={t("reports.form.periodStart")}
                  value={periodStart}
                  onChange={setPeriodStart}
                  error={err("periodStart")}
                  required
                />
                <DateField
                  label={t("reports.form.periodEnd")}
                  value={periodEnd}
                  onChange={setPeriodEnd}
                  error={err("periodEnd")}
                  required
                />
                <DateField
                  label={t("reports.form.dueOn")}
                  value={dueOn}
                  onChange={setDueOn}
                  error={err("dueOn")}
                  required
                />
              </SimpleGrid>
            </Stack>
          </Paper>

          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="req-targets">
            <Stack>
              <Title order={2} size="h4" id="req-targets">
                {t("reports.form.targets")}
              </Title>
              <Radio.Group
                value={targetMode}
                onChange={(v) => setTargetMode(v as "levels" | "picked")}
                aria-label={t("reports.form.targets")}
              >
                <Stack gap="xs">
                  <Radio value="levels" label={t("reports.form.byLevel")} />
                  <Radio value="picked" label={t("reports.form.picked")} />
                </Stack>
              </Radio.Group>
              {targetMode === "levels" ? (
                <Select
                  label={t("reports.form.level")}
                  data={["1", "2", "3", "4"].map((l) => ({
                    value: l,
                    label: t(`reports.form.levels.${l}` as "reports.form.levels.1"),
                  }))}
                  value={level}
                  onChange={(v) => v && setLevel(v)}
                  allowDeselect={false}
                />
              ) : (
                <MultiSelect
                  label={t("reports.form.units")}
                  data={(children.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                  value={picked}
                  onChange={setPicked}
                  searchable
                  error={err("targets")}
                />
              )}
            </Stack>
          </Paper>

          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="req-metrics">
            <Stack>
              <Title order={2} size="h4" id="req-metrics">
                {t("reports.form.metrics")}
              </Title>
              <Checkbox.Group value={chosen} onChange={setChosen} aria-label={t("reports.form.metrics")}>
                <Stack gap="xs">
                  {(metrics.data ?? []).map((m) => (
                    <Checkbox key={m.key} value={m.key} label={m.label} />
                  ))}
                </Stack>
              </Checkbox.Group>
              {metrics.isError && <ErrorAlert error={metrics.error} />}
              <Text fw={500}>{t("reports.form.manualMetrics")}</Text>
              {manual.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
                <Group key={i} align="flex-end" wrap="wrap" gap="xs">
                  <TextInput
                    label={t("reports.form.manualLabel", { n: i + 1 })}
                    value={m.label}
                    onChange={(e) => {
                      const label = e.currentTarget.value;
                      setManual((rows) => rows.map((r, j) => (j === i ? { ...r, label } : r)));
                    }}
                    style={{ flex: "1 1 200px" }}
                    error={err("manualMetrics") && !m.label.trim() ? err("manualMetrics") : undefined}
                  />
                  <TextInput
                    label={t("reports.form.manualUnit", { n: i + 1 })}
                    value={m.unit}
                    onChange={(e) => {
                      const unit = e.currentTarget.value;
                      setManual((rows) => rows.map((r, j) => (j === i ? { ...r, unit } : r)));
                    }}
                    w={120}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t("reports.form.removeManual", { n: i + 1 })}
                    onClick={() => setManual((rows) => rows.filter((_, j) => j !== i))}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="light"
                  leftSection={<IconPlus size={16} />}
                  onClick={() => setManual((rows) => [...rows, { label: "", unit: "" }])}
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
              {err("sections") && <Alert color="red">{err("sections")}</Alert>}
              {sections.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
                <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
                  <TextInput
                    label={t("reports.form.sectionN", { n: i + 1 })}
                    value={s}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setSections((rows) => rows.map((r, j) => (j === i ? value : r)));
                    }}
                    style={{ flex: 1 }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t("reports.form.removeSection", { n: i + 1 })}
                    onClick={() => setSections((rows) => rows.filter((_, j) => j !== i))}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="light"
                  leftSection={<IconPlus size={16} />}
                  onClick={() => setSections((rows) => [...rows, ""])}
                >
                  {t("reports.form.addSection")}
                </Button>
              </Group>
              <Textarea
                label={t("reports.form.instructions")}
                value={instructions}
                onChange={(e) => setInstructions(e.currentTarget.value)}
                autosize
                minRows={2}
              />
            </Stack>
          </Paper>
          {create.isError && <ErrorAlert error={create.error} />}
          {Object.keys(errors).length > 0 && <Alert color="red">{t("reports.form.fixErrors")}</Alert>}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t("reports.form.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
