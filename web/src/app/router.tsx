import { createBrowserRouter, Outlet } from "react-router";
import { ErrorPage } from "../components/ErrorPage";
import { NotFoundPage } from "../components/NotFoundPage";
import { AccountPage } from "../features/account/AccountPage";
import { AuditPage } from "../features/audit/AuditPage";
import { LoginPage } from "../features/auth/LoginPage";
import { HomePage } from "../features/home/HomePage";
import { ImportPage } from "../features/people/ImportPage";
import { PeoplePage } from "../features/people/PeoplePage";
import { TokensPage } from "../features/tokens/TokensPage";
import { OrganisationPage } from "../features/units/OrganisationPage";
import { UnitPage } from "../features/units/UnitPage";
import { UsersPage } from "../features/users/UsersPage";
import { AppLayout } from "./AppLayout";
import { RequireRole, RequireSession } from "./guards";
import { MODULE_ROLES } from "./navigation";

export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <ErrorPage />,
    children: [
      { path: "/login", element: <LoginPage /> },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppLayout />,
            children: [
              {
                // Errors in a page render inside the frame, so the navigation stays usable.
                errorElement: <ErrorPage />,
                children: [
                  { index: true, element: <HomePage /> },
                  {
                    path: "units",
                    element: (
                      <RequireRole roles={MODULE_ROLES.units}>
                        <OrganisationPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "units/:id",
                    element: (
                      <RequireRole roles={MODULE_ROLES.units}>
                        <UnitPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "people",
                    element: (
                      <RequireRole roles={MODULE_ROLES.people}>
                        <PeoplePage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "people/import",
                    element: (
                      <RequireRole roles={MODULE_ROLES.people}>
                        <ImportPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "users",
                    element: (
                      <RequireRole roles={MODULE_ROLES.users}>
                        <UsersPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "audit",
                    element: (
                      <RequireRole roles={MODULE_ROLES.audit}>
                        <AuditPage />
                      </RequireRole>
                    ),
                  },
                  { path: "tokens", element: <TokensPage /> },
                  { path: "account", element: <AccountPage /> },
                  { path: "*", element: <NotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
]);
