import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { BareList } from "../../components/BareList";
import { PagedList } from "../../components/PagedList";
import { PageHeader } from "../../components/PageHeader";
import { useListParams } from "../../components/useListParams";
import { formatDate, todayInVietnam } from "../../lib/format";
import { can, useCurrentUser } from "../../lib/session";
import { useSearchText } from "../../lib/useSearchText";
import { DOCUMENT_KINDS, type DocumentKind, type LibraryDocument, useDocuments, useIssuers } from "./api";
import { DocumentFormModal } from "./DocumentFormModal";
import { KindBadge } from "./KindBadge";

const isKind = (value: string | null): value is DocumentKind =>
  value !== null && (DOCUMENT_KINDS as readonly string[]).includes(value);

/**
 * Thư viện văn bản: what the caller's unit and the units above it issued (and, for upper units,
 * what their subtree issued) — searched without diacritics, filtered by kind, year and issuer.
 */
export function LibraryPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { params, page, setFilter, setPage } = useListParams();
  const { text: search, setText: setSearch, committed: q } = useSearchText();
  const [adding, add] = useDisclosure(false);
  const kind = params.get("kind");
  const year = /^\d{4}$/.test(params.get("year") ?? "") ? Number(params.get("year")) : null;
  const unitId = params.get("unitId");
  const unread = params.get("unread") === "true";
  const documents = useDocuments({
    q,
    kind: isKind(kind) ? kind : null,
    year,
    unitId,
    unread,
    page,
  });
  const issuers = useIssuers();
  const thisYear = Number(todayInVietnam().slice(0, 4));

  return (
    <Stack maw={1100}>
      <PageHeader
        title={t("library.title")}
        description={t("library.pageDescription")}
        actions={
          can(user, "library.issue") && (
            <Button leftSection={<IconPlus size={18} />} onClick={add.open}>
              {t("library.add")}
            </Button>
          )
        }
      />
      <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }} role="search">
        <Stack gap="sm">
          <TextInput
            leftSection={<IconSearch size={18} />}
            label={t("library.search")}
            placeholder={t("library.searchPlaceholder")}
            description={t("library.searchHint")}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            size="md"
          />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <Select
              label={t("library.filters.kind")}
              placeholder={t("library.filters.all")}
              data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`library.kinds.${k}`) }))}
              value={isKind(kind) ? kind : null}
              onChange={(value) => setFilter("kind", value)}
              clearable
            />
            <Select
              label={t("library.filters.year")}
              placeholder={t("library.filters.all")}
              data={Array.from({ length: 15 }, (_, i) => String(thisYear - i))}
              value={year ? String(year) : null}
              onChange={(value) => setFilter("year", value)}
              clearable
              searchable
            />
            <Select
              label={t("library.filters.issuer")}
              placeholder={t("library.filters.all")}
              data={(issuers.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={unitId}
              onChange={(value) => setFilter("unitId", value)}
              clearable
              searchable
              comboboxProps={{ withinPortal: true }}
            />
            <Switch
              label={t("library.filters.unread")}
              checked={unread}
              onChange={(e) => setFilter("unread", e.currentTarget.checked ? "true" : null)}
              mt={{ base: 0, md: 30 }}
              size="md"
            />
          </SimpleGrid>
        </Stack>
      </Paper>
      <PagedList
        query={documents}
        empty={q || kind || year || unitId || unread ? t("common.noMatches") : t("library.empty")}
        page={page}
        onPage={setPage}
      >
        {(data) => (
          <BareList gap="sm" aria-label={t("library.listLabel")}>
            {data.items.map((doc) => (
              <DocumentRow key={doc.id} document={doc} />
            ))}
          </BareList>
        )}
      </PagedList>
      <DocumentFormModal
        opened={adding}
        onClose={add.close}
        onSaved={(doc) => navigate(`/library/${doc.id}`)}
      />
    </Stack>
  );
}

export function DocumentRow({ document }: { document: LibraryDocument }) {
  const { t } = useTranslation();
  const unreadBulletin = document.kind === "bulletin" && !document.readAt;
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <KindBadge kind={document.kind} />
          {document.number && (
            <Text fw={600} size="sm">
              {document.number}
            </Text>
          )}
          {unreadBulletin && (
            <Badge color="red" variant="filled" size="sm">
              {t("library.unread")}
            </Badge>
          )}
        </Group>
        <Anchor
          component={Link}
          to={`/library/${document.id}`}
          fz="lg"
          fw={600}
          style={{ overflowWrap: "anywhere" }}
        >
          {document.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t("library.issuedLine", { unit: document.unit.name, date: formatDate(document.issuedOn) })}
          {document.versionCount > 1
            ? ` · ${t("library.versionCount", { count: document.versionCount })}`
            : ""}
        </Text>
      </Stack>
    </Paper>
  );
}
