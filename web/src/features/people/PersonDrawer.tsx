import { Anchor, Button, Drawer, Group, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconPencil, IconTransfer } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DetailList } from "../../components/DetailList";
import { ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { notifySuccess } from "../../components/notify";
import { isApiError } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { PersonCommendations } from "../commendations/CommendationHistory";
import { type Person, usePerson } from "./api";
import { PersonForm } from "./PersonForm";
import { PersonStatusBadge } from "./PersonStatusBadge";
import { TransferForm } from "./TransferForm";
import { usePersonParam } from "./usePersonParam";

type Mode = "view" | "edit" | "transfer";

/**
 * A person's details beside the list (full screen on a phone), opened from `?person=`; editing and
 * transfer happen in place, offered only when the server allows them.
 */
export function PersonDrawer() {
  const { t } = useTranslation();
  const { personId, close } = usePersonParam();
  const narrow = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const person = usePerson(personId);
  return (
    <Drawer
      opened={Boolean(personId)}
      onClose={close}
      position="right"
      size={narrow ? "100%" : "lg"}
      title={
        <Text fw={700} component="span">
          {person.data?.person.fullName ?? t("people.detailTitle")}
        </Text>
      }
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {personId &&
        (person.isPending ? (
          <ListSkeleton rows={6} />
        ) : person.isError ? (
          isApiError(person.error, "NOT_FOUND") ? (
            <Text c="dimmed">{t("people.notFound")}</Text>
          ) : (
            <ErrorAlert error={person.error} onRetry={() => person.refetch()} />
          )
        ) : (
          <PersonDetail
            key={`${person.data.person.id}-${person.data.person.version}`}
            person={person.data.person}
          />
        ))}
    </Drawer>
  );
}

function PersonDetail({ person }: { person: Person }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>("view");
  const allowed = new Set(person.allowedActions);

  if (mode === "edit") {
    return (
      <Stack>
        <Title order={2} fz="h4">
          {t("people.editTitle")}
        </Title>
        <PersonForm
          person={person}
          onCancel={() => setMode("view")}
          onDone={(saved) => {
            notifySuccess(t("people.saved", { name: saved.fullName }));
            setMode("view");
          }}
        />
      </Stack>
    );
  }
  if (mode === "transfer") {
    return (
      <Stack>
        <Title order={2} fz="h4">
          {t("people.transfer.title")}
        </Title>
        <TransferForm
          person={person}
          onCancel={() => setMode("view")}
          onDone={(moved) => {
            notifySuccess(t("people.transfer.done", { name: moved.fullName, unit: moved.unitName }));
            setMode("view");
          }}
        />
      </Stack>
    );
  }

  const statusValue = (
    <Group gap="xs" component="span">
      <PersonStatusBadge status={person.status} />
      {person.statusOn && person.status !== "active" && (
        <Text span size="sm" c="dimmed">
          {t("people.since", { date: formatDate(person.statusOn) })}
        </Text>
      )}
    </Group>
  );
  return (
    <Stack>
      <DetailList
        cols={{ base: 1, xs: 2 }}
        items={[
          { key: "status", label: t("people.status"), value: statusValue },
          {
            key: "unit",
            label: t("people.unit"),
            value: (
              <Anchor component={Link} to={`/units/${person.unitId}`}>
                {person.unitName}
              </Anchor>
            ),
          },
          {
            key: "gender",
            label: t("people.gender"),
            value: person.gender ? t(`people.genders.${person.gender}`) : "",
          },
          { key: "birthDate", label: t("people.birthDate"), value: formatDate(person.birthDate) },
          { key: "joinedOn", label: t("people.joinedOn"), value: formatDate(person.joinedOn) },
          { key: "officialOn", label: t("people.officialOn"), value: formatDate(person.officialOn) },
          { key: "position", label: t("people.position"), value: person.position },
          ...(person.givenName
            ? [{ key: "givenName", label: t("people.givenName"), value: person.givenName }]
            : []),
          {
            key: "phone",
            label: t("people.phone"),
            value: person.phone ? (
              <Anchor href={`tel:${person.phone.replace(/\s/g, "")}`}>{person.phone}</Anchor>
            ) : (
              ""
            ),
          },
          {
            key: "email",
            label: t("people.email"),
            value: person.email ? <Anchor href={`mailto:${person.email}`}>{person.email}</Anchor> : "",
          },
        ]}
      />
      {(allowed.has("update") || allowed.has("transfer")) && (
        <Group gap="sm" mt="sm">
          {allowed.has("update") && (
            <Button variant="default" leftSection={<IconPencil size={18} />} onClick={() => setMode("edit")}>
              {t("people.edit")}
            </Button>
          )}
          {allowed.has("transfer") && (
            <Button leftSection={<IconTransfer size={18} />} onClick={() => setMode("transfer")}>
              {t("people.transfer.action")}
            </Button>
          )}
        </Group>
      )}
      <PersonCommendations personId={person.id} />
    </Stack>
  );
}
