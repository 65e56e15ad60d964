import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { IconAlertCircle, IconInfoCircle, IconPlus, IconSearch, IconTrash } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps } from "../../components/AppModal";
import { DateField } from "../../components/DateField";
import { ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { notifySuccess } from "../../components/notify";
import { Pager } from "../../components/Pager";
import { formatDate, formatNumber, todayInVietnam } from "../../lib/format";
import {
  fetchAllIds,
  type SplitResult,
  type UnitDetail,
  useSplitUnit,
  useUnitChildren,
  useUnitKinds,
  useUnitMembers,
} from "./api";
import { UnitStatusBadge } from "./UnitStatusBadge";

/** Members listed per page in the wizard. */
const MEMBERS_PAGE = 50;

interface Part {
  key: number;
  name: string;
  code: string;
  kindId: string | null;
}

/** Who goes where: sub-unit or member id → the key of its part. */
type Assignment = Map<string, number>;

/**
 * Chia tách: the unit's sub-units and members are shared out among new units created beside it
 * (under the same parent). Three steps: the new units, who goes to each, then the preview (a dry
 * run on the server) and the confirmation. The unit split may close or stay with what is left.
 */
export function SplitUnitModal({
  opened,
  onClose,
  unit,
}: DialogProps & {
  unit: UnitDetail;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery("(max-width: 36em)", false, { getInitialValueInEffect: false });
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={t("units.split.title", { name: unit.name })}
      size="xl"
      fullScreen={phone}
    >
      {opened && <SplitWizard unit={unit} onClose={onClose} />}
    </AppModal>
  );
}

function SplitWizard({ unit, onClose }: { unit: UnitDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const split = useSplitUnit();
  const count = (n: number) => formatNumber(n, i18n.resolvedLanguage ?? "vi");
  const [step, setStep] = useState<1 | 2 | 3>(1);
  const [parts, setParts] = useState<Part[]>(() => [1, 2].map((key) => newPart(key, unit)));
  const [nextKey, setNextKey] = useState(3);
  const [on, setOn] = useState(todayInVietnam());
  const [closeSource, setCloseSource] = useState(false);
  const [current, setCurrent] = useState(1);
  const [children, setChildren] = useState<Assignment>(() => new Map());
  const [members, setMembers] = useState<Assignment>(() => new Map());
  const [preview, setPreview] = useState<SplitResult | null>(null);
  const [submitted, setSubmitted] = useState(false);

  const partName = (key: number) => {
    const index = parts.findIndex((p) => p.key === key);
    return parts[index]?.name.trim() || t("units.split.partN", { n: index + 1 });
  };
  const request = () => ({
    id: unit.id,
    on,
    closeSource,
    parts: parts.map((part) => ({
      name: part.name.trim(),
      code: part.code.trim() || null,
      kindId: part.kindId,
      childIds: idsOf(children, part.key),
      personIds: idsOf(members, part.key),
    })),
  });

  const partsValid = parts.every((part) => part.name.trim()) && Boolean(on);
  const toAssign = () => {
    setSubmitted(true);
    if (!partsValid) return;
    split.reset();
    if (!parts.some((p) => p.key === current)) setCurrent(parts[0]?.key ?? 1);
    setStep(2);
  };
  const showPreview = () =>
    split.mutate(
      { ...request(), dryRun: true },
      {
        onSuccess: (result) => {
          setPreview(result);
          setStep(3);
        },
      },
    );
  const confirm = () =>
    split.mutate(
      { ...request(), dryRun: false },
      {
        onSuccess: (result) => {
          notifySuccess(
            t("units.split.done", {
              name: unit.name,
              parts: count(result.parts.length),
              units: count(result.units),
              people: count(result.people),
            }),
          );
          onClose();
        },
      },
    );
  const back = (to: 1 | 2) => {
    split.reset();
    setPreview(null);
    setStep(to);
  };

  const error = split.isError && (
    <Alert color="red" icon={<IconAlertCircle />} role="alert">
      {split.error.message}
    </Alert>
  );
  const stepTitle = (n: 1 | 2 | 3, name: string) => (
    <Text size="sm" c="dimmed">
      {t("units.wizard.step", { step: n, steps: 3, name })}
    </Text>
  );

  if (step === 3 && preview) {
    return (
      <Stack>
        {stepTitle(3, t("units.wizard.preview"))}
        <Alert color="orange" icon={<IconInfoCircle />} title={t("units.wizard.previewTitle")}>
          <Stack gap={6}>
            <Text size="sm" data-testid="split-preview">
              {t("units.split.preview", {
                parts: count(parts.length),
                units: count(preview.units),
                people: count(preview.people),
              })}
            </Text>
            <Text size="sm" component="ul" m={0} pl="md">
              {parts.map((part) => (
                <li key={part.key}>
                  {t("units.split.partSummary", {
                    name: partName(part.key),
                    units: count(idsOf(children, part.key).length),
                    people: count(idsOf(members, part.key).length),
                  })}
                </li>
              ))}
            </Text>
            <Text size="sm">
              {closeSource
                ? t("units.split.previewClose", { name: unit.name, date: formatDate(on) })
                : t("units.split.previewKeep", { name: unit.name, date: formatDate(on) })}
            </Text>
          </Stack>
        </Alert>
        {error}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => back(2)} disabled={split.isPending}>
            {t("common.back")}
          </Button>
          <Button color="orange" onClick={confirm} loading={split.isPending}>
            {t("units.split.confirm")}
          </Button>
        </Group>
      </Stack>
    );
  }

  if (step === 2) {
    const assign = (map: Assignment, set: (m: Assignment) => void) => (id: string, checked: boolean) => {
      split.reset();
      const next = new Map(map);
      if (checked) next.set(id, current);
      else next.delete(id);
      set(next);
    };
    return (
      <Stack>
        {stepTitle(2, t("units.split.assignStep"))}
        <Radio.Group
          label={t("units.split.currentPart")}
          description={t("units.split.currentPartHint")}
          value={String(current)}
          onChange={(value) => setCurrent(Number(value))}
        >
          <Group gap="md" mt={6} wrap="wrap">
            {parts.map((part) => (
              <Radio
                key={part.key}
                value={String(part.key)}
                label={t("units.split.partWithCounts", {
                  name: partName(part.key),
                  units: count(idsOf(children, part.key).length),
                  people: count(idsOf(members, part.key).length),
                })}
              />
            ))}
          </Group>
        </Radio.Group>
        {unit.childCount > 0 && (
          <ChildrenPicker
            unitId={unit.id}
            assignment={children}
            current={current}
            partName={partName}
            onToggle={assign(children, setChildren)}
            onAssignAll={(ids) => {
              split.reset();
              setChildren(withRest(children, ids, current));
            }}
          />
        )}
        <MembersPicker
          unitId={unit.id}
          assignment={members}
          current={current}
          partName={partName}
          onToggle={assign(members, setMembers)}
          onAssignAll={(ids) => {
            split.reset();
            setMembers(withRest(members, ids, current));
          }}
        />
        {error}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => back(1)} disabled={split.isPending}>
            {t("common.back")}
          </Button>
          <Button onClick={showPreview} loading={split.isPending}>
            {t("units.wizard.showPreview")}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack>
      {stepTitle(1, t("units.split.partsStep"))}
      <Text size="sm">{t("units.split.intro", { name: unit.name })}</Text>
      {parts.map((part, index) => (
        <PartFields
          key={part.key}
          part={part}
          index={index}
          submitted={submitted}
          onChange={(changed) => {
            split.reset();
            setParts((list) => list.map((p) => (p.key === part.key ? changed : p)));
          }}
          onRemove={
            parts.length > 1
              ? () => {
                  setParts((list) => list.filter((p) => p.key !== part.key));
                  setChildren(without(children, part.key));
                  setMembers(without(members, part.key));
                }
              : undefined
          }
        />
      ))}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => {
            setParts((list) => [...list, newPart(nextKey, unit)]);
            setNextKey((key) => key + 1);
          }}
          disabled={parts.length >= 20}
        >
          {t("units.split.addPart")}
        </Button>
      </Group>
      <DateField
        label={t("units.split.on")}
        value={on}
        onChange={setOn}
        required
        error={submitted && !on ? t("validation.required") : undefined}
        maw={220}
      />
      <Switch
        checked={closeSource}
        onChange={(event) => setCloseSource(event.currentTarget.checked)}
        label={t("units.split.closeSource", { name: unit.name })}
        description={t("units.split.closeSourceHint")}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button onClick={toAssign}>{t("units.split.next")}</Button>
      </Group>
    </Stack>
  );
}

function newPart(key: number, unit: UnitDetail): Part {
  return { key, name: "", code: "", kindId: unit.kind?.id ?? null };
}
const idsOf = (assignment: Assignment, key: number) =>
  [...assignment].filter(([, part]) => part === key).map(([id]) => id);
const without = (assignment: Assignment, key: number) =>
  new Map([...assignment].filter(([, part]) => part !== key));
/** Everything not yet assigned goes to `key`. */
function withRest(assignment: Assignment, ids: string[], key: number): Assignment {
  const next = new Map(assignment);
  for (const id of ids) if (!next.has(id)) next.set(id, key);
  return next;
}

function PartFields({
  part,
  index,
  submitted,
  onChange,
  onRemove,
}: {
  part: Part;
  index: number;
  submitted: boolean;
  onChange: (part: Part) => void;
  onRemove?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const kinds = useUnitKinds();
  const english = i18n.resolvedLanguage === "en";
  const legend = t("units.split.partN", { n: index + 1 });
  return (
    <Fieldset legend={legend} p="sm">
      <Stack gap="xs">
        <Group align="flex-end" wrap="nowrap" gap="xs">
          <TextInput
            label={t("units.split.partName")}
            placeholder={t("units.split.partNamePlaceholder")}
            value={part.name}
            onChange={(event) => onChange({ ...part, name: event.currentTarget.value })}
            error={submitted && !part.name.trim() ? t("validation.required") : undefined}
            required
            autoComplete="off"
            style={{ flex: 1 }}
          />
          {onRemove && (
            <ActionIcon
              variant="subtle"
              color="red"
              size={36}
              onClick={onRemove}
              aria-label={t("units.split.removePart", { name: part.name.trim() || legend })}
            >
              <IconTrash size={18} />
            </ActionIcon>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <TextInput
            label={t("units.code")}
            value={part.code}
            onChange={(event) => onChange({ ...part, code: event.currentTarget.value })}
            autoComplete="off"
            autoCapitalize="none"
          />
          <Select
            label={t("units.kind")}
            placeholder={t("units.kindPlaceholder")}
            data={(kinds.data?.items ?? []).map((kind) => ({
              value: kind.id,
              label: english ? kind.nameEn : kind.name,
            }))}
            value={part.kindId}
            onChange={(kindId) => onChange({ ...part, kindId })}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

/** A searchable, paged checkbox list; `page` resets when the search changes. */
function useSearchPaging() {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [last, setLast] = useState(debounced);
  if (debounced !== last) {
    setLast(debounced);
    setPage(1);
  }
  return { search, setSearch, q: debounced, page, setPage };
}

interface PickerProps {
  unitId: string;
  assignment: Assignment;
  current: number;
  partName: (key: number) => string;
  onToggle: (id: string, checked: boolean) => void;
  onAssignAll: (ids: string[]) => void;
}

function ChildrenPicker({ unitId, assignment, current, partName, onToggle, onAssignAll }: PickerProps) {
  const { t } = useTranslation();
  const paging = useSearchPaging();
  const list = useUnitChildren(unitId, { q: paging.q, page: paging.page });
  const all = useUnitChildren(unitId, { q: "", page: 1 });
  return (
    <PickerFrame
      title={t("units.split.children")}
      searchLabel={t("units.split.searchChildren")}
      paging={paging}
      total={all.data?.total ?? 0}
      assigned={assignment.size}
      assignAll={async () => onAssignAll(await fetchAllIds(`/units/${unitId}/children`, {}))}
      pageSize={list.data?.pageSize ?? 50}
      listTotal={list.data?.total ?? 0}
      body={
        list.isPending ? (
          <ListSkeleton rows={3} />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
        ) : (
          list.data.items.map((child) => (
            <PickRow
              key={child.id}
              id={child.id}
              label={child.name}
              detail={
                child.status !== "active" ? <UnitStatusBadge status={child.status} size="sm" /> : child.code
              }
              assignedTo={assignment.get(child.id)}
              current={current}
              partName={partName}
              onToggle={onToggle}
            />
          ))
        )
      }
      dimmed={list.isPlaceholderData}
    />
  );
}

function MembersPicker({ unitId, assignment, current, partName, onToggle, onAssignAll }: PickerProps) {
  const { t } = useTranslation();
  const paging = useSearchPaging();
  const list = useUnitMembers(unitId, { q: paging.q, page: paging.page, pageSize: MEMBERS_PAGE });
  const all = useUnitMembers(unitId, { q: "", page: 1, pageSize: 1 });
  return (
    <PickerFrame
      title={t("units.split.members")}
      searchLabel={t("units.split.searchMembers")}
      paging={paging}
      total={all.data?.total ?? 0}
      assigned={assignment.size}
      assignAll={async () =>
        onAssignAll(await fetchAllIds("/people", { unitId, direct: "true", status: "active" }))
      }
      pageSize={MEMBERS_PAGE}
      listTotal={list.data?.total ?? 0}
      body={
        list.isPending ? (
          <ListSkeleton rows={3} />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
        ) : (
          list.data.items.map((person) => (
            <PickRow
              key={person.id}
              id={person.id}
              label={person.fullName}
              detail={[formatDate(person.birthDate), person.position].filter(Boolean).join(" · ")}
              assignedTo={assignment.get(person.id)}
              current={current}
              partName={partName}
              onToggle={onToggle}
            />
          ))
        )
      }
      dimmed={list.isPlaceholderData}
    />
  );
}

function PickerFrame({
  title,
  searchLabel,
  paging,
  total,
  assigned,
  assignAll,
  pageSize,
  listTotal,
  body,
  dimmed,
}: {
  title: string;
  searchLabel: string;
  paging: ReturnType<typeof useSearchPaging>;
  total: number;
  assigned: number;
  assignAll: () => Promise<void>;
  pageSize: number;
  listTotal: number;
  body: ReactNode;
  dimmed: boolean;
}) {
  const { t, i18n } = useTranslation();
  const count = (n: number) => formatNumber(n, i18n.resolvedLanguage ?? "vi");
  const [assigning, setAssigning] = useState(false);
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600}>{title}</Text>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t("units.split.assigned", { assigned: count(assigned), total: count(total) })}
          </Text>
        </Group>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            type="search"
            label={searchLabel}
            placeholder={t("units.split.searchPlaceholder")}
            leftSection={<IconSearch size={16} />}
            value={paging.search}
            onChange={(event) => paging.setSearch(event.currentTarget.value)}
            style={{ flex: "1 1 200px" }}
          />
          <Button
            variant="light"
            loading={assigning}
            disabled={total === 0 || assigned >= total}
            onClick={async () => {
              setAssigning(true);
              try {
                await assignAll();
              } finally {
                setAssigning(false);
              }
            }}
          >
            {t("units.split.assignRest")}
          </Button>
        </Group>
        <Stack
          gap={2}
          role="group"
          aria-label={title}
          style={{ opacity: dimmed ? 0.6 : 1 }}
          aria-busy={dimmed}
        >
          {body}
          {listTotal === 0 && !dimmed && (
            <Text size="sm" c="dimmed">
              {paging.q ? t("common.noMatches") : t("common.empty")}
            </Text>
          )}
        </Stack>
        {listTotal > pageSize && (
          <Pager page={paging.page} pageSize={pageSize} total={listTotal} onChange={paging.setPage} />
        )}
      </Stack>
    </Paper>
  );
}

function PickRow({
  id,
  label,
  detail,
  assignedTo,
  current,
  partName,
  onToggle,
}: {
  id: string;
  label: string;
  detail: ReactNode;
  assignedTo: number | undefined;
  current: number;
  partName: (key: number) => string;
  onToggle: (id: string, checked: boolean) => void;
}) {
  const { t } = useTranslation();
  const elsewhere = assignedTo !== undefined && assignedTo !== current;
  return (
    <Checkbox
      checked={assignedTo === current}
      onChange={(event) => onToggle(id, event.currentTarget.checked)}
      label={label}
      description={
        <Group gap={6} component="span" wrap="wrap">
          {detail ? <span>{detail}</span> : null}
          {elsewhere && (
            <Badge size="xs" variant="light" color="gray" component="span">
              {t("units.split.inPart", { name: partName(assignedTo) })}
            </Badge>
          )}
        </Group>
      }
      py={4}
      styles={{ label: { overflowWrap: "anywhere" }, body: { alignItems: "flex-start" } }}
    />
  );
}
