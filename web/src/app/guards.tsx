import { Center, Container } from "@mantine/core";
import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { ForbiddenPage } from "../components/ForbiddenPage";
import { ErrorAlert, PageLoader } from "../components/ListStates";
import { ForcePasswordChangePage } from "../features/auth/ForcePasswordChangePage";
import { type Role, useCurrentUser, useSession } from "../lib/session";
import { canAccess } from "./navigation";

/** Everything below needs a session; a new password comes first when the account requires one. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorAlert error={session.error} onRetry={() => session.refetch()} />
      </Container>
    );
  }
  if (!session.data) return <Navigate to="/login" replace state={{ from: location }} />;
  if (session.data.user.mustChangePassword) return <ForcePasswordChangePage />;
  return <Outlet />;
}

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  if (!canAccess(user.role, roles)) return <ForbiddenPage />;
  return <>{children}</>;
}

export function CenteredLoader() {
  return (
    <Center mih="100vh">
      <PageLoader />
    </Center>
  );
}
