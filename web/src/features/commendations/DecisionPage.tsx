import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import {
  IconAlertCircle,
  IconDeviceFloppy,
  IconFileSpreadsheet,
  IconFileWord,
  IconInfoCircle,
  IconPencil,
  IconSearch,
  IconSend,
  IconTrash,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { BareList } from "../../components/BareList";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DetailList } from "../../components/DetailList";
import { PageLoader } from "../../components/ListStates";
import { notifyError, notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { QueryFailure } from "../../components/QueryFailure";
import { Prose, Section } from "../../components/Section";
import { isApiError } from "../../lib/api";
import { formatDate } from "../../lib/format";
import {
  type DecisionDetail,
  exportDecisionRecipients,
  LIMITS,
  useDecision,
  useDiscardDecision,
  useUpdateDecision,
} from "./api";
import { DecisionStatusBadge, KindBadge, StepsTimeline, usePeriod } from "./bits";
import { CertificatesPanel } from "./CertificatesPanel";
import { CorrectionModal, IssueModal } from "./DecisionDialogs";
import { DraftRecipients } from "./DraftRecipients";

/** Một quyết định khen thưởng: a draft is edited and issued; an issued one is read-only, corrected by a new decision. */
export function DecisionPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const decision = useDecision(id);
  if (decision.isPending) return <PageLoader />;
  if (decision.isError) return <QueryFailure query={decision} />;
  return (
    <Stack maw={1200}>
      <BackLink to="/commendations/decisions" label={t("commendations.backToDecisions")} />
      <DecisionView key={decision.data.id} decision={decision.data} />
    </Stack>
  );
}

type Dialog = "issue" | "discard" | "correct" | null;

function DecisionView({ decision: d }: { decision: DecisionDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const period = usePeriod();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [exporting, setExporting] = useState(false);
  const discard = useDiscardDecision(d.id);
  const can = (action: DecisionDetail["allowedActions"][number]) => d.allowedActions.includes(action);
  const draft = d.status === "draft";
  const title = d.symbol
    ? t("commendations.decision.numbered", { symbol: d.symbol })
    : d.corrects
      ? t("commendations.decision.correctionDraftTitle")
      : t("commendations.decision.draftTitle");

  return (
    <>
      <PageHeader
        title={title}
        description={d.summary}
        actions={
          <>
            <Button
              component="a"
              href={d.documentUrl}
              download
              variant="default"
              leftSection={<IconFileWord size={18} />}
            >
              {draft ? t("commendations.decision.downloadDraft") : t("commendations.decision.download")}
            </Button>
            <Button
              variant="default"
              leftSection={<IconFileSpreadsheet size={18} />}
              loading={exporting}
              onClick={async () => {
                setExporting(true);
                try {
                  await exportDecisionRecipients(d.id);
                } catch (error) {
                  notifyError(error instanceof Error ? error.message : t("errors.unknown"));
                } finally {
                  setExporting(false);
                }
              }}
            >
              {t("commendations.decision.exportList")}
            </Button>
            {can("update") && (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={18} />}
                onClick={() => setDialog("discard")}
              >
                {t("commendations.decision.discard.action")}
              </Button>
            )}
            {can("issue") && (
              <Button leftSection={<IconSend size={18} />} onClick={() => setDialog("issue")}>
                {t("commendations.decision.issue.action")}
              </Button>
            )}
            {can("correct") && (
              <Button
                variant="default"
                leftSection={<IconPencil size={18} />}
                onClick={() => setDialog("correct")}
              >
                {t("commendations.decision.correct.action")}
              </Button>
            )}
          </>
        }
      />
      {draft && (
        <Alert color="gray" icon={<IconInfoCircle />}>
          {t(can("update") ? "commendations.decision.draftNotice" : "commendations.decision.draftReadOnly")}
        </Alert>
      )}
      {d.status === "issued" && (
        <Alert color="teal" icon={<IconInfoCircle />}>
          {t("commendations.decision.issuedNotice")}
        </Alert>
      )}
      {d.correctedBy && (
        <Alert color="grape" icon={<IconInfoCircle />}>
          <Anchor component={Link} to={`/commendations/decisions/${d.correctedBy.id}`}>
            {d.correctedBy.symbol
              ? t("commendations.decision.correctedBy", { symbol: d.correctedBy.symbol })
              : t("commendations.decision.correctionInProgress")}
          </Anchor>
        </Alert>
      )}
      {d.corrects && (
        <Alert
          color="grape"
          icon={<IconInfoCircle />}
          title={t("commendations.decision.correctsTitle", { symbol: d.corrects.symbol ?? "" })}
        >
          <Stack gap={4}>
            {d.correctionReason && <Prose text={d.correctionReason} />}
            <Anchor component={Link} to={`/commendations/decisions/${d.corrects.id}`} size="sm">
              {t("commendations.decision.openCorrected")}
            </Anchor>
          </Stack>
        </Alert>
      )}
      <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }}>
        <DetailList
          items={[
            {
              key: "number",
              label: t("commendations.fields.number"),
              value:
                d.symbol ??
                (d.numberPreview
                  ? t("commendations.decision.numberPreview", { symbol: d.numberPreview })
                  : ""),
            },
            {
              key: "issuedOn",
              label: t("commendations.fields.issuedOn"),
              value: d.issuedOn ? `${d.place ? `${d.place}, ` : ""}${formatDate(d.issuedOn)}` : "",
            },
            {
              key: "status",
              label: t("commendations.columns.status"),
              value: <DecisionStatusBadge status={d.status} />,
            },
            { key: "unit", label: t("commendations.columns.issuer"), value: d.unit.name },
            { key: "form", label: t("commendations.columns.form"), value: d.form.name },
            {
              key: "period",
              label: t("commendations.fields.period"),
              value: period(d.periodStart, d.periodEnd),
            },
            {
              key: "counts",
              label: t("commendations.columns.recipients"),
              value: t("commendations.counts", {
                collectives: d.collectiveCount,
                individuals: d.individualCount,
              }),
            },
            {
              key: "signer",
              label: t("commendations.fields.signer"),
              value: [d.signer.title, d.signer.name].filter(Boolean).join(" "),
            },
            {
              key: "proposal",
              label: t("commendations.fields.proposal"),
              value: d.proposalId ? (
                <Anchor component={Link} to={`/commendations/proposals/${d.proposalId}`}>
                  {t("commendations.decision.openProposal")}
                </Anchor>
              ) : (
                ""
              ),
            },
          ]}
        />
      </Paper>
      {can("update") ? (
        <DraftEditor decision={d} />
      ) : (
        <>
          <Section id="decision-preamble" title={t("commendations.fields.preamble")}>
            <Prose text={d.preamble} />
          </Section>
          <Section id="decision-reason" title={t("commendations.fields.reason")}>
            <Prose text={d.reason} />
          </Section>
        </>
      )}
      {!draft && (can("certificates") || d.certificates.length > 0) && <CertificatesPanel decision={d} />}
      <Section id="decision-recipients" title={t("commendations.decision.recipients")}>
        {can("update") ? <DraftRecipients decision={d} /> : <DecisionRecipients decision={d} />}
      </Section>
      <Section id="decision-steps" title={t("commendations.steps.title")}>
        <StepsTimeline steps={d.steps} />
      </Section>

      {/* Kept mounted whatever the actions now allowed: a mutation's own callbacks run only while it is. */}
      <IssueModal decision={d} opened={dialog === "issue"} onClose={() => setDialog(null)} />
      <CorrectionModal
        decision={d}
        opened={dialog === "correct"}
        onClose={() => setDialog(null)}
        onCreated={(created) => navigate(`/commendations/decisions/${created.id}`)}
      />
      <ConfirmModal
        opened={dialog === "discard"}
        onClose={() => {
          setDialog(null);
          discard.reset();
        }}
        title={t("commendations.decision.discard.title")}
        message={t(
          d.proposalId
            ? "commendations.decision.discard.messageProposal"
            : "commendations.decision.discard.message",
        )}
        confirmLabel={t("commendations.decision.discard.confirm")}
        dismissLabel={t("common.back")}
        loading={discard.isPending}
        error={discard.error}
        onConfirm={() =>
          discard.mutate(undefined, {
            onSuccess: () => {
              notifySuccess(t("commendations.decision.discard.done"));
              navigate(
                d.proposalId ? `/commendations/proposals/${d.proposalId}` : "/commendations/decisions",
              );
            },
          })
        }
      />
    </>
  );
}

/** A draft's text and signer, saved with the version read. */
function DraftEditor({ decision: d }: { decision: DecisionDetail }) {
  const { t } = useTranslation();
  const update = useUpdateDecision(d.id);
  const [values, setValues] = useState({
    summary: d.summary,
    preamble: d.preamble,
    reason: d.reason,
    recipientsText: d.recipientsText,
    place: d.place ?? "",
    authority: d.signer.authority,
    title: d.signer.title,
    name: d.signer.name,
  });
  const set = (key: keyof typeof values) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };
  const conflict = isApiError(update.error, "VERSION_CONFLICT");
  return (
    <Section id="decision-edit" title={t("commendations.decision.editTitle")}>
      <form
        noValidate
        aria-labelledby="decision-edit"
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate(
            {
              version: d.version,
              summary: values.summary.trim(),
              preamble: values.preamble.trim(),
              reason: values.reason.trim(),
              recipientsText: values.recipientsText.trim(),
              place: values.place.trim() || null,
              signer: {
                authority: values.authority.trim(),
                title: values.title.trim(),
                name: values.name.trim(),
              },
            },
            { onSuccess: () => notifySuccess(t("commendations.decision.saved")) },
          );
        }}
      >
        <Stack>
          {update.isError && (
            <Alert color={conflict ? "orange" : "red"} icon={<IconAlertCircle />} role="alert">
              {conflict ? t("commendations.decision.conflict") : update.error.message}
            </Alert>
          )}
          <Textarea
            label={t("commendations.fields.summary")}
            value={values.summary}
            onChange={set("summary")}
            autosize
            minRows={2}
            maxLength={LIMITS.summary}
          />
          <Textarea
            label={t("commendations.fields.preamble")}
            value={values.preamble}
            onChange={set("preamble")}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={LIMITS.preamble}
          />
          <Textarea
            label={t("commendations.fields.reason")}
            description={t("commendations.decision.reasonHint")}
            value={values.reason}
            onChange={set("reason")}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={LIMITS.reason}
          />
          <Textarea
            label={t("commendations.fields.recipientsText")}
            value={values.recipientsText}
            onChange={set("recipientsText")}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={LIMITS.recipientsText}
          />
          <TextInput
            label={t("commendations.fields.place")}
            description={t("commendations.decision.placeHint")}
            value={values.place}
            onChange={set("place")}
            maxLength={LIMITS.place}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Textarea
              label={t("commendations.fields.signerAuthority")}
              value={values.authority}
              onChange={set("authority")}
              autosize
              minRows={1}
              maxLength={LIMITS.signer}
            />
            <TextInput
              label={t("commendations.fields.signerTitle")}
              value={values.title}
              onChange={set("title")}
              maxLength={LIMITS.signer}
            />
            <TextInput
              label={t("commendations.fields.signerName")}
              value={values.name}
              onChange={set("name")}
              maxLength={LIMITS.signer}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} leftSection={<IconDeviceFloppy size={18} />}>
              {t("commendations.decision.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

const PAGE = 50;

function DecisionRecipients({ decision: d }: { decision: DecisionDetail }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const [filter, setFilter] = useState("");
  const [page, setPage] = useState(1);
  const needle = filter.trim().toLowerCase();
  const shown = d.recipients.filter(
    (r) => !needle || r.name.toLowerCase().includes(needle) || r.unitLabel.toLowerCase().includes(needle),
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages);
  const rows = shown.slice((current - 1) * PAGE, current * PAGE);
  const certificate = (r: DecisionDetail["recipients"][number]) =>
    r.certificateUrl ? (
      <Anchor
        href={r.certificateUrl}
        download
        size="sm"
        aria-label={t("commendations.decision.certificateOf", { name: r.name, form: d.form.name })}
      >
        {d.form.name} (PDF)
      </Anchor>
    ) : null;
  return (
    <Stack gap="sm">
      <TextInput
        label={t("commendations.editor.filter")}
        leftSection={<IconSearch size={16} />}
        value={filter}
        onChange={(event) => {
          setFilter(event.currentTarget.value);
          setPage(1);
        }}
        w={{ base: "100%", xs: 260 }}
      />
      {narrow ? (
        <BareList ordered gap="xs" aria-label={t("commendations.decision.recipients")}>
          {rows.map((r) => (
            <Paper component="li" key={r.id} withBorder radius="md" p="xs">
              <Stack gap={2}>
                <Group gap={6}>
                  <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                    {r.position}. {r.name}
                  </Text>
                  <KindBadge kind={r.kind} />
                </Group>
                {r.unitLabel && (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {r.unitLabel}
                  </Text>
                )}
                {r.achievement && (
                  <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                    {r.achievement}
                  </Text>
                )}
                {certificate(r)}
              </Stack>
            </Paper>
          ))}
        </BareList>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs" aria-label={t("commendations.decision.recipients")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={48}>
                  {t("commendations.columns.position")}
                </Table.Th>
                <Table.Th scope="col">{t("commendations.columns.recipient")}</Table.Th>
                <Table.Th scope="col">{t("commendations.columns.achievement")}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t("commendations.decision.certificate")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.position}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Group gap={6}>
                        <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                          {r.name}
                        </Text>
                        <KindBadge kind={r.kind} />
                      </Group>
                      {r.unitLabel && (
                        <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                          {r.unitLabel}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                      {r.achievement}
                    </Text>
                  </Table.Td>
                  <Table.Td>{certificate(r)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {shown.length > PAGE && (
        <Pager page={current} pageSize={PAGE} total={shown.length} onChange={setPage} />
      )}
    </Stack>
  );
}
