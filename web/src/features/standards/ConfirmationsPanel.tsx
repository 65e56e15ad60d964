import { Progress, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { Pager } from "../../components/Pager";
import { Section } from "../../components/Section";
import { formatDateTime, formatNumber } from "../../lib/format";
import { formatShare } from "../topics/api";
import { CONFIRMATIONS_PAGE_SIZE, type Standard, useConfirmations } from "./api";

/** Who confirmed the version in force, and (for a cell-sized unit) who has not yet. */
export function ConfirmationsPanel({ standard }: { standard: Standard }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  const [page, setPage] = useState(1);
  const confirmations = useConfirmations(standard.id, page, true);
  return (
    <Section
      id="confirmations-title"
      title={t("standards.confirmations.title", { number: standard.currentNumber })}
    >
      {confirmations.isPending ? (
        <ListSkeleton rows={3} />
      ) : confirmations.isError ? (
        <ErrorAlert error={confirmations.error} onRetry={() => confirmations.refetch()} />
      ) : (
        <>
          {(() => {
            const c = confirmations.data;
            const share = c.members ? Math.min(1, c.confirmedMembers / c.members) : 0;
            return (
              <Stack gap={4}>
                <Text fz="lg">
                  {t("standards.confirmations.summary", {
                    confirmed: formatNumber(c.confirmedMembers, lang),
                    members: formatNumber(c.members, lang),
                    share: formatShare(share, lang),
                  })}
                </Text>
                <Progress
                  value={share * 100}
                  size="lg"
                  radius="xl"
                  color="teal"
                  aria-label={t("standards.confirmations.progress", { share: formatShare(share, lang) })}
                />
              </Stack>
            );
          })()}
          <SimpleGrid cols={{ base: 1, md: confirmations.data.notConfirmed ? 2 : 1 }} spacing="md">
            <Stack gap="xs">
              <Text fw={600}>{t("standards.confirmations.who")}</Text>
              {confirmations.data.items.length === 0 ? (
                <EmptyList message={t("standards.confirmations.nobody")} />
              ) : (
                <Table.ScrollContainer minWidth={360}>
                  <Table striped verticalSpacing="xs" aria-label={t("standards.confirmations.who")}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t("standards.confirmations.name")}</Table.Th>
                        <Table.Th scope="col">{t("standards.confirmations.unit")}</Table.Th>
                        <Table.Th scope="col">{t("standards.confirmations.at")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {confirmations.data.items.map((c) => (
                        <Table.Tr key={`${c.userName}|${c.confirmedAt}`}>
                          <Table.Td>{c.personName ?? c.userName}</Table.Td>
                          <Table.Td>{c.unit.name}</Table.Td>
                          <Table.Td style={{ whiteSpace: "nowrap" }}>
                            {formatDateTime(c.confirmedAt)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
              <Pager
                page={page}
                of={confirmations.data}
                pageSize={CONFIRMATIONS_PAGE_SIZE}
                onChange={setPage}
              />
            </Stack>
            {confirmations.data.notConfirmed && (
              <Stack gap="xs">
                <Text fw={600}>
                  {t("standards.confirmations.notYet", { count: confirmations.data.notConfirmed.length })}
                </Text>
                <Stack component="ul" gap={2} pl="md" m={0}>
                  {confirmations.data.notConfirmed.map((p) => (
                    <Text component="li" key={p.id}>
                      {p.fullName}
                    </Text>
                  ))}
                </Stack>
              </Stack>
            )}
          </SimpleGrid>
        </>
      )}
    </Section>
  );
}
