import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconArrowUp,
  IconCircleCheck,
  IconCut,
  IconFileCertificate,
  IconPencil,
  IconSearch,
  IconSend,
  IconTrendingUp,
} from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { BareList } from "../../components/BareList";
import { DetailList } from "../../components/DetailList";
import { PageLoader } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { QueryFailure } from "../../components/QueryFailure";
import { Prose, Section } from "../../components/Section";
import { formatDateTime } from "../../lib/format";
import {
  type ProposalDetail,
  type ProposalRecipient,
  type RecipientKind,
  type ReviewAction,
  useProposal,
  type Warning,
} from "./api";
import { KindBadge, ProposalStatusBadge, StepsTimeline, usePeriod } from "./bits";
import { ReviewModal, SubmitProposalModal } from "./ReviewModals";

const PAGE = 50;
const ACTION_ICONS = {
  approve: IconCircleCheck,
  forward: IconArrowUp,
  raise: IconTrendingUp,
  return: IconArrowBackUp,
  trim: IconCut,
} as const;

/** Một đề nghị khen thưởng: who proposes whom for what, the warnings, its way up the chain, and what the user's unit may do now. */
export function ProposalPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const proposal = useProposal(id);
  if (proposal.isPending) return <PageLoader />;
  if (proposal.isError) return <QueryFailure query={proposal} />;
  return (
    <Stack maw={1200}>
      <BackLink to="/commendations" label={t("commendations.backToList")} />
      <ProposalView proposal={proposal.data} />
    </Stack>
  );
}

function ProposalView({ proposal }: { proposal: ProposalDetail }) {
  const { t } = useTranslation();
  const period = usePeriod();
  const [dialog, setDialog] = useState<ReviewAction | "submit" | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const can = (action: "update" | "submit") => proposal.allowedActions.includes(action);
  const mayTrim = proposal.reviewActions.includes("trim");
  const trimmed = proposal.recipients.filter((r) => chosen.has(r.id) && r.status === "proposed");
  const warningsByRecipient = useMemo(() => {
    const map = new Map<string, Warning[]>();
    for (const w of proposal.warnings)
      if (w.recipientId) map.set(w.recipientId, [...(map.get(w.recipientId) ?? []), w]);
    return map;
  }, [proposal.warnings]);
  const general = proposal.warnings.filter((w) => !w.recipientId);

  const actions = (["approve", "forward", "raise", "return"] as const).filter((a) =>
    proposal.reviewActions.includes(a),
  );

  return (
    <>
      <PageHeader
        title={proposal.title}
        description={`${proposal.unit.name} · ${proposal.form.name} · ${period(proposal.periodStart, proposal.periodEnd)}`}
        actions={
          <>
            {can("update") && (
              <Button
                variant="default"
                component={Link}
                to={`/commendations/proposals/${proposal.id}/edit`}
                leftSection={<IconPencil size={18} />}
              >
                {t("commendations.proposal.edit")}
              </Button>
            )}
            {can("submit") && (
              <Button leftSection={<IconSend size={18} />} onClick={() => setDialog("submit")}>
                {t("commendations.proposal.submit")}
              </Button>
            )}
            {actions.map((action) => {
              const Icon = ACTION_ICONS[action];
              return (
                <Button
                  key={action}
                  variant={action === "approve" ? "filled" : "default"}
                  color={action === "approve" ? "teal" : action === "return" ? "orange" : undefined}
                  leftSection={<Icon size={18} />}
                  onClick={() => setDialog(action)}
                >
                  {t(`commendations.review.actions.${action}`)}
                </Button>
              );
            })}
          </>
        }
      />
      {proposal.waitingForMe && (
        <Alert color="blue" icon={<IconSend />} title={t("commendations.proposal.waitingForMeTitle")}>
          {t(
            proposal.issuer?.entitled
              ? "commendations.proposal.waitingEntitled"
              : "commendations.proposal.waitingNotEntitled",
            {
              form: proposal.form.name,
            },
          )}
        </Alert>
      )}
      {proposal.status === "returned" && (
        <Alert color="orange" icon={<IconArrowBackUp />}>
          {t("commendations.proposal.returnedNotice")}
        </Alert>
      )}
      {proposal.decision && (
        <Alert color="teal" icon={<IconFileCertificate />}>
          <Anchor component={Link} to={`/commendations/decisions/${proposal.decision.id}`}>
            {proposal.decision.symbol
              ? t("commendations.proposal.decisionIssued", { symbol: proposal.decision.symbol })
              : t("commendations.proposal.decisionDraft")}
          </Anchor>
        </Alert>
      )}
      {proposal.warnings.length > 0 && (
        <Alert
          color="yellow"
          icon={<IconAlertTriangle />}
          title={t("commendations.proposal.warningsTitle", { count: proposal.warnings.length })}
        >
          <Stack gap={4}>
            <Text size="sm">{t("commendations.proposal.warningsHint")}</Text>
            {general.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list
              <Text size="sm" key={i}>
                {w.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }}>
        <DetailList
          items={[
            { key: "unit", label: t("commendations.columns.proposer"), value: proposal.unit.name },
            { key: "form", label: t("commendations.columns.form"), value: proposal.form.name },
            {
              key: "period",
              label: t("commendations.fields.period"),
              value: period(proposal.periodStart, proposal.periodEnd),
            },
            {
              key: "status",
              label: t("commendations.columns.status"),
              value: <ProposalStatusBadge status={proposal.status} />,
            },
            {
              key: "where",
              label:
                proposal.status === "approved"
                  ? t("commendations.fields.approvedBy")
                  : t("commendations.fields.issuer"),
              value:
                proposal.status === "approved"
                  ? (proposal.approvedBy?.name ?? "")
                  : proposal.waitingAt
                    ? t("commendations.fields.waitingAt", {
                        unit: proposal.waitingAt.name,
                        since: formatDateTime(proposal.waitingSince),
                      })
                    : (proposal.issuer?.name ?? t("commendations.fields.noIssuer")),
            },
            {
              key: "counts",
              label: t("commendations.columns.recipients"),
              value: `${t("commendations.counts", { collectives: proposal.collectiveCount, individuals: proposal.individualCount })}${
                proposal.trimmedCount
                  ? ` · ${t("commendations.trimmedCount", { count: proposal.trimmedCount })}`
                  : ""
              }`,
            },
          ]}
        />
      </Paper>
      {proposal.reason && (
        <Section id="proposal-reason" title={t("commendations.form.reason")}>
          <Prose text={proposal.reason} />
        </Section>
      )}
      <Section
        id="proposal-recipients"
        title={t("commendations.form.recipients")}
        actions={
          mayTrim && (
            <Group gap="sm">
              <Text size="sm" c="dimmed">
                {t("commendations.proposal.trimHint")}
              </Text>
              <Button
                size="xs"
                color="orange"
                variant="light"
                leftSection={<IconCut size={16} />}
                disabled={trimmed.length === 0}
                onClick={() => setDialog("trim")}
              >
                {t("commendations.review.trimChosen", { count: trimmed.length })}
              </Button>
            </Group>
          )
        }
      >
        <RecipientTable
          recipients={proposal.recipients}
          selectable={mayTrim}
          chosen={chosen}
          onChoose={setChosen}
          warnings={warningsByRecipient}
        />
      </Section>
      <Section id="proposal-steps" title={t("commendations.steps.title")}>
        <StepsTimeline steps={proposal.steps} />
      </Section>

      <SubmitProposalModal proposal={proposal} opened={dialog === "submit"} onClose={() => setDialog(null)} />
      <ReviewModal
        proposal={proposal}
        action={dialog === "submit" ? null : dialog}
        trimmed={trimmed}
        onClose={() => setDialog(null)}
        onDone={(action) => {
          if (action === "trim") setChosen(new Set());
        }}
      />
    </>
  );
}

function RecipientTable({
  recipients,
  selectable,
  chosen,
  onChoose,
  warnings,
}: {
  recipients: ProposalRecipient[];
  selectable: boolean;
  chosen: Set<string>;
  onChoose: (next: Set<string>) => void;
  warnings: Map<string, Warning[]>;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const [filter, setFilter] = useState("");
  const [kind, setKind] = useState<"all" | RecipientKind | "trimmed">("all");
  const [page, setPage] = useState(1);
  const needle = filter.trim().toLowerCase();
  const shown = recipients.filter(
    (r) =>
      (kind === "all" || (kind === "trimmed" ? r.status === "trimmed" : r.kind === kind)) &&
      (!needle || r.name.toLowerCase().includes(needle) || r.unitLabel.toLowerCase().includes(needle)),
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages);
  const rows = shown.slice((current - 1) * PAGE, current * PAGE);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChoose(next);
  };
  const hasTrimmed = recipients.some((r) => r.status === "trimmed");

  const select = (r: ProposalRecipient) =>
    selectable && r.status === "proposed" ? (
      <Checkbox
        aria-label={t("commendations.proposal.choose", { name: r.name })}
        checked={chosen.has(r.id)}
        onChange={(event) => toggle(r.id, event.currentTarget.checked)}
      />
    ) : null;
  const who = (r: ProposalRecipient) => (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Group gap={6} wrap="wrap">
        <Text
          size="sm"
          fw={600}
          td={r.status === "trimmed" ? "line-through" : undefined}
          c={r.status === "trimmed" ? "dimmed" : undefined}
          style={{ overflowWrap: "anywhere" }}
        >
          {r.name}
        </Text>
        <KindBadge kind={r.kind} />
        {r.status === "trimmed" && (
          <Badge size="sm" color="orange" variant="light">
            {t("commendations.recipientStatuses.trimmed")}
          </Badge>
        )}
      </Group>
      {r.unitLabel && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {r.unitLabel}
        </Text>
      )}
      {r.status === "trimmed" && r.trimReason && (
        <Text size="xs" c="orange">
          {t("commendations.proposal.trimmedBy", {
            reason: r.trimReason,
            unit: r.trimmedUnit?.name ?? "",
          })}
        </Text>
      )}
      {(warnings.get(r.id) ?? []).map((w, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list
        <Text size="xs" c="yellow" key={i}>
          <IconAlertTriangle size={12} aria-hidden /> {w.message}
        </Text>
      ))}
    </Stack>
  );
  const why = (r: ProposalRecipient) => (
    <Stack gap={2}>
      <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
        {r.achievement}
      </Text>
      {r.links.map((l) => (
        <Anchor
          key={`${l.type}-${l.id}`}
          size="xs"
          component={Link}
          to={
            l.type === "practice"
              ? `/practices/${l.id}`
              : l.type === "exemplar"
                ? `/exemplars/${l.id}`
                : `/commitments/${l.id}`
          }
        >
          {t(`commendations.linkTypes.${l.type}`)}: {l.title}
        </Anchor>
      ))}
    </Stack>
  );

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
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
        <SegmentedControl
          aria-label={t("commendations.editor.kindFilter")}
          value={kind}
          onChange={(value) => {
            setKind(value as typeof kind);
            setPage(1);
          }}
          data={[
            { value: "all", label: t("commendations.editor.all") },
            { value: "collective", label: t("commendations.kinds.collective") },
            { value: "individual", label: t("commendations.kinds.individual") },
            ...(hasTrimmed
              ? [{ value: "trimmed", label: t("commendations.recipientStatuses.trimmed") }]
              : []),
          ]}
        />
      </Group>
      {shown.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("common.noMatches")}
        </Text>
      ) : narrow ? (
        <BareList ordered gap="xs" aria-label={t("commendations.proposal.recipientsLabel")}>
          {rows.map((r) => (
            <Paper component="li" key={r.id} withBorder radius="md" p="xs">
              <Group wrap="nowrap" align="flex-start" gap="xs">
                {select(r)}
                <Stack gap={4} style={{ minWidth: 0 }}>
                  {who(r)}
                  {why(r)}
                </Stack>
              </Group>
            </Paper>
          ))}
        </BareList>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs" aria-label={t("commendations.proposal.recipientsLabel")}>
            <Table.Thead>
              <Table.Tr>
                {selectable && (
                  <Table.Th scope="col" w={40}>
                    <VisuallyHidden>{t("commendations.proposal.chooseColumn")}</VisuallyHidden>
                  </Table.Th>
                )}
                <Table.Th scope="col" w={48}>
                  {t("commendations.columns.position")}
                </Table.Th>
                <Table.Th scope="col">{t("commendations.columns.recipient")}</Table.Th>
                <Table.Th scope="col">{t("commendations.columns.achievement")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  {selectable && <Table.Td>{select(r)}</Table.Td>}
                  <Table.Td>{r.position}</Table.Td>
                  <Table.Td>{who(r)}</Table.Td>
                  <Table.Td>{why(r)}</Table.Td>
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
