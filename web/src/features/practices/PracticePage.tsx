import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import {
  IconAlertCircle,
  IconAward,
  IconClockHour4,
  IconCopy,
  IconPaperclip,
  IconPencil,
  IconSend,
  IconShare,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { BareList } from "../../components/BareList";
import { DetailList } from "../../components/DetailList";
import { ErrorAlert, PageLoader } from "../../components/ListStates";
import { NotFoundPage } from "../../components/NotFoundPage";
import { notifyError, notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { ReviewModal, SubmitModal } from "../../components/recognition/ReviewModal";
import { isApiError } from "../../lib/api";
import { formatDate, formatDateTime } from "../../lib/format";
import { useKindNames } from "../units/api";
import { AdoptionsSection, AdoptModal } from "./Adoptions";
import {
  type PracticeDetail,
  useFieldNames,
  usePractice,
  usePublishPractice,
  useReviewPractice,
  useSubmitPractice,
} from "./api";
import { formatSize } from "./EvidenceFiles";
import { Gallery } from "./Gallery";
import { PracticeStatusBadge, PublicBadge } from "./PracticeStatusBadge";
import { ReviewTimeline } from "./ReviewTimeline";
import { SpreadSection } from "./Spread";
import { shareLink } from "./share";

type Dialog = "submit" | "review" | "adopt" | null;
const multiline = { whiteSpace: "pre-wrap", overflowWrap: "anywhere" } as const;

/** Một mô hình: its state, text, evidence, review history, actions, adoptions and spread. */
export function PracticePage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const query = usePractice(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    if (isApiError(query.error, "NOT_FOUND") || isApiError(query.error, "VALIDATION_FAILED"))
      return <NotFoundPage />;
    return (
      <Stack>
        <PageHeader title={t("practices.title")} />
        <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      </Stack>
    );
  }
  return <PracticeView practice={query.data.practice} />;
}

/** Where the model stands now, in a sentence with its icon. */
function Standing({ practice }: { practice: PracticeDetail }) {
  const { t } = useTranslation();
  const kindName = useKindNames();
  if (practice.status === "submitted" && practice.waitingAt)
    return (
      <Alert
        color="blue"
        icon={<IconClockHour4 />}
        title={
          practice.waitingForMe
            ? t("practices.standing.waitingForYouTitle")
            : t("practices.standing.waitingTitle")
        }
        data-testid="practice-standing"
      >
        {t("practices.waitingAt", {
          unit: practice.waitingAt.name,
          since: formatDateTime(practice.waitingSince),
        })}
      </Alert>
    );
  if (practice.status === "recognised" && practice.recognisedBy)
    return (
      <Alert
        color="teal"
        icon={<IconAward />}
        title={t("practices.standing.recognisedTitle")}
        data-testid="practice-standing"
      >
        {t("practices.standing.recognised", {
          unit: practice.recognisedBy.name,
          level: kindName(practice.recognisedBy.kindCode) || (practice.recognisedBy.kindName ?? ""),
          date: formatDate(practice.recognisedOn),
        })}
      </Alert>
    );
  if (practice.status === "returned") {
    const last = [...practice.steps].reverse().find((step) => step.action === "return");
    return (
      <Alert
        color="orange"
        icon={<IconAlertCircle />}
        title={t("practices.standing.returnedTitle")}
        data-testid="practice-standing"
      >
        <Stack gap={4}>
          {last && (
            <Text size="sm">
              {t("practices.standing.returnedBy", {
                unit: last.from?.name ?? "",
                date: formatDateTime(last.at),
              })}
            </Text>
          )}
          {last?.comment && (
            <Text size="sm" style={multiline}>
              “{last.comment}”
            </Text>
          )}
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert
      color="gray"
      icon={<IconPencil />}
      title={t("practices.standing.draftTitle")}
      data-testid="practice-standing"
    >
      {t("practices.standing.draft")}
    </Alert>
  );
}

function PracticeView({ practice }: { practice: PracticeDetail }) {
  const { t, i18n } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const publish = usePublishPractice();
  const fieldName = useFieldNames();
  const kindName = useKindNames();
  const allowed = new Set(practice.allowedActions);
  const mayReview = allowed.has("review") && practice.waitingForMe;
  const images = practice.files.filter((file) => file.kind === "image");
  const others = practice.files.filter((file) => file.kind !== "image");
  const publicUrl = `${window.location.origin}/cong-khai/mo-hinh/${practice.id}`;

  const details = [
    { key: "kind", label: t("practices.kind"), value: t(`practices.kinds.${practice.kind}`) },
    { key: "unit", label: t("practices.unit"), value: practice.unit.name },
    ...(practice.person
      ? [{ key: "person", label: t("practices.person"), value: practice.person.fullName }]
      : []),
    { key: "field", label: t("practices.field"), value: fieldName(practice.field) },
    { key: "registeredOn", label: t("practices.registeredOn"), value: formatDate(practice.registeredOn) },
    { key: "startedOn", label: t("practices.startedOn"), value: formatDate(practice.startedOn) },
    ...(practice.recognisedBy
      ? [
          {
            key: "recognisedBy",
            label: t("practices.recognisedBy"),
            value: [
              practice.recognisedBy.name,
              kindName(practice.recognisedBy.kindCode) || practice.recognisedBy.kindName,
            ]
              .filter(Boolean)
              .join(" · "),
          },
          {
            key: "recognisedOn",
            label: t("practices.recognisedOn"),
            value: formatDate(practice.recognisedOn),
          },
        ]
      : []),
    { key: "adoptions", label: t("practices.adoptionsShort"), value: String(practice.adoptionCount) },
  ];

  const text = (key: "summary" | "description" | "results") =>
    practice[key] ? (
      <Stack gap={4} component="section" aria-labelledby={`practice-${key}`}>
        <Title order={2} fz="h4" id={`practice-${key}`}>
          {t(`practices.${key}`)}
        </Title>
        <Text style={multiline}>{practice[key]}</Text>
      </Stack>
    ) : null;

  return (
    <Stack maw={1100}>
      <BackLink to="/practices" label={t("practices.title")} />
      <PageHeader
        title={practice.title}
        description={
          practice.person ? `${practice.person.fullName} · ${practice.unit.name}` : practice.unit.name
        }
        actions={
          <>
            {allowed.has("update") && (
              <Button
                variant="default"
                component={Link}
                to={`/practices/${practice.id}/edit`}
                leftSection={<IconPencil size={18} />}
              >
                {t("practices.edit")}
              </Button>
            )}
            {allowed.has("submit") && (
              <Button leftSection={<IconSend size={18} />} onClick={() => setDialog("submit")}>
                {t("practices.submit.action")}
              </Button>
            )}
            {mayReview && (
              <Button leftSection={<IconAward size={18} />} onClick={() => setDialog("review")}>
                {t("practices.review.action")}
              </Button>
            )}
            {practice.mayAdopt && (
              <Button variant="light" onClick={() => setDialog("adopt")}>
                {t("practices.adopt.action")}
              </Button>
            )}
          </>
        }
      />
      <Group gap="xs" wrap="wrap">
        <PracticeStatusBadge status={practice.status} />
        {practice.isPublic && <PublicBadge />}
        <Badge variant="outline" color="gray" miw="max-content">
          {fieldName(practice.field)}
        </Badge>
        {practice.adoptedByMyUnit && (
          <Badge variant="light" color="indigo" miw="max-content">
            {t("practices.adoptedByMyUnit")}
          </Badge>
        )}
      </Group>

      <Standing practice={practice} />

      {(allowed.has("publish") || practice.isPublic) && practice.status === "recognised" && (
        <Paper withBorder radius="md" p="sm">
          <Stack gap="xs">
            {allowed.has("publish") ? (
              <Switch
                label={t("practices.publication.label")}
                description={t("practices.publication.hint")}
                checked={practice.isPublic}
                disabled={publish.isPending}
                onChange={(event) => {
                  const isPublic = event.currentTarget.checked;
                  publish.mutate(
                    { id: practice.id, isPublic },
                    {
                      onSuccess: () =>
                        notifySuccess(
                          isPublic ? t("practices.publication.shown") : t("practices.publication.hidden"),
                        ),
                      onError: (error) => notifyError(error.message),
                    },
                  );
                }}
              />
            ) : null}
            {practice.isPublic && (
              <Group gap="xs" wrap="wrap">
                <Anchor href={publicUrl} target="_blank" rel="noopener" size="sm">
                  {t("practices.publication.open")}
                </Anchor>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={
                    typeof navigator.share === "function" ? <IconShare size={14} /> : <IconCopy size={14} />
                  }
                  onClick={() =>
                    void shareLink(
                      practice.title,
                      publicUrl,
                      t("practices.share.copied"),
                      t("practices.share.failed"),
                    )
                  }
                >
                  {t("practices.share.action")}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      )}

      <Paper
        withBorder
        radius="md"
        p={{ base: "sm", sm: "md" }}
        component="section"
        aria-label={t("practices.details")}
      >
        <DetailList items={details} />
      </Paper>

      {text("summary")}
      {text("description")}
      {text("results")}

      <Stack component="section" aria-labelledby="practice-evidence" gap="sm">
        <Title order={2} fz="h4" id="practice-evidence">
          {t("practices.files.title")}
        </Title>
        {practice.files.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("practices.files.none")}
          </Text>
        )}
        {images.length > 0 && (
          <Gallery
            title={t("practices.gallery.title")}
            images={images.map((file, index) => ({
              key: file.id,
              thumbUrl: file.thumbUrl ?? file.url,
              displayUrl: file.displayUrl ?? file.url,
              alt: t("practices.files.photoAlt", { number: index + 1, name: practice.title }),
              caption: file.fileName,
            }))}
          />
        )}
        {others.length > 0 && (
          <BareList gap={6} aria-label={t("practices.files.documents")}>
            {others.map((file) => (
              <Group component="li" key={file.id} gap="xs" wrap="nowrap">
                <IconPaperclip size={16} aria-hidden style={{ flexShrink: 0 }} />
                <Anchor
                  href={file.url}
                  download={file.fileName}
                  size="sm"
                  style={{ overflowWrap: "anywhere" }}
                >
                  {file.fileName}
                </Anchor>
                <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                  {formatSize(file.size, i18n.resolvedLanguage ?? "vi")}
                </Text>
              </Group>
            ))}
          </BareList>
        )}
      </Stack>

      {practice.exemplars.length > 0 && (
        <Stack component="section" aria-labelledby="practice-exemplars" gap="xs">
          <Title order={2} fz="h4" id="practice-exemplars">
            {t("practices.exemplars")}
          </Title>
          <Stack component="ul" gap={4} pl="md" m={0}>
            {practice.exemplars.map((exemplar) => (
              <li key={exemplar.id}>
                <Anchor component={Link} to={`/exemplars/${exemplar.id}`}>
                  {exemplar.title}
                </Anchor>
              </li>
            ))}
          </Stack>
        </Stack>
      )}

      <Stack component="section" aria-labelledby="practice-history" gap="sm">
        <Title order={2} fz="h4" id="practice-history">
          {t("practices.history.title")}
        </Title>
        <ReviewTimeline steps={practice.steps} />
      </Stack>

      {practice.status === "recognised" && (
        <>
          <AdoptionsSection practiceId={practice.id} total={practice.adoptionCount} />
          <SpreadSection practiceId={practice.id} />
        </>
      )}

      <SubmitModal
        area="practices"
        item={practice}
        useSubmit={useSubmitPractice}
        sentOf={(data) => data.practice}
        opened={dialog === "submit"}
        onClose={() => setDialog(null)}
      />
      <ReviewModal
        area="practices"
        item={practice}
        useReview={useReviewPractice}
        opened={dialog === "review"}
        onClose={() => setDialog(null)}
      />
      <AdoptModal practice={practice} opened={dialog === "adopt"} onClose={() => setDialog(null)} />
    </Stack>
  );
}
