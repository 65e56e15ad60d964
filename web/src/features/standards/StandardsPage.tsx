import { Anchor, Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { BareList } from "../../components/BareList";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { Section } from "../../components/Section";
import { formatDate } from "../../lib/format";
import { can, useCurrentUser } from "../../lib/session";
import { type Standard, useStandards } from "./api";
import { ConfirmButton } from "./ConfirmButton";
import { StandardFormModal } from "./StandardFormModal";
import { StandardsList } from "./StandardsList";

const PAGE_SIZE = 20;

/**
 * Chuẩn mực đạo đức: the standards that apply to the caller (their unit's and those above it), to
 * read and confirm; for those who oversee units below, the lists of those units.
 */
export function StandardsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const chain = useStandards({ chain: true });
  const [creating, create] = useDisclosure(false);
  const ownMissing = chain.data !== undefined && !chain.data.items.some((s) => s.unit.id === user.unitId);
  return (
    <Stack maw={960}>
      <PageHeader
        title={t("standards.title")}
        description={t("standards.pageDescription")}
        actions={
          can(user, "standards.keep") &&
          ownMissing && (
            <Button leftSection={<IconPlus size={18} />} onClick={create.open}>
              {t("standards.create")}
            </Button>
          )
        }
      />
      {chain.isPending ? (
        <ListSkeleton />
      ) : chain.isError ? (
        <ErrorAlert error={chain.error} onRetry={() => chain.refetch()} />
      ) : chain.data.items.length === 0 ? (
        <EmptyList message={t("standards.none")} />
      ) : (
        chain.data.items.map((standard) => <ChainCard key={standard.id} standard={standard} />)
      )}
      {user.role !== "member" && user.role !== "secretary" && <BelowLists />}
      <StandardFormModal
        opened={creating}
        onClose={create.close}
        onSaved={(s) => navigate(`/standards/${s.id}`)}
      />
    </Stack>
  );
}

function ChainCard({ standard }: { standard: Standard }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
      component="section"
      aria-label={standard.title}
    >
      <Stack gap="sm">
        <Anchor component={Link} to={`/standards/${standard.id}`} fz="xl" fw={700} c="inherit">
          {standard.title}
        </Anchor>
        <Text c="dimmed">
          {t("standards.versionLine", {
            unit: standard.unit.name,
            number: standard.currentNumber,
            date: formatDate(standard.effectiveOn),
          })}
        </Text>
        <StandardsList items={standard.items} />
        <ConfirmButton standard={standard} />
      </Stack>
    </Paper>
  );
}

/** The lists of the units below the caller's (paged). */
function BelowLists() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [page, setPage] = useState(1);
  const lists = useStandards({ page, pageSize: PAGE_SIZE });
  const below = (lists.data?.items ?? []).filter((s) => s.mine && s.unit.id !== user.unitId);
  if (!lists.data || below.length === 0) return null;
  return (
    <Section id="below-title" title={t("standards.below")} gap="xs">
      <BareList gap="xs">
        {below.map((s) => (
          <Group component="li" key={s.id} justify="space-between" wrap="wrap" gap="xs">
            <Anchor component={Link} to={`/standards/${s.id}`} fw={600}>
              {s.unit.name}
            </Anchor>
            <Badge variant="light">
              {t("standards.history.version", { number: s.currentNumber, date: formatDate(s.effectiveOn) })}
            </Badge>
          </Group>
        ))}
      </BareList>
      <Pager page={page} of={lists.data} pageSize={PAGE_SIZE} onChange={setPage} />
    </Section>
  );
}
