import { Alert, Button, Group, Loader, Stack, Text } from "@mantine/core";
import { IconInfoCircle, IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../components/AppModal";
import { ErrorAlert } from "../../components/ListStates";
import { formatNumber } from "../../lib/format";
import { useCurrentUser } from "../../lib/session";
import { AccountSlips } from "./AccountSlips";
import { type BulkAccount, useBulkAccountsPreview, useCreateBulkAccounts } from "./api";

/**
 * "Tạo tài khoản hàng loạt": accounts for the active members of a unit's subtree who have none.
 * Asks first, with the count from the server's dry run; then shows the slips to print.
 * Offered to officers and admins (the server checks again, and limits it to their subtree).
 */
export function BulkAccountsButton({ unit }: { unit: { id: string; name: string } | null }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const [confirming, setConfirming] = useState(false);
  const [accounts, setAccounts] = useState<BulkAccount[] | null>(null);
  const target = unit ?? { id: user.unitId, name: user.unitName };
  const preview = useBulkAccountsPreview(confirming ? target.id : null);
  const create = useCreateBulkAccounts();
  if (user.role !== "admin" && user.role !== "officer") return null;

  const language = i18n.resolvedLanguage ?? "vi";
  const count = preview.data?.count ?? 0;
  const max = preview.data?.max ?? 0;
  const tooMany = count > max;
  const close = () => {
    create.reset();
    setConfirming(false);
  };

  return (
    <>
      <Button variant="default" leftSection={<IconUserPlus size={18} />} onClick={() => setConfirming(true)}>
        {t("users.bulk.action")}
      </Button>
      <AppModal opened={confirming} onClose={close} title={t("users.bulk.title")}>
        <Stack>
          {preview.isPending ? (
            <Group gap="sm" role="status">
              <Loader size="sm" />
              <Text size="sm">{t("users.bulk.counting")}</Text>
            </Group>
          ) : preview.isError ? (
            <ErrorAlert error={preview.error} onRetry={() => preview.refetch()} />
          ) : count === 0 ? (
            <Text size="sm">{t("users.bulk.none", { unit: target.name })}</Text>
          ) : tooMany ? (
            <Alert color="orange" icon={<IconInfoCircle />} variant="light">
              {t("users.bulk.tooMany", {
                formatted: formatNumber(count, language),
                max: formatNumber(max, language),
              })}
            </Alert>
          ) : (
            <>
              <Text size="sm" fw={500}>
                {t("users.bulk.confirm", { formatted: formatNumber(count, language), unit: target.name })}
              </Text>
              <Text size="sm" c="dimmed">
                {t("users.bulk.details")}
              </Text>
            </>
          )}
          {create.isError && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              {t("common.cancel")}
            </Button>
            <Button
              onClick={() =>
                create.mutate(target.id, {
                  onSuccess: (result) => {
                    close();
                    // The slips' title gives the count: no notification over it.
                    if (result.items.length) setAccounts(result.items);
                  },
                })
              }
              loading={create.isPending}
              disabled={!preview.isSuccess || count === 0 || tooMany}
            >
              {t("users.bulk.submit", { formatted: formatNumber(count, language) })}
            </Button>
          </Group>
        </Stack>
      </AppModal>
      <AccountSlips accounts={accounts} onClose={() => setAccounts(null)} />
    </>
  );
}
