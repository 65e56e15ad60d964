import { Alert, Button, Group, Modal, Stack } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconAlertTriangle, IconPrinter } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format";
import type { BulkAccount } from "./api";
import "./accountSlips.css";

/** Where the slips send people to sign in: this app's own login page. */
const loginAddress = () => `${window.location.origin}/login`;

function Slip({ account }: { account: BulkAccount }) {
  const { t } = useTranslation();
  return (
    <li className="account-slip">
      <div className="account-slip__unit">
        {t("users.bulk.slipUnit")}: {account.unitName}
      </div>
      <div className="account-slip__name">{account.fullName}</div>
      <div className="account-slip__row">
        <span>{t("users.username")}:</span>
        <span className="account-slip__secret">{account.username}</span>
      </div>
      <div className="account-slip__row">
        <span>{t("users.oneTimePassword")}:</span>
        <span className="account-slip__secret">{account.oneTimePassword}</span>
      </div>
      <div className="account-slip__row">
        <span>{t("users.bulk.slipLogin")}:</span>
        <span>{loginAddress()}</span>
      </div>
      <div className="account-slip__note">{t("users.bulk.slipChange")}</div>
    </li>
  );
}

/**
 * The accounts just made, as slips to print and cut apart: one per person with the name, unit,
 * username, one-time password, where to sign in, and that the password must be changed. The
 * passwords are in this answer only, so closing before printing asks first. Printing shows only
 * the slips (a copy outside the app, see accountSlips.css), several per A4 page.
 */
export function AccountSlips({ accounts, onClose }: { accounts: BulkAccount[] | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const narrow = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const [printed, setPrinted] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const opened = accounts !== null;

  useEffect(() => {
    if (!opened) return;
    document.body.classList.add("printing-account-slips");
    const afterPrint = () => setPrinted(true);
    window.addEventListener("afterprint", afterPrint);
    return () => {
      document.body.classList.remove("printing-account-slips");
      window.removeEventListener("afterprint", afterPrint);
    };
  }, [opened]);

  const close = () => {
    setPrinted(false);
    setConfirmClose(false);
    onClose();
  };
  const print = () => {
    setConfirmClose(false);
    window.print();
    setPrinted(true);
  };
  const count = formatNumber(accounts?.length ?? 0, i18n.resolvedLanguage ?? "vi");

  return (
    <>
      <Modal
        opened={opened}
        onClose={() => (printed ? close() : setConfirmClose(true))}
        title={t("users.bulk.resultTitle", { formatted: count })}
        size="xl"
        fullScreen={narrow}
        closeOnClickOutside={false}
        closeButtonProps={{ "aria-label": t("common.close") }}
      >
        <Stack>
          <Alert color="yellow" icon={<IconAlertTriangle />} variant="light">
            {t("users.bulk.resultNote")}
          </Alert>
          {confirmClose && (
            <Alert color="red" variant="light" role="alert" title={t("users.bulk.closeWarning")}>
              <Group gap="sm" mt="xs">
                <Button color="red" variant="light" onClick={close}>
                  {t("users.bulk.closeAnyway")}
                </Button>
                <Button leftSection={<IconPrinter size={18} />} onClick={print}>
                  {t("users.bulk.print")}
                </Button>
              </Group>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => (printed ? close() : setConfirmClose(true))}>
              {t("common.close")}
            </Button>
            <Button leftSection={<IconPrinter size={18} />} onClick={print} data-autofocus>
              {t("users.bulk.print")}
            </Button>
          </Group>
          <ul className="account-slips-screen" aria-label={t("users.bulk.slips")}>
            {accounts?.map((account) => (
              <Slip key={account.personId} account={account} />
            ))}
          </ul>
        </Stack>
      </Modal>
      {opened &&
        createPortal(
          <ul className="account-slips-print" aria-hidden>
            {accounts.map((account) => (
              <Slip key={account.personId} account={account} />
            ))}
          </ul>,
          document.body,
        )}
    </>
  );
}
