import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import {
  IconAlertCircle,
  IconArrowDown,
  IconArrowUp,
  IconDeviceFloppy,
  IconPlus,
  IconTrash,
} from "@tabler/icons-react";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { DateField } from "../../components/DateField";
import { ForbiddenPage } from "../../components/ForbiddenPage";
import { FormPage, type FormPageProps } from "../../components/FormPage";
import { focusFirstError } from "../../components/focusFirstError";
import { PageLoader } from "../../components/ListStates";
import { notifyError, notifySuccess } from "../../components/notify";
import { QueryFailure } from "../../components/QueryFailure";
import { Section } from "../../components/Section";
import { ApiError, fieldErrors, isApiError } from "../../lib/api";
import { useCurrentUser } from "../../lib/session";
import { UnitSelect } from "../units/UnitSelect";
import {
  LIMITS,
  PLAN_KINDS,
  type PlanDetail,
  type PlanInput,
  type PlanKind,
  termOf,
  useCreatePlan,
  usePlan,
  useUpdatePlan,
} from "./api";

const TERM = /^(\d{4})\s*[-–—]\s*(\d{4})$/;
let nextKey = 0;
const newKey = () => `new-${++nextKey}`;

interface ObjectiveRow {
  key: string;
  id?: string;
  content: string;
  inherited: boolean;
}
interface TaskRow {
  key: string;
  id?: string;
  content: string;
  owner: { id: string; name: string } | null;
  deadline: string;
  inherited: boolean;
}
interface Values {
  unit: { id: string; name: string } | null;
  kind: PlanKind;
  term: string;
  year: string;
  title: string;
  summary: string;
  preamble: string;
  purpose: string;
  implementation: string;
  recipients: string;
  authority: string;
  signerTitle: string;
  signerName: string;
  objectives: ObjectiveRow[];
  tasks: TaskRow[];
}

function initialValues(plan: PlanDetail | null, unit: { id: string; name: string }): Values {
  const year = new Date().getFullYear();
  return {
    unit: plan?.unit ?? unit,
    kind: plan?.kind ?? "annual",
    term: plan?.term ?? termOf(year),
    year: String(plan?.year ?? year),
    title: plan?.title ?? "",
    summary: plan?.summary ?? "",
    preamble: plan?.preamble ?? "",
    purpose: plan?.purpose ?? "",
    implementation: plan?.implementation ?? "",
    recipients: plan?.recipients ?? "",
    authority: plan?.signer.authority ?? "",
    signerTitle: plan?.signer.title ?? "",
    signerName: plan?.signer.name ?? "",
    objectives: (plan?.objectives ?? []).map((o) => ({
      key: o.id,
      id: o.id,
      content: o.content,
      inherited: Boolean(o.inheritedFromId),
    })),
    tasks: (plan?.tasks ?? []).map((task) => ({
      key: task.id,
      id: task.id,
      content: task.content,
      owner: task.ownerUnit,
      deadline: task.deadline ?? "",
      inherited: Boolean(task.inheritedFromId),
    })),
  };
}

export function NewPlanPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreatePlan();
  return (
    <FormLayout
      title={t("plans.form.createTitle")}
      description={t("plans.form.createDescription")}
      back="/plans"
    >
      <PlanForm
        plan={null}
        initial={initialValues(null, { id: user.unitId, name: user.unitName })}
        saving={create.isPending}
        error={create.error}
        onSave={(values, input) =>
          create.mutate(
            {
              ...input,
              unitId: values.unit?.id ?? user.unitId,
              kind: values.kind,
              ...(values.kind === "annual" ? { year: Number(values.year) } : { term: values.term.trim() }),
            },
            {
              onSuccess: (plan) => {
                notifySuccess(t("plans.form.created"));
                navigate(`/plans/${plan.id}`);
              },
            },
          )
        }
      />
    </FormLayout>
  );
}

export function EditPlanPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const plan = usePlan(id);
  const update = useUpdatePlan(id);
  if (plan.isPending) return <PageLoader />;
  if (plan.isError) return <QueryFailure query={plan} />;
  if (!plan.data.allowedActions.includes("update")) return <ForbiddenPage />;
  const current = plan.data;
  return (
    <FormLayout title={t("plans.form.editTitle")} back={`/plans/${id}`}>
      <PlanForm
        // A newer version read after a conflict starts the form afresh.
        key={current.version}
        plan={current}
        initial={initialValues(current, current.unit)}
        saving={update.isPending}
        error={isApiError(update.error, "VERSION_CONFLICT") ? null : update.error}
        onSave={(values, input) =>
          update.mutate(
            {
              ...input,
              version: current.version,
              ...(values.kind === "annual" ? { year: Number(values.year) } : { term: values.term.trim() }),
            },
            {
              onSuccess: () => {
                notifySuccess(t("plans.form.saved"));
                navigate(`/plans/${id}`);
              },
              onError: (error) => {
                if (isApiError(error, "VERSION_CONFLICT")) {
                  notifyError(t("plans.form.conflict"));
                  void plan.refetch();
                }
              },
            },
          )
        }
      />
    </FormLayout>
  );
}

function FormLayout({ back, ...props }: FormPageProps) {
  const { t } = useTranslation();
  return (
    <FormPage
      maw={960}
      back={back}
      backLabel={back === "/plans" ? t("plans.back") : t("plans.backToPlan")}
      {...props}
    />
  );
}

/** Errors the server names by a list item ("body.tasks.2.ownerUnitId"): keyed "tasks.2.ownerUnitId". */
function itemErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details as { path?: unknown }[]) {
    const path = String(d.path ?? "").replace(/^body\./, "");
    if (/^(tasks|objectives)\.\d+/.test(path)) out[path] = error.message;
  }
  return out;
}

function moved<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/** Buttons to move a list item up or down, or remove it (each labelled for screen readers). */
function ItemTools({
  itemKey,
  index,
  count,
  label,
  onMove,
  onRemove,
}: {
  itemKey: string;
  index: number;
  count: number;
  label: string;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  /** Moves the item and keeps the focus on its button (or the other one at the end of the list). */
  const move = (to: number, direction: "up" | "down") => {
    onMove(to);
    const other = direction === "up" ? "down" : "up";
    const atEnd = direction === "up" ? to === 0 : to === count - 1;
    requestAnimationFrame(() => document.getElementById(`${itemKey}-${atEnd ? other : direction}`)?.focus());
  };
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        id={`${itemKey}-up`}
        disabled={index === 0}
        onClick={() => move(index - 1, "up")}
        aria-label={t("plans.form.moveUp", { item: label })}
      >
        <IconArrowUp size={18} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        id={`${itemKey}-down`}
        disabled={index === count - 1}
        onClick={() => move(index + 1, "down")}
        aria-label={t("plans.form.moveDown", { item: label })}
      >
        <IconArrowDown size={18} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="red"
        size="lg"
        onClick={onRemove}
        aria-label={t("plans.form.remove", { item: label })}
      >
        <IconTrash size={18} />
      </ActionIcon>
    </Group>
  );
}

/**
 * The plan's content: period, title and summary, its text, the objectives and tasks (each task with
 * its unit in charge and deadline, in order), the signer and the recipients. A derived plan's
 * inherited items are marked; they can be reworded, moved or removed like the unit's own.
 */
function PlanForm({
  plan,
  initial,
  saving,
  error,
  onSave,
}: {
  plan: PlanDetail | null;
  initial: Values;
  saving: boolean;
  error: Error | null;
  onSave: (values: Values, input: PlanInput) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(initial);
  const [submitted, setSubmitted] = useState(false);
  const objectivesEnd = useRef<HTMLButtonElement>(null);
  const tasksEnd = useRef<HTMLButtonElement>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const derived = Boolean(plan?.parentPlan);

  const clientErrors: Record<string, string> = {};
  const required = t("validation.required");
  if (values.title.trim().length < 3)
    clientErrors.title = values.title.trim() ? t("validation.minLength", { count: 3 }) : required;
  if (values.summary.trim().length < 3)
    clientErrors.summary = values.summary.trim() ? t("validation.minLength", { count: 3 }) : required;
  if (values.kind === "whole_term") {
    const match = TERM.exec(values.term.trim());
    if (!match || Number(match[2]) <= Number(match[1]) || Number(match[2]) - Number(match[1]) > 10)
      clientErrors.term = t("plans.form.termInvalid");
  } else if (!/^\d{4}$/.test(values.year)) clientErrors.year = required;
  if (!values.unit) clientErrors.unit = required;
  values.objectives.forEach((o, i) => {
    if (!o.content.trim()) clientErrors[`objectives.${i}.content`] = required;
  });
  values.tasks.forEach((task, i) => {
    if (!task.content.trim()) clientErrors[`tasks.${i}.content`] = required;
  });
  const serverErrors = { ...fieldErrors(error), ...itemErrors(error) };
  const errorOf = (key: string) => (submitted ? clientErrors[key] : undefined) ?? serverErrors[key];
  const shownErrors = Object.keys(serverErrors).length > 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(clientErrors).length) {
      focusFirstError(event.currentTarget);
      return;
    }
    onSave(values, {
      title: values.title,
      summary: values.summary,
      preamble: values.preamble,
      purpose: values.purpose,
      implementation: values.implementation,
      // An empty list on a new plan takes the usual recipients.
      ...(plan || values.recipients.trim() ? { recipients: values.recipients } : {}),
      signer: {
        ...(values.authority.trim() || plan ? { authority: values.authority } : {}),
        ...(values.signerTitle.trim() || plan ? { title: values.signerTitle } : {}),
        name: values.signerName,
      },
      objectives: values.objectives.map((o) => ({ ...(o.id ? { id: o.id } : {}), content: o.content })),
      tasks: values.tasks.map((task) => ({
        ...(task.id ? { id: task.id } : {}),
        content: task.content,
        ...(task.owner ? { ownerUnitId: task.owner.id } : {}),
        deadline: task.deadline || null,
      })),
    });
  };

  const objectiveLabel = (i: number) => t("plans.form.objectiveN", { n: i + 1 });
  const taskLabel = (i: number) => t("plans.form.taskN", { n: i + 1 });
  const years = Array.from({ length: 8 }, (_, i) => String(new Date().getFullYear() + 1 - i));

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }}>
          <Stack gap="sm">
            {!plan && (
              <UnitSelect
                label={t("plans.fields.unit")}
                description={t("plans.form.unitHint")}
                value={values.unit?.id ?? null}
                initialUnit={values.unit}
                onChange={(unit) => set("unit", unit ? { id: unit.id, name: unit.name } : null)}
                activeOnly
                required
                error={errorOf("unit") ?? errorOf("unitId")}
              />
            )}
            {!plan ? (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="plan-kind-label">
                  {t("plans.kind")}
                </Text>
                <SegmentedControl
                  aria-labelledby="plan-kind-label"
                  value={values.kind}
                  onChange={(value) => set("kind", value as PlanKind)}
                  data={PLAN_KINDS.map((value) => ({ value, label: t(`plans.kinds.${value}`) }))}
                />
              </Stack>
            ) : (
              <Text size="sm">
                {t("plans.kind")}: <strong>{t(`plans.kinds.${values.kind}`)}</strong>
              </Text>
            )}
            {values.kind === "whole_term" ? (
              <TextInput
                label={t("plans.fields.term")}
                description={t("plans.form.termHint")}
                placeholder="2025–2030"
                required
                maw={240}
                value={values.term}
                onChange={(event) => set("term", event.currentTarget.value)}
                error={errorOf("term")}
                disabled={derived}
              />
            ) : (
              <Select
                label={t("plans.fields.year")}
                required
                data={years}
                value={values.year}
                onChange={(value) => set("year", value ?? "")}
                maw={200}
                error={errorOf("year")}
                disabled={derived}
                comboboxProps={{ withinPortal: true }}
              />
            )}
            <TextInput
              label={t("plans.fields.title")}
              placeholder={t("plans.form.titlePlaceholder")}
              required
              maxLength={LIMITS.title}
              value={values.title}
              onChange={(event) => set("title", event.currentTarget.value)}
              error={errorOf("title")}
            />
            <Textarea
              label={t("plans.fields.summary")}
              description={t("plans.form.summaryHint")}
              required
              autosize
              minRows={2}
              maxLength={LIMITS.summary}
              value={values.summary}
              onChange={(event) => set("summary", event.currentTarget.value)}
              error={errorOf("summary")}
            />
            <Textarea
              label={t("plans.fields.preamble")}
              description={t("plans.form.preambleHint")}
              autosize
              minRows={2}
              maxLength={LIMITS.preamble}
              value={values.preamble}
              onChange={(event) => set("preamble", event.currentTarget.value)}
              error={errorOf("preamble")}
            />
            <Textarea
              label={t("plans.fields.purpose")}
              autosize
              minRows={3}
              maxLength={LIMITS.purpose}
              value={values.purpose}
              onChange={(event) => set("purpose", event.currentTarget.value)}
              error={errorOf("purpose")}
            />
          </Stack>
        </Paper>

        <Section id="form-objectives" title={t("plans.fields.objectives")}>
          {values.objectives.length === 0 && <Text c="dimmed">{t("plans.noObjectives")}</Text>}
          {values.objectives.map((o, i) => (
            <Group key={o.key} align="flex-start" gap="xs" wrap="nowrap">
              <Textarea
                label={
                  <>
                    {objectiveLabel(i)}
                    {o.inherited && (
                      <Badge ml="xs" size="xs" variant="light" color="grape">
                        {t("plans.form.inherited")}
                      </Badge>
                    )}
                  </>
                }
                autosize
                minRows={1}
                maxLength={LIMITS.item}
                value={o.content}
                onChange={(event) => {
                  const content = event.currentTarget.value;
                  set(
                    "objectives",
                    values.objectives.map((x) => (x.key === o.key ? { ...x, content } : x)),
                  );
                }}
                error={errorOf(`objectives.${i}.content`)}
                style={{ flex: 1, minWidth: 0 }}
              />
              <ItemTools
                itemKey={`objective-${o.key}`}
                index={i}
                count={values.objectives.length}
                label={objectiveLabel(i)}
                onMove={(to) => set("objectives", moved(values.objectives, i, to))}
                onRemove={() => {
                  set(
                    "objectives",
                    values.objectives.filter((x) => x.key !== o.key),
                  );
                  objectivesEnd.current?.focus();
                }}
              />
            </Group>
          ))}
          <Group>
            <Button
              ref={objectivesEnd}
              variant="light"
              leftSection={<IconPlus size={18} />}
              disabled={values.objectives.length >= LIMITS.objectives}
              onClick={() =>
                set("objectives", [...values.objectives, { key: newKey(), content: "", inherited: false }])
              }
            >
              {t("plans.form.addObjective")}
            </Button>
          </Group>
        </Section>

        <Paper
          withBorder
          radius="md"
          p={{ base: "sm", sm: "md" }}
          component="section"
          aria-labelledby="form-tasks"
        >
          <Stack gap="sm">
            <Title order={2} fz="h4" id="form-tasks">
              {t("plans.fields.tasks")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("plans.form.tasksHint")}
            </Text>
            {values.tasks.length === 0 && <Text c="dimmed">{t("plans.noTasks")}</Text>}
            {values.tasks.map((task, i) => {
              const patch = (change: Partial<TaskRow>) =>
                set(
                  "tasks",
                  values.tasks.map((x) => (x.key === task.key ? { ...x, ...change } : x)),
                );
              return (
                <Paper key={task.key} withBorder radius="sm" p="sm" bg="var(--mantine-color-gray-0)">
                  <Stack gap="xs">
                    <Group justify="space-between" wrap="nowrap" align="center">
                      <Text fw={600}>
                        {taskLabel(i)}
                        {task.inherited && (
                          <Badge ml="xs" size="xs" variant="light" color="grape">
                            {t("plans.form.inherited")}
                          </Badge>
                        )}
                      </Text>
                      <ItemTools
                        itemKey={`task-${task.key}`}
                        index={i}
                        count={values.tasks.length}
                        label={taskLabel(i)}
                        onMove={(to) => set("tasks", moved(values.tasks, i, to))}
                        onRemove={() => {
                          set(
                            "tasks",
                            values.tasks.filter((x) => x.key !== task.key),
                          );
                          tasksEnd.current?.focus();
                        }}
                      />
                    </Group>
                    <Textarea
                      label={t("plans.task.content")}
                      required
                      autosize
                      minRows={2}
                      maxLength={LIMITS.item}
                      value={task.content}
                      onChange={(event) => patch({ content: event.currentTarget.value })}
                      error={errorOf(`tasks.${i}.content`)}
                    />
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                      <UnitSelect
                        label={t("plans.task.owner")}
                        placeholder={t("plans.form.ownerDefault")}
                        value={task.owner?.id ?? null}
                        initialUnit={task.owner}
                        onChange={(unit) => patch({ owner: unit ? { id: unit.id, name: unit.name } : null })}
                        activeOnly
                        clearable
                        error={errorOf(`tasks.${i}.ownerUnitId`)}
                      />
                      <DateField
                        label={t("plans.task.deadline")}
                        description={t("plans.form.deadlineHint")}
                        value={task.deadline}
                        onChange={(deadline) => patch({ deadline })}
                        error={errorOf(`tasks.${i}.deadline`)}
                      />
                    </SimpleGrid>
                  </Stack>
                </Paper>
              );
            })}
            <Group>
              <Button
                ref={tasksEnd}
                variant="light"
                leftSection={<IconPlus size={18} />}
                disabled={values.tasks.length >= LIMITS.tasks}
                onClick={() =>
                  set("tasks", [
                    ...values.tasks,
                    { key: newKey(), content: "", owner: null, deadline: "", inherited: false },
                  ])
                }
              >
                {t("plans.form.addTask")}
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Section id="form-closing" title={t("plans.form.closing")}>
          <Textarea
            label={t("plans.fields.implementation")}
            autosize
            minRows={3}
            maxLength={LIMITS.implementation}
            value={values.implementation}
            onChange={(event) => set("implementation", event.currentTarget.value)}
            error={errorOf("implementation")}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Textarea
              label={t("plans.fields.authority")}
              description={t("plans.form.authorityHint")}
              placeholder="T/M BAN THƯỜNG VỤ"
              autosize
              minRows={1}
              maxLength={LIMITS.signer}
              value={values.authority}
              onChange={(event) => set("authority", event.currentTarget.value)}
            />
            <TextInput
              label={t("plans.fields.signerTitle")}
              placeholder="BÍ THƯ"
              maxLength={LIMITS.signer}
              value={values.signerTitle}
              onChange={(event) => set("signerTitle", event.currentTarget.value)}
            />
            <TextInput
              label={t("plans.fields.signerName")}
              description={t("plans.form.signerNameHint")}
              maxLength={LIMITS.signer}
              value={values.signerName}
              onChange={(event) => set("signerName", event.currentTarget.value)}
            />
          </SimpleGrid>
          <Textarea
            label={t("plans.fields.recipients")}
            description={t("plans.form.recipientsHint")}
            autosize
            minRows={3}
            maxLength={LIMITS.recipients}
            value={values.recipients}
            onChange={(event) => set("recipients", event.currentTarget.value)}
          />
        </Section>

        {error && !shownErrors && (
          <Alert color="red" icon={<IconAlertCircle />} title={t("errors.title")} role="alert">
            {error.message}
          </Alert>
        )}
        {submitted && Object.keys(clientErrors).length > 0 && (
          <Alert color="red" icon={<IconAlertCircle />} role="alert">
            {t("plans.form.fixErrors")}
          </Alert>
        )}
        <Group justify="flex-end" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)">
          <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={18} />}>
            {t("plans.form.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
