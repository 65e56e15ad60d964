import { Alert, Badge, Button, Code, Radio, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertCircle, IconInfoCircle, IconPlus, IconTrash } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps, FormActions } from "../../components/AppModal";
import { ConfirmModal } from "../../components/ConfirmModal";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { SecretModal } from "../../components/SecretModal";
import { fieldErrors } from "../../lib/api";
import { formatDate, formatDateTime } from "../../lib/format";
import {
  type ApiToken,
  DEFAULT_TOKEN_DAYS,
  TOKEN_DAY_CHOICES,
  TOKEN_SCOPES,
  type TokenScope,
  useCreateToken,
  useRevokeToken,
  useTokens,
} from "./api";

type TokenStatus = "active" | "revoked" | "expired";

function statusOf(token: ApiToken): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (new Date(token.expiresAt).getTime() <= Date.now()) return "expired";
  return "active";
}

const STATUS_COLOR: Record<TokenStatus, string> = { active: "teal", revoked: "gray", expired: "orange" };

export function TokensPage() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  // Until the list says otherwise, offer nothing the server would refuse.
  const mayCreate = tokens.data?.allowedActions.includes("create") ?? false;

  const columns: Column<ApiToken>[] = [
    { key: "name", header: t("tokens.name"), render: (token) => token.name, hideInCard: true },
    {
      key: "prefix",
      header: t("tokens.prefix"),
      render: (token) => <Code>{token.prefix}…</Code>,
    },
    {
      key: "scope",
      header: t("tokens.scope"),
      render: (token) => t(`tokens.scopes.${token.scope}`),
    },
    {
      key: "status",
      header: t("tokens.status"),
      render: (token) => {
        const status = statusOf(token);
        return (
          <Badge variant="light" color={STATUS_COLOR[status]}>
            {t(`tokens.statuses.${status}`)}
          </Badge>
        );
      },
    },
    {
      key: "createdAt",
      header: t("tokens.createdAt"),
      nowrap: true,
      render: (token) => formatDateTime(token.createdAt),
    },
    {
      key: "lastUsedAt",
      header: t("tokens.lastUsedAt"),
      nowrap: true,
      render: (token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t("tokens.neverUsed")),
    },
    {
      key: "expiresAt",
      header: t("tokens.expiresAt"),
      nowrap: true,
      render: (token) => formatDate(token.expiresAt),
    },
  ];

  return (
    <Stack>
      <PageHeader
        title={t("tokens.title")}
        description={t("tokens.description")}
        actions={
          mayCreate && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
              {t("tokens.create")}
            </Button>
          )
        }
      />
      {tokens.data && !mayCreate && (
        <Alert color="blue" icon={<IconInfoCircle />}>
          {t("tokens.notAllowed")}
        </Alert>
      )}
      {tokens.isPending ? (
        <ListSkeleton rows={3} />
      ) : tokens.isError ? (
        <ErrorAlert error={tokens.error} onRetry={() => tokens.refetch()} />
      ) : tokens.data.items.length === 0 ? (
        <EmptyList message={t("tokens.empty")} />
      ) : (
        <DataTable
          label={t("tokens.title")}
          rows={tokens.data.items}
          columns={columns}
          rowKey={(token) => token.id}
          cardTitle={(token) => token.name}
          actions={(token) =>
            statusOf(token) === "revoked" ? null : (
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={14} />}
                aria-label={t("tokens.revokeNamed", { name: token.name })}
                onClick={() => setRevoking(token)}
              >
                {t("tokens.revoke")}
              </Button>
            )
          }
        />
      )}

      <CreateTokenModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(name, token) => {
          setCreating(false);
          setCreated({ name, token });
        }}
      />
      <SecretModal
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={t("tokens.createdTitle", { name: created?.name ?? "" })}
        label={t("tokens.token")}
        secret={created?.token ?? null}
        note={t("tokens.tokenNote")}
      />
      <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}

function CreateTokenModal({
  opened,
  onClose,
  onCreated,
}: DialogProps & {
  onCreated: (name: string, token: string) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<TokenScope>("read");
  const [days, setDays] = useState(DEFAULT_TOKEN_DAYS);
  const [submitted, setSubmitted] = useState(false);
  const error =
    (submitted && !name.trim() ? t("validation.required") : undefined) ?? fieldErrors(create.error).name;

  const close = () => {
    setName("");
    setScope("read");
    setDays(DEFAULT_TOKEN_DAYS);
    setSubmitted(false);
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), scope, expiresInDays: days },
      {
        onSuccess: (result) => {
          const tokenName = result.item?.name ?? name.trim();
          setName("");
          setScope("read");
          setDays(DEFAULT_TOKEN_DAYS);
          setSubmitted(false);
          create.reset();
          onCreated(tokenName, result.token);
        },
      },
    );
  };

  return (
    <AppModal opened={opened} onClose={close} title={t("tokens.createTitle")}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {create.isError && Object.keys(fieldErrors(create.error)).length === 0 && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {create.error.message}
            </Alert>
          )}
          <TextInput
            label={t("tokens.name")}
            description={t("tokens.nameHint")}
            required
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={error}
            data-autofocus
          />
          <Radio.Group
            label={t("tokens.scope")}
            value={scope}
            onChange={(value) => setScope(value as TokenScope)}
            error={fieldErrors(create.error).scope}
          >
            <Stack gap="xs" mt={4}>
              {TOKEN_SCOPES.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={t(`tokens.scopes.${value}`)}
                  description={t(`tokens.scopeHints.${value}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Select
            label={t("tokens.lifetime")}
            description={t("tokens.lifetimeHint")}
            data={TOKEN_DAY_CHOICES.map((n) => ({ value: String(n), label: t("tokens.days", { count: n }) }))}
            value={String(days)}
            onChange={(value) => setDays(Number(value ?? DEFAULT_TOKEN_DAYS))}
            allowDeselect={false}
            error={fieldErrors(create.error).expiresInDays}
            comboboxProps={{ withinPortal: true }}
          />
          <FormActions onCancel={close} pending={create.isPending} submitLabel={t("tokens.create")} />
        </Stack>
      </form>
    </AppModal>
  );
}

function RevokeDialog({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeToken();
  const [shown, setShown] = useState<ApiToken | null>(token);
  if (token && token !== shown) setShown(token);
  const target = token ?? shown;
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={token !== null}
      onClose={close}
      title={t("tokens.revokeTitle")}
      message={
        <>
          {t("tokens.revokeConfirm", { name: target?.name ?? "" })}{" "}
          <Text span c="dimmed" size="sm">
            {t("tokens.revokeNote")}
          </Text>
        </>
      }
      confirmLabel={t("tokens.revoke")}
      loading={revoke.isPending}
      error={revoke.error}
      onConfirm={() => {
        if (!token) return;
        revoke.mutate(token.id, {
          onSuccess: () => {
            notifySuccess(t("tokens.revoked", { name: token.name }));
            close();
          },
        });
      }}
    />
  );
}
