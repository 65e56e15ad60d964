import { Anchor, Box, Group, Paper, Stack, Switch, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { BareList } from "../../components/BareList";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { Pager } from "../../components/Pager";
import { formatDate } from "../../lib/format";
import { UNIT_COMMITMENTS_PAGE_SIZE, type UnitCommitment, useUnitCommitments } from "./api";
import { CommitmentStatusBadge } from "./bits";

/** Who has and who has not submitted their commitment in a unit's subtree; the missing alone on request. */
export function UnitCommitmentsList({ unitId, year }: { unitId: string; year: number }) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState(false);
  const [page, setPage] = useState(1);
  const list = useUnitCommitments(unitId, { year, missing, page });
  const phone = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });

  const name = (row: UnitCommitment) =>
    row.commitmentId && row.status !== "draft" ? (
      <Anchor component={Link} to={`/commitments/${row.commitmentId}`} fw={600}>
        {row.fullName}
      </Anchor>
    ) : (
      <Text fw={600} span>
        {row.fullName}
      </Text>
    );

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Switch
          checked={missing}
          onChange={(event) => {
            setMissing(event.currentTarget.checked);
            setPage(1);
          }}
          label={t("commitments.list.missingOnly")}
          size="md"
        />
        {list.data && (
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {missing
              ? t("commitments.list.missingCount", { count: list.data.total })
              : t("commitments.list.count", { count: list.data.total })}
          </Text>
        )}
      </Group>
      {list.isPending ? (
        <ListSkeleton rows={4} />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyList message={missing ? t("commitments.list.noneMissing") : t("commitments.list.empty")} />
      ) : phone ? (
        <BareList gap="xs" data-testid="unit-commitments">
          {list.data.items.map((row) => (
            <Paper component="li" key={row.personId} withBorder radius="md" p="sm">
              <Stack gap={4}>
                {name(row)}
                <Text size="sm" c="dimmed">
                  {row.unitName}
                </Text>
                <Group gap="xs" wrap="wrap">
                  <CommitmentStatusBadge status={row.status} />
                  {row.submittedAt && <Text size="sm">{formatDate(row.submittedAt)}</Text>}
                  {row.score !== null && (
                    <Text size="sm">{t("commitments.view.score", { score: row.score })}</Text>
                  )}
                </Group>
              </Stack>
            </Paper>
          ))}
        </BareList>
      ) : (
        <Box style={{ overflowX: "auto" }}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="unit-commitments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("commitments.list.name")}</Table.Th>
                <Table.Th scope="col">{t("commitments.list.unit")}</Table.Th>
                <Table.Th scope="col">{t("commitments.list.status")}</Table.Th>
                <Table.Th scope="col">{t("commitments.list.submittedAt")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("commitments.list.score")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((row) => (
                <Table.Tr key={row.personId}>
                  <Table.Th scope="row" fw="normal">
                    {name(row)}
                  </Table.Th>
                  <Table.Td>{row.unitName}</Table.Td>
                  <Table.Td>
                    <CommitmentStatusBadge status={row.status} />
                  </Table.Td>
                  <Table.Td>{formatDate(row.submittedAt)}</Table.Td>
                  <Table.Td ta="right">{row.score ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      {list.data && list.data.total > UNIT_COMMITMENTS_PAGE_SIZE && (
        <Pager page={page} of={list.data} pageSize={UNIT_COMMITMENTS_PAGE_SIZE} onChange={setPage} />
      )}
    </Stack>
  );
}
