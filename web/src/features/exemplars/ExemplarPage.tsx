import {
  Alert,
  Anchor,
  Box,
  Button,
  Flex,
  Group,
  Image,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
} from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import {
  IconArrowBackUp,
  IconEdit,
  IconExternalLink,
  IconGavel,
  IconLink,
  IconSend,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { BareList } from "../../components/BareList";
import { DetailList } from "../../components/DetailList";
import { PageLoader } from "../../components/ListStates";
import { notifySuccess } from "../../components/notify";
import { QueryFailure } from "../../components/QueryFailure";
import { ReviewModal, SubmitModal } from "../../components/recognition/ReviewModal";
import { Section } from "../../components/Section";
import { formatDate } from "../../lib/format";
import { PracticeStatusBadge, PublicBadge } from "../practices/PracticeStatusBadge";
import { ReviewTimeline } from "../practices/ReviewTimeline";
import {
  type ExemplarDetail,
  useExemplar,
  usePublishExemplar,
  useReviewExemplar,
  useSubmitExemplar,
} from "./api";
import { ExemplarKindBadge, ExemplarThumb, standingNote } from "./ExemplarBits";
import { LinkPracticesModal } from "./LinkPracticesModal";
import { PhotoUpload } from "./PhotoUpload";

/** Text written with line breaks, kept as written. */
function Prose({ text, empty }: { text: string; empty: string }) {
  return text ? (
    <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{text}</Text>
  ) : (
    <Text c="dimmed">{empty}</Text>
  );
}

/** Hồ sơ điển hình: the photo, story and achievements, linked models, review history, and what the caller may do. */
export function ExemplarPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const query = useExemplar(id);
  useDocumentTitle(`${query.data?.exemplar.title ?? t("exemplars.title")} · ${t("app.name")}`);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryFailure query={query} />;
  return <ExemplarView exemplar={query.data.exemplar} />;
}

function ExemplarView({ exemplar }: { exemplar: ExemplarDetail }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<"submit" | "review" | "practices" | null>(null);
  const publish = usePublishExemplar();
  const can = (action: ExemplarDetail["allowedActions"][number]) => exemplar.allowedActions.includes(action);
  const mayReview = can("review") && exemplar.waitingForMe;
  const note = standingNote(t, exemplar);
  const lastReturn =
    exemplar.status === "returned" ? exemplar.steps.findLast((s) => s.action === "return") : undefined;

  const subject =
    exemplar.kind === "collective"
      ? exemplar.subjectUnit?.name
      : exemplar.person
        ? `${exemplar.person.fullName} — ${exemplar.person.unitName}`
        : [exemplar.personName, exemplar.personUnitName].filter(Boolean).join(" — ");

  return (
    <Stack maw={1100}>
      <BackLink to="/exemplars" label={t("exemplars.title")} />

      <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }}>
        <Flex
          direction={{ base: "column", sm: "row" }}
          gap="md"
          align={{ base: "stretch", sm: "flex-start" }}
        >
          <Box style={{ flexShrink: 0 }}>
            {exemplar.photo ? (
              <Anchor
                href={exemplar.photo.displayUrl}
                target="_blank"
                rel="noopener"
                aria-label={t("exemplars.photo.open")}
              >
                <Image
                  src={exemplar.photo.displayUrl}
                  alt={t("exemplars.photo.alt", { name: exemplar.title })}
                  w={{ base: "100%", sm: 220 }}
                  h={{ base: 240, sm: 220 }}
                  radius="md"
                  fit="cover"
                />
              </Anchor>
            ) : (
              <Box visibleFrom="sm">
                <ExemplarThumb exemplar={exemplar} size={120} />
              </Box>
            )}
          </Box>
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Stack gap="xs">
              <Group gap={6} wrap="wrap">
                <ExemplarKindBadge kind={exemplar.kind} />
                <PracticeStatusBadge status={exemplar.status} />
                {exemplar.isPublic && <PublicBadge />}
              </Group>
              <Title order={1} fz={{ base: "h3", sm: "h2" }} style={{ overflowWrap: "anywhere" }}>
                {exemplar.title}
              </Title>
              <Text c="dimmed" size="sm">
                {t("exemplars.nominatedBy", { unit: exemplar.unit.name })} · {exemplar.field.name}
              </Text>
              {note && (
                <Text
                  size="sm"
                  c={exemplar.waitingForMe ? "blue" : undefined}
                  fw={exemplar.waitingForMe ? 600 : 400}
                >
                  {note}
                </Text>
              )}
              <Group gap="xs" mt="xs" wrap="wrap">
                {can("update") && (
                  <Button
                    component={Link}
                    to={`/exemplars/${exemplar.id}/edit`}
                    variant="default"
                    leftSection={<IconEdit size={18} />}
                  >
                    {t("exemplars.edit")}
                  </Button>
                )}
                {can("submit") && (
                  <Button leftSection={<IconSend size={18} />} onClick={() => setDialog("submit")}>
                    {exemplar.status === "returned" ? t("exemplars.resubmit") : t("exemplars.submit.action")}
                  </Button>
                )}
                {mayReview && (
                  <Button leftSection={<IconGavel size={18} />} onClick={() => setDialog("review")}>
                    {t("exemplars.review.action")}
                  </Button>
                )}
                {exemplar.isPublic && (
                  <Button
                    component={Link}
                    to={`/cong-khai/dien-hinh/${exemplar.id}`}
                    variant="subtle"
                    leftSection={<IconExternalLink size={18} />}
                  >
                    {t("exemplars.openPublic")}
                  </Button>
                )}
              </Group>
              {can("publish") && (
                <Switch
                  mt="xs"
                  label={t("exemplars.publishToggle")}
                  description={t("exemplars.publishHint")}
                  checked={exemplar.isPublic}
                  disabled={publish.isPending}
                  onChange={(event) =>
                    publish.mutate(
                      { id: exemplar.id, isPublic: event.currentTarget.checked },
                      {
                        onSuccess: ({ exemplar: saved }) =>
                          notifySuccess(
                            saved.isPublic ? t("exemplars.published") : t("exemplars.unpublished"),
                          ),
                      },
                    )
                  }
                />
              )}
              {publish.isError && (
                <Text size="sm" c="red" role="alert">
                  {publish.error.message}
                </Text>
              )}
            </Stack>
          </Box>
        </Flex>
      </Paper>

      {lastReturn?.comment && (
        <Alert
          color="orange"
          icon={<IconArrowBackUp />}
          title={t("exemplars.returnedTitle", { unit: lastReturn.from?.name ?? "" })}
        >
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {lastReturn.comment}
          </Text>
        </Alert>
      )}

      <Section title={t("exemplars.details")}>
        <DetailList
          cols={{ base: 1, xs: 2, md: 3 }}
          items={[
            { key: "kind", label: t("exemplars.kind"), value: t(`exemplars.kinds.${exemplar.kind}`) },
            {
              key: "subject",
              label:
                exemplar.kind === "collective"
                  ? t("exemplars.form.subjectUnit")
                  : t("exemplars.subjectPerson"),
              value: subject,
            },
            { key: "unit", label: t("exemplars.form.unit"), value: exemplar.unit.name },
            { key: "field", label: t("exemplars.field"), value: exemplar.field.name },
            {
              key: "registeredOn",
              label: t("exemplars.registeredOn"),
              value: formatDate(exemplar.registeredOn),
            },
            {
              key: "recognised",
              label: t("exemplars.recognisedBy"),
              value: exemplar.recognisedBy
                ? `${exemplar.recognisedBy.name}${exemplar.recognisedOn ? ` · ${formatDate(exemplar.recognisedOn)}` : ""}`
                : null,
            },
          ]}
        />
      </Section>

      <Section title={t("exemplars.story")}>
        <Prose text={exemplar.story} empty={t("exemplars.noText")} />
      </Section>
      <Section title={t("exemplars.achievements")}>
        <Prose text={exemplar.achievements} empty={t("exemplars.noText")} />
      </Section>

      {can("update") && (
        <Section title={t("exemplars.photo.title")}>
          <PhotoUpload exemplar={exemplar} />
        </Section>
      )}

      <Section
        actionsBeside
        title={t("exemplars.practices.title")}
        actions={
          can("update") ? (
            <Button
              variant="light"
              size="xs"
              leftSection={<IconLink size={16} />}
              onClick={() => setDialog("practices")}
            >
              {t("exemplars.practices.choose")}
            </Button>
          ) : undefined
        }
      >
        {exemplar.practices.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("exemplars.practices.none")}
          </Text>
        ) : (
          <BareList gap="xs">
            {exemplar.practices.map((practice) => (
              <li key={practice.id}>
                <Anchor
                  component={Link}
                  to={`/practices/${practice.id}`}
                  style={{ overflowWrap: "anywhere" }}
                >
                  {practice.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {practice.unitName}
                </Text>
              </li>
            ))}
          </BareList>
        )}
      </Section>

      <Section title={t("exemplars.history")}>
        <ReviewTimeline steps={exemplar.steps} />
      </Section>

      <SubmitModal
        area="exemplars"
        item={exemplar}
        useSubmit={useSubmitExemplar}
        sentOf={(data) => data.exemplar}
        opened={dialog === "submit"}
        onClose={() => setDialog(null)}
      />
      <ReviewModal
        area="exemplars"
        item={exemplar}
        useReview={useReviewExemplar}
        opened={dialog === "review"}
        onClose={() => setDialog(null)}
      />
      <LinkPracticesModal
        exemplar={exemplar}
        opened={dialog === "practices"}
        onClose={() => setDialog(null)}
      />
    </Stack>
  );
}
