import { Center, Container } from "@mantine/core";
import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { ForbiddenPage } from "../components/ForbiddenPage";
import { ErrorAlert, PageLoader } from "../components/ListStates";
import { ForcePasswordChangePage } from "../features/auth/ForcePasswordChangePage";
import { can, useCurrentUser, useSession } from "../lib/session";

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

/** A page for those who hold a capability of the server (see `can`); the others see "forbidden". */
export function RequireCapability({ capability, children }: { capability: string; children: ReactNode }) {
  const user = useCurrentUser();
  if (!can(user, capability)) return <ForbiddenPage />;
  return <>{children}</>;
}

export function CenteredLoader() {
  return (
    <Center mih="100vh">
      <PageLoader />
    </Center>
  );
}
