import {
  Alert,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import {
  IconAlertCircle,
  IconCircleCheck,
  IconDownload,
  IconFileSpreadsheet,
  IconInfoCircle,
  IconUpload,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { type Column, DataTable } from "../../components/DataTable";
import { notifyError } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { Section } from "../../components/Section";
import { isApiError } from "../../lib/api";
import { formatNumber } from "../../lib/format";
import { useCurrentUser } from "../../lib/session";
import { isFinished, type Job, useJob } from "../jobs/api";
import { useUnit } from "../units/api";
import { UnitSelect } from "../units/UnitSelect";
import {
  downloadImportTemplate,
  type ImportKind,
  type ImportRowError,
  importRowErrors,
  useCheckImport,
  useStartImport,
} from "./api";

const ERRORS_PAGE_SIZE = 20;
const ACCEPT = ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv";

/**
 * Nhập đảng viên (or đơn vị) từ tệp: template, optional default cell (or parent unit), a check of
 * every row (dry run), then the import as a job whose progress is shown until it ends. All rows or
 * none are stored. Officers and admins choose what to import; `?kind=units` opens the units import,
 * `?kind=practices` the good-practice models import (for those who keep a unit's models).
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const user = useCurrentUser();
  // The server decides (units policy); this only offers the choice to those it would allow.
  const mayImportUnits = user.role === "admin" || user.role === "officer";
  const mayImportPractices = mayImportUnits || user.role === "secretary";
  const kinds: ImportKind[] = [
    "people",
    ...(mayImportUnits ? (["units"] as const) : []),
    ...(mayImportPractices ? (["practices"] as const) : []),
  ];
  const asked = params.get("kind");
  const kind: ImportKind = kinds.find((k) => k === asked) ?? "people";
  const units = kind === "units";
  const practices = kind === "practices";
  const initialUnitId = params.get("unitId");
  const initialUnit = useUnit(initialUnitId);
  const [unitId, setUnitId] = useState<string | null>(initialUnitId);
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const check = useCheckImport();
  const start = useStartImport();
  const job = useJob<{ imported: number }>(jobId);
  const count = (n: number) => formatNumber(n, i18n.resolvedLanguage ?? "vi");

  const running = Boolean(jobId) && !isFinished(job.data?.status);
  const checkedRows = check.data?.rows ?? null;
  const checkErrors = isApiError(check.error, "IMPORT_INVALID") ? importRowErrors(check.error.details) : [];
  const jobErrors = job.data?.status === "failed" ? importRowErrors(job.data.error?.details) : [];

  /** A new file or default cell needs a new check; what was shown belonged to the old choice. */
  const resetResults = () => {
    check.reset();
    start.reset();
    setJobId(null);
  };

  const chooseKind = (value: string) => {
    resetResults();
    setFile(null);
    setUnitId(null);
    setParams(value === "people" ? {} : { kind: value }, { replace: true });
  };

  const runCheck = () => {
    if (!file) return;
    start.reset();
    setJobId(null);
    check.mutate({ kind, file, unitId });
  };
  const runImport = () => {
    if (!file) return;
    start.mutate({ kind, file, unitId }, { onSuccess: (result) => setJobId(result.jobId) });
  };

  const unitInList = unitId ? `?unitId=${encodeURIComponent(unitId)}` : "";
  const resultLink = practices
    ? `/practices?scope=mine${unitId ? `&unitId=${encodeURIComponent(unitId)}` : ""}`
    : units
      ? unitId
        ? `/units/${encodeURIComponent(unitId)}`
        : "/units"
      : `/people${unitInList}`;

  return (
    <Stack maw={960}>
      <BackLink
        to={practices ? "/practices" : units ? "/units" : "/people"}
        label={practices ? t("practices.title") : units ? t("nav.units") : t("people.title")}
      />
      <PageHeader
        title={
          practices ? t("practices.imports.title") : units ? t("imports.units.title") : t("imports.title")
        }
        description={
          practices
            ? t("practices.imports.description")
            : units
              ? t("imports.units.description")
              : t("imports.description")
        }
      />
      {kinds.length > 1 && (
        <SegmentedControl
          aria-label={t("imports.kindLabel")}
          value={kind}
          onChange={chooseKind}
          disabled={running}
          data={kinds.map((value) => ({
            value,
            label: value === "practices" ? t("practices.imports.kind") : t(`imports.kinds.${value}`),
          }))}
          maw={420}
        />
      )}

      <Alert color="blue" icon={<IconInfoCircle />} title={t("imports.allOrNothingTitle")}>
        {t("imports.allOrNothing")}
      </Alert>

      <Section id="import-template" title={t("imports.step1")} gap="xs">
        <List size="sm" spacing={4}>
          <List.Item>
            {practices
              ? t("practices.imports.templateHint1")
              : units
                ? t("imports.units.templateHint1")
                : t("imports.templateHint1")}
          </List.Item>
          <List.Item>{t("imports.templateHint2")}</List.Item>
          <List.Item>
            {practices
              ? t("practices.imports.templateHint3")
              : units
                ? t("imports.units.templateHint3")
                : t("imports.templateHint3")}
          </List.Item>
          {units && <List.Item>{t("imports.units.templateHint4")}</List.Item>}
          {practices && <List.Item>{t("practices.imports.templateHint4")}</List.Item>}
        </List>
        <Group>
          <Button
            variant="default"
            leftSection={<IconDownload size={18} />}
            loading={downloading}
            onClick={async () => {
              setDownloading(true);
              try {
                await downloadImportTemplate(kind);
              } catch (error) {
                notifyError(error instanceof Error ? error.message : t("errors.unknown"));
              } finally {
                setDownloading(false);
              }
            }}
          >
            {t("imports.template")}
          </Button>
        </Group>
      </Section>

      <Paper
        withBorder
        radius="md"
        p={{ base: "sm", sm: "md" }}
        component="section"
        aria-labelledby="import-file"
      >
        <Stack>
          <Title order={2} fz="h4" id="import-file">
            {t("imports.step2")}
          </Title>
          <UnitSelect
            label={
              practices
                ? t("practices.imports.defaultUnit")
                : units
                  ? t("imports.units.defaultUnit")
                  : t("imports.defaultUnit")
            }
            description={
              practices
                ? t("practices.imports.defaultUnitHint")
                : units
                  ? t("imports.units.defaultUnitHint")
                  : t("imports.defaultUnitHint")
            }
            placeholder={t("imports.noDefaultUnit")}
            clearable
            activeOnly
            value={unitId}
            initialUnit={
              initialUnitId && initialUnit.data
                ? { id: initialUnitId, name: initialUnit.data.unit.name }
                : null
            }
            onChange={(unit) => {
              resetResults();
              setUnitId(unit?.id ?? null);
            }}
          />
          <FileInput
            label={t("imports.file")}
            description={t("imports.fileHint")}
            placeholder={t("imports.filePlaceholder")}
            accept={ACCEPT}
            leftSection={<IconFileSpreadsheet size={18} />}
            value={file}
            onChange={(value) => {
              resetResults();
              setFile(value);
            }}
            clearable
            size="md"
            disabled={running}
          />
          <Group>
            <Button
              variant="default"
              onClick={runCheck}
              loading={check.isPending}
              disabled={!file || running}
              leftSection={<IconCircleCheck size={18} />}
            >
              {t("imports.check")}
            </Button>
            <Button
              onClick={runImport}
              loading={start.isPending}
              disabled={!file || checkedRows === null || running || job.data?.status === "succeeded"}
              leftSection={<IconUpload size={18} />}
            >
              {t("imports.import")}
            </Button>
          </Group>
          {file && checkedRows === null && !check.isError && (
            <Text size="sm" c="dimmed">
              {t("imports.checkFirst")}
            </Text>
          )}
        </Stack>
      </Paper>

      <section aria-label={t("imports.result")}>
        <Stack>
          {checkedRows !== null && !jobId && (
            <Alert
              color="teal"
              icon={<IconCircleCheck />}
              title={t("imports.valid", { rows: count(checkedRows) })}
            >
              {practices
                ? t("practices.imports.validNext")
                : units
                  ? t("imports.units.validNext")
                  : t("imports.validNext")}
            </Alert>
          )}
          {check.isError && (
            <Alert color="red" icon={<IconAlertCircle />} title={t("imports.invalidTitle")}>
              {check.error.message}
            </Alert>
          )}
          {checkErrors.length > 0 && <ImportErrorTable errors={checkErrors} />}
          {start.isError && (
            <Alert color="red" icon={<IconAlertCircle />} title={t("errors.title")}>
              {start.error.message}
            </Alert>
          )}
          {start.isError && isApiError(start.error, "IMPORT_INVALID") && (
            <ImportErrorTable errors={importRowErrors(start.error.details)} />
          )}
          {jobId && <JobProgress kind={kind} job={job.data} error={job.error} link={resultLink} />}
          {jobErrors.length > 0 && <ImportErrorTable errors={jobErrors} />}
        </Stack>
      </section>
    </Stack>
  );
}

function JobProgress({
  kind,
  job,
  error,
  link,
}: {
  kind: ImportKind;
  job: Job<{ imported: number }> | undefined;
  error: unknown;
  /** Where the imported rows can be seen. */
  link: string;
}) {
  const { t, i18n } = useTranslation();
  const percent = Math.round((job?.progress ?? 0) * 100);
  if (job?.status === "succeeded") {
    const imported = job.result?.imported ?? 0;
    const counted = { count: imported, formatted: formatNumber(imported, i18n.resolvedLanguage ?? "vi") };
    return (
      <Alert
        color="teal"
        icon={<IconCircleCheck />}
        title={
          kind === "practices"
            ? t("practices.imports.done", counted)
            : kind === "units"
              ? t("imports.units.done", counted)
              : t("imports.done", counted)
        }
      >
        <Stack gap="xs" align="flex-start">
          <Progress value={100} size="lg" color="teal" aria-label={t("imports.progress")} w="100%" />
          <Button component={Link} to={link} variant="light" color="teal">
            {kind === "practices"
              ? t("practices.imports.view")
              : kind === "units"
                ? t("imports.units.view")
                : t("imports.viewPeople")}
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (job?.status === "failed") {
    return (
      <Alert color="red" icon={<IconAlertCircle />} title={t("imports.failed")}>
        {job.error?.message}
      </Alert>
    );
  }
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {job?.status === "queued" || !job ? t("imports.queued") : t("imports.running")}
          </Text>
          <Text size="sm" c="dimmed" role="status">
            {percent}%
          </Text>
        </Group>
        <Progress value={percent} size="lg" striped animated aria-label={t("imports.progress")} />
        {error ? (
          <Text size="sm" c="red">
            {error instanceof Error ? error.message : t("errors.unknown")}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The rows to fix, as Excel numbers them, a page at a time (a bad file may have thousands). */
function ImportErrorTable({ errors }: { errors: readonly ImportRowError[] }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(errors.length / ERRORS_PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = errors.slice((current - 1) * ERRORS_PAGE_SIZE, current * ERRORS_PAGE_SIZE);
  const columns: Column<ImportRowError & { key: string }>[] = [
    {
      key: "row",
      header: t("imports.row"),
      nowrap: true,
      render: (error) => (error.row > 0 ? String(error.row) : t("imports.wholeFile")),
      hideInCard: true,
    },
    { key: "column", header: t("imports.column"), render: (error) => error.column, hideInCard: true },
    { key: "message", header: t("imports.message"), render: (error) => error.message },
  ];
  return (
    <Stack gap="sm">
      <Title order={2} fz="h4">
        {t("imports.errorsTitle", { count: errors.length })}
      </Title>
      <DataTable
        label={t("imports.errorsTitle", { count: errors.length })}
        rows={rows.map((error, index) => ({ ...error, key: `${(current - 1) * ERRORS_PAGE_SIZE + index}` }))}
        columns={columns}
        rowKey={(error) => error.key}
        cardTitle={(error) =>
          [error.row > 0 ? t("imports.rowNumber", { row: error.row }) : t("imports.wholeFile"), error.column]
            .filter(Boolean)
            .join(" · ")
        }
        minWidth={560}
      />
      <Pager page={current} pageSize={ERRORS_PAGE_SIZE} total={errors.length} onChange={setPage} />
    </Stack>
  );
}
