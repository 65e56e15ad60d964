import { ActionIcon, Badge, Button, Group, Menu, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import {
  IconDots,
  IconKey,
  IconLock,
  IconLockOpen,
  IconPencil,
  IconPlus,
  IconSearch,
} from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ConfirmModal } from "../../components/ConfirmModal";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { SecretModal } from "../../components/SecretModal";
import { isApiError } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import {
  USERS_PAGE_SIZE,
  type UserRow,
  useReloadUsers,
  useResetPassword,
  useUpdateUser,
  useUsers,
} from "./api";
import { UserFormModal } from "./UserFormModal";

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; user: UserRow }
  | { kind: "toggleActive"; user: UserRow }
  | { kind: "reset"; user: UserRow }
  | { kind: "secret"; title: string; note: string; secret: string }
  | null;

export function UsersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const q = params.get("q") ?? "";
  const [search, setSearch] = useState(q);
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [dialog, setDialog] = useState<Dialog>(null);

  useEffect(() => {
    if (debouncedSearch.trim() === q) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debouncedSearch.trim()) next.set("q", debouncedSearch.trim());
        else next.delete("q");
        next.delete("page");
        return next;
      },
      { replace: true },
    );
  }, [debouncedSearch, q, setParams]);

  const users = useUsers({ q, page });
  const canCreate = users.data?.allowedActions?.includes("create") ?? false;

  const setPage = (value: number) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set("page", String(value));
      return next;
    });

  const columns: Column<UserRow>[] = [
    {
      key: "username",
      header: t("users.username"),
      render: (user) => (
        <Text ff="monospace" size="sm">
          {user.username}
        </Text>
      ),
    },
    {
      key: "displayName",
      header: t("users.displayName"),
      render: (user) => user.displayName,
      hideInCard: true,
    },
    { key: "role", header: t("users.role"), render: (user) => t(`roles.${user.role}`) },
    { key: "unit", header: t("users.unit"), render: (user) => user.unitName },
    {
      key: "status",
      header: t("users.status"),
      nowrap: true,
      render: (user) => (
        <Group gap={4} preventGrowOverflow={false}>
          <Badge color={user.active ? "teal" : "gray"} variant="light">
            {user.active ? t("users.active") : t("users.disabled")}
          </Badge>
          {user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now() && (
            <Badge color="red" variant="light">
              {t("users.locked")}
            </Badge>
          )}
          {user.role === "member" && user.apiTokensAllowed && (
            <Badge color="blue" variant="light">
              {t("users.apiTokensBadge")}
            </Badge>
          )}
          {user.mustChangePassword && (
            <Badge color="yellow" variant="light">
              {t("users.mustChangePassword")}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: "lastLoginAt",
      header: t("users.lastLogin"),
      nowrap: true,
      render: (user) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t("users.never")),
    },
  ];

  return (
    <Stack>
      <PageHeader
        title={t("users.title")}
        description={t("users.description")}
        actions={
          canCreate && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setDialog({ kind: "create" })}>
              {t("users.create")}
            </Button>
          )
        }
      />
      <TextInput
        type="search"
        label={t("users.search")}
        placeholder={t("users.searchPlaceholder")}
        leftSection={<IconSearch size={18} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={480}
      />
      {users.isPending ? (
        <ListSkeleton />
      ) : users.isError ? (
        <ErrorAlert error={users.error} onRetry={() => users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <EmptyList message={q ? t("common.noMatches") : undefined} />
      ) : (
        <Stack style={{ opacity: users.isPlaceholderData ? 0.6 : 1 }}>
          <DataTable
            label={t("users.title")}
            rows={users.data.items}
            columns={columns}
            rowKey={(user) => user.id}
            cardTitle={(user) => user.displayName}
            actions={(user) => <UserActions user={user} onAction={setDialog} />}
            minWidth={860}
          />
          <Pager
            page={page}
            pageSize={users.data.pageSize || USERS_PAGE_SIZE}
            total={users.data.total}
            onChange={setPage}
          />
        </Stack>
      )}

      <UserFormModal
        opened={dialog?.kind === "create" || dialog?.kind === "edit"}
        user={dialog?.kind === "edit" ? dialog.user : null}
        onClose={() => setDialog(null)}
        onCreated={(result) =>
          setDialog({
            kind: "secret",
            title: t("users.createdTitle", { name: result.user.displayName }),
            note: t("users.oneTimePasswordNote", {
              name: result.user.displayName,
              username: result.user.username,
            }),
            secret: result.oneTimePassword,
          })
        }
      />
      <ToggleActiveDialog
        user={dialog?.kind === "toggleActive" ? dialog.user : null}
        onClose={() => setDialog(null)}
      />
      <ResetPasswordDialog
        user={dialog?.kind === "reset" ? dialog.user : null}
        onClose={() => setDialog(null)}
        onReset={(user, secret) =>
          setDialog({
            kind: "secret",
            title: t("users.resetDoneTitle", { name: user.displayName }),
            note: t("users.oneTimePasswordNote", { name: user.displayName, username: user.username }),
            secret,
          })
        }
      />
      <SecretModal
        opened={dialog?.kind === "secret"}
        onClose={() => setDialog(null)}
        title={dialog?.kind === "secret" ? dialog.title : ""}
        label={t("users.oneTimePassword")}
        secret={dialog?.kind === "secret" ? dialog.secret : null}
        note={dialog?.kind === "secret" ? dialog.note : ""}
      />
    </Stack>
  );
}

/** The row's menu offers only what the server says this user may do to that row. */
function UserActions({ user, onAction }: { user: UserRow; onAction: (dialog: Dialog) => void }) {
  const { t } = useTranslation();
  const allowed = new Set(user.allowedActions);
  const canToggle = user.active ? allowed.has("disable") : allowed.has("enable");
  if (!allowed.has("update") && !canToggle && !allowed.has("resetPassword")) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t("users.actionsFor", { name: user.username })}>
          <IconDots size={20} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {allowed.has("update") && (
          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onAction({ kind: "edit", user })}>
            {t("users.edit")}
          </Menu.Item>
        )}
        {allowed.has("resetPassword") && (
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => onAction({ kind: "reset", user })}>
            {t("users.resetPassword")}
          </Menu.Item>
        )}
        {canToggle && (
          <Menu.Item
            color={user.active ? "red" : undefined}
            leftSection={user.active ? <IconLock size={16} /> : <IconLockOpen size={16} />}
            onClick={() => onAction({ kind: "toggleActive", user })}
          >
            {user.active ? t("users.disable") : t("users.enable")}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

function ToggleActiveDialog({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const reload = useReloadUsers();
  const [shown, setShown] = useState<UserRow | null>(user);
  if (user && user !== shown) setShown(user);
  const target = user ?? shown;
  const disabling = target?.active ?? true;
  const conflict = isApiError(update.error, "VERSION_CONFLICT");

  const close = () => {
    update.reset();
    onClose();
  };

  return (
    <ConfirmModal
      opened={user !== null}
      onClose={close}
      title={disabling ? t("users.disableTitle") : t("users.enableTitle")}
      message={
        disabling
          ? t("users.disableConfirm", { name: target?.displayName ?? "" })
          : t("users.enableConfirm", { name: target?.displayName ?? "" })
      }
      confirmLabel={disabling ? t("users.disable") : t("users.enable")}
      color={disabling ? "red" : "teal"}
      loading={update.isPending}
      error={conflict ? new Error(t("users.conflict")) : update.error}
      extra={
        conflict ? (
          <Button
            variant="light"
            onClick={() => {
              void reload();
              close();
            }}
          >
            {t("common.reload")}
          </Button>
        ) : null
      }
      onConfirm={() => {
        if (!user) return;
        update.mutate(
          { id: user.id, version: user.version, active: !user.active },
          {
            onSuccess: () => {
              notifySuccess(
                user.active
                  ? t("users.disabledDone", { name: user.displayName })
                  : t("users.enabledDone", { name: user.displayName }),
              );
              close();
            },
          },
        );
      }}
    />
  );
}

function ResetPasswordDialog({
  user,
  onClose,
  onReset,
}: {
  user: UserRow | null;
  onClose: () => void;
  onReset: (user: UserRow, secret: string) => void;
}) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const [shown, setShown] = useState<UserRow | null>(user);
  if (user && user !== shown) setShown(user);
  const target = user ?? shown;

  const close = () => {
    reset.reset();
    onClose();
  };

  return (
    <ConfirmModal
      opened={user !== null}
      onClose={close}
      title={t("users.resetTitle")}
      message={t("users.resetConfirm", { name: target?.displayName ?? "" })}
      confirmLabel={t("users.resetPassword")}
      color="orange"
      loading={reset.isPending}
      error={reset.error}
      onConfirm={() => {
        if (!user) return;
        reset.mutate(user.id, {
          onSuccess: (result) => {
            reset.reset();
            onReset(user, result.oneTimePassword);
          },
        });
      }}
    />
  );
}
