import { createBrowserRouter, Outlet } from "react-router";
import { ErrorPage } from "../components/ErrorPage";
import { NotFoundPage } from "../components/NotFoundPage";
import { AccountPage } from "../features/account/AccountPage";
import { AuditPage } from "../features/audit/AuditPage";
import { LoginPage } from "../features/auth/LoginPage";
import { COMPILER_ROLES } from "../features/booklets/api";
import { EditBookletPage, NewBookletPage } from "../features/booklets/BookletFormPage";
import { BookletPage } from "../features/booklets/BookletPage";
import { BookletsPage } from "../features/booklets/BookletsPage";
import { EditExemplarPage, NewExemplarPage } from "../features/exemplars/ExemplarFormPage";
import { ExemplarPage } from "../features/exemplars/ExemplarPage";
import { ExemplarQueuePage } from "../features/exemplars/ExemplarQueuePage";
import { ExemplarsPage } from "../features/exemplars/ExemplarsPage";
import { PublicExemplarPage } from "../features/exemplars/public/PublicExemplarPage";
import { PublicExemplarsPage } from "../features/exemplars/public/PublicExemplarsPage";
import { HomePage } from "../features/home/HomePage";
import { ImportPage } from "../features/people/ImportPage";
import { PeoplePage } from "../features/people/PeoplePage";
import { KEEPER_ROLES, REVIEWER_ROLES } from "../features/practices/api";
import { EditPracticePage, NewPracticePage } from "../features/practices/PracticeFormPage";
import { PracticePage } from "../features/practices/PracticePage";
import { PracticeQueuePage } from "../features/practices/PracticeQueuePage";
import { PracticesPage } from "../features/practices/PracticesPage";
import { PublicLayout } from "../features/practices/public/PublicLayout";
import { PublicPracticePage } from "../features/practices/public/PublicPracticePage";
import { PublicPracticesPage } from "../features/practices/public/PublicPracticesPage";
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
        // The public showcase: no account, outside the app's frame. The server adds link-preview
        // tags to /cong-khai/mo-hinh/{id}: keep that path.
        path: "/cong-khai/mo-hinh",
        element: <PublicLayout />,
        children: [
          { index: true, element: <PublicPracticesPage /> },
          { path: ":id", element: <PublicPracticePage /> },
        ],
      },
      {
        // The exemplars' showcase: no account, outside the app's frame (the showcase's frame).
        path: "/cong-khai/dien-hinh",
        element: <PublicLayout />,
        children: [
          { index: true, element: <PublicExemplarsPage /> },
          { path: ":id", element: <PublicExemplarPage /> },
        ],
      },
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
                  { path: "practices", element: <PracticesPage /> },
                  {
                    path: "review-queue",
                    element: (
                      <RequireRole roles={MODULE_ROLES.reviewQueue}>
                        <PracticeQueuePage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "practices/new",
                    element: (
                      <RequireRole roles={MODULE_ROLES.practiceKeepers}>
                        <NewPracticePage />
                      </RequireRole>
                    ),
                  },
                  { path: "practices/:id", element: <PracticePage /> },
                  {
                    path: "practices/:id/edit",
                    element: (
                      <RequireRole roles={MODULE_ROLES.practiceKeepers}>
                        <EditPracticePage />
                      </RequireRole>
                    ),
                  },
                  { path: "booklets", element: <BookletsPage /> },
                  {
                    path: "booklets/new",
                    element: (
                      <RequireRole roles={COMPILER_ROLES}>
                        <NewBookletPage />
                      </RequireRole>
                    ),
                  },
                  { path: "booklets/:id", element: <BookletPage /> },
                  {
                    path: "booklets/:id/edit",
                    element: (
                      <RequireRole roles={COMPILER_ROLES}>
                        <EditBookletPage />
                      </RequireRole>
                    ),
                  },
                  { path: "exemplars", element: <ExemplarsPage /> },
                  {
                    path: "exemplars/queue",
                    element: (
                      <RequireRole roles={REVIEWER_ROLES}>
                        <ExemplarQueuePage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "exemplars/new",
                    element: (
                      <RequireRole roles={KEEPER_ROLES}>
                        <NewExemplarPage />
                      </RequireRole>
                    ),
                  },
                  { path: "exemplars/:id", element: <ExemplarPage /> },
                  {
                    path: "exemplars/:id/edit",
                    element: (
                      <RequireRole roles={KEEPER_ROLES}>
                        <EditExemplarPage />
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
