import { Anchor, Badge, Button, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable";
import { PagedList } from "../../components/PagedList";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime, formatNumber } from "../../lib/format";
import { can, useCurrentUser } from "../../lib/session";
import { type Booklet, useBooklets } from "./api";

/** Tập mô hình: the booklets of the caller's subtree and those published down to it from above. */
export function BookletsPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const booklets = useBooklets(page);
  const compiler = can(user, "booklets.compile");
  const lang = i18n.resolvedLanguage ?? "vi";

  const columns: Column<Booklet>[] = [
    {
      key: "title",
      header: t("booklets.columns.title"),
      hideInCard: true,
      render: (booklet) => <BookletLink booklet={booklet} />,
    },
    {
      key: "unit",
      header: t("booklets.columns.unit"),
      render: (booklet) => (
        <>
          {booklet.unit.name}
          {!booklet.mine && (
            <Badge variant="light" color="grape" ml="xs" size="sm">
              {t("booklets.fromAbove")}
            </Badge>
          )}
        </>
      ),
    },
    {
      key: "models",
      header: t("booklets.columns.models"),
      nowrap: true,
      render: (booklet) => formatNumber(booklet.modelCount, lang),
    },
    {
      key: "updatedAt",
      header: t("booklets.columns.updatedAt"),
      nowrap: true,
      render: (booklet) => formatDateTime(booklet.updatedAt),
    },
  ];

  return (
    <Stack maw={1100}>
      <PageHeader
        title={t("booklets.title")}
        description={t("booklets.pageDescription")}
        actions={
          compiler && (
            <Button component={Link} to="/booklets/new" leftSection={<IconPlus size={18} />}>
              {t("booklets.create")}
            </Button>
          )
        }
      />
      <PagedList
        query={booklets}
        empty={compiler ? t("booklets.emptyCompiler") : t("booklets.empty")}
        page={page}
        onPage={(next) => setParams({ page: String(next) })}
      >
        {(data) => (
          <DataTable
            label={t("booklets.listLabel")}
            rows={data.items}
            columns={columns}
            rowKey={(booklet) => booklet.id}
            cardTitle={(booklet) => <BookletLink booklet={booklet} />}
            minWidth={640}
          />
        )}
      </PagedList>
    </Stack>
  );
}

function BookletLink({ booklet }: { booklet: Booklet }) {
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={`/booklets/${booklet.id}`} fw={600}>
        {booklet.title}
      </Anchor>
      {booklet.subtitle && (
        <Text size="sm" c="dimmed">
          {booklet.subtitle}
        </Text>
      )}
    </Stack>
  );
}
