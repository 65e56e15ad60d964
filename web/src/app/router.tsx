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
import { COMMENDATION_ROLES, PROPOSER_ROLES } from "../features/commendations/api";
import { DecisionPage as CommendationDecisionPage } from "../features/commendations/DecisionPage";
import { DecisionsPage as CommendationDecisionsPage } from "../features/commendations/DecisionsPage";
import { FormsPage as CommendationFormsPage } from "../features/commendations/FormsPage";
import { EditProposalPage, NewProposalPage } from "../features/commendations/ProposalFormPage";
import { ProposalPage } from "../features/commendations/ProposalPage";
import { ProposalsPage } from "../features/commendations/ProposalsPage";
import { CommitmentReviewPage } from "../features/commitments/CommitmentReviewPage";
import { CommitmentsPage } from "../features/commitments/CommitmentsPage";
import { HistoryPage as CommitmentHistoryPage } from "../features/commitments/HistoryPage";
import { MyCommitmentPage } from "../features/commitments/MyCommitmentPage";
import { DashboardPage } from "../features/dashboard/DashboardPage";
import { EditExemplarPage, NewExemplarPage } from "../features/exemplars/ExemplarFormPage";
import { ExemplarPage } from "../features/exemplars/ExemplarPage";
import { ExemplarQueuePage } from "../features/exemplars/ExemplarQueuePage";
import { ExemplarsPage } from "../features/exemplars/ExemplarsPage";
import { PublicExemplarPage } from "../features/exemplars/public/PublicExemplarPage";
import { PublicExemplarsPage } from "../features/exemplars/public/PublicExemplarsPage";
import { HomePage } from "../features/home/HomePage";
import { DocumentPage } from "../features/library/DocumentPage";
import { LibraryPage } from "../features/library/LibraryPage";
import { NotificationsPage } from "../features/notifications/NotificationsPage";
import { ImportPage } from "../features/people/ImportPage";
import { PeoplePage } from "../features/people/PeoplePage";
import { PLANNER_ROLES } from "../features/plans/api";
import { EditPlanPage, NewPlanPage } from "../features/plans/PlanFormPage";
import { PlanPage } from "../features/plans/PlanPage";
import { PlansPage } from "../features/plans/PlansPage";
import { KEEPER_ROLES, REVIEWER_ROLES } from "../features/practices/api";
import { EditPracticePage, NewPracticePage } from "../features/practices/PracticeFormPage";
import { PracticePage } from "../features/practices/PracticePage";
import { PracticeQueuePage } from "../features/practices/PracticeQueuePage";
import { PracticesPage } from "../features/practices/PracticesPage";
import { PublicLayout } from "../features/practices/public/PublicLayout";
import { PublicPracticePage } from "../features/practices/public/PublicPracticePage";
import { PublicPracticesPage } from "../features/practices/public/PublicPracticesPage";
import { REPORT_ISSUER_ROLES, REPORT_ROLES } from "../features/reports/api";
import { ReportPage } from "../features/reports/ReportPage";
import { ReportsPage } from "../features/reports/ReportsPage";
import { NewRequestPage as NewReportRequestPage } from "../features/reports/RequestFormPage";
import { RequestPage as ReportRequestPage } from "../features/reports/RequestPage";
import { NewSchedulePage as NewReportSchedulePage } from "../features/reports/ScheduleFormPage";
import { StandardPage } from "../features/standards/StandardPage";
import { StandardsPage } from "../features/standards/StandardsPage";
import { TokensPage } from "../features/tokens/TokensPage";
import { RECORDER_ROLES } from "../features/topics/api";
import { NewSessionPage, SessionPage } from "../features/topics/SessionFormPage";
import { TopicPage } from "../features/topics/TopicPage";
import { TopicsPage } from "../features/topics/TopicsPage";
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
                    path: "dashboard",
                    element: (
                      <RequireRole roles={MODULE_ROLES.dashboard}>
                        <DashboardPage />
                      </RequireRole>
                    ),
                  },
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
                  { path: "plans", element: <PlansPage /> },
                  {
                    path: "plans/new",
                    element: (
                      <RequireRole roles={PLANNER_ROLES}>
                        <NewPlanPage />
                      </RequireRole>
                    ),
                  },
                  { path: "plans/:id", element: <PlanPage /> },
                  {
                    path: "plans/:id/edit",
                    element: (
                      <RequireRole roles={PLANNER_ROLES}>
                        <EditPlanPage />
                      </RequireRole>
                    ),
                  },
                  { path: "topics", element: <TopicsPage /> },
                  {
                    path: "topics/sessions/new",
                    element: (
                      <RequireRole roles={RECORDER_ROLES}>
                        <NewSessionPage />
                      </RequireRole>
                    ),
                  },
                  { path: "topics/sessions/:id", element: <SessionPage /> },
                  { path: "topics/:id", element: <TopicPage /> },
                  { path: "library", element: <LibraryPage /> },
                  { path: "library/:id", element: <DocumentPage /> },
                  { path: "standards", element: <StandardsPage /> },
                  { path: "standards/:id", element: <StandardPage /> },
                  { path: "commitment", element: <MyCommitmentPage /> },
                  { path: "commitment/history", element: <CommitmentHistoryPage /> },
                  {
                    path: "commitments",
                    element: (
                      <RequireRole roles={MODULE_ROLES.commitments}>
                        <CommitmentsPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "commitments/:id",
                    element: (
                      <RequireRole roles={MODULE_ROLES.commitments}>
                        <CommitmentReviewPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "commendations",
                    element: (
                      <RequireRole roles={COMMENDATION_ROLES}>
                        <ProposalsPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "commendations/proposals/new",
                    element: (
                      <RequireRole roles={PROPOSER_ROLES}>
                        <NewProposalPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "commendations/proposals/:id",
                    element: (
                      <RequireRole roles={COMMENDATION_ROLES}>
                        <ProposalPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "commendations/proposals/:id/edit",
                    element: (
                      <RequireRole roles={PROPOSER_ROLES}>
                        <EditProposalPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "commendations/decisions",
                    element: (
                      <RequireRole roles={COMMENDATION_ROLES}>
                        <CommendationDecisionsPage />
                      </RequireRole>
                    ),
                  },
                  // Members open the decisions naming them (their history links here).
                  { path: "commendations/decisions/:id", element: <CommendationDecisionPage /> },
                  {
                    path: "commendations/forms",
                    element: (
                      <RequireRole roles={COMMENDATION_ROLES}>
                        <CommendationFormsPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "reports",
                    element: (
                      <RequireRole roles={REPORT_ROLES}>
                        <ReportsPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "reports/requests/new",
                    element: (
                      <RequireRole roles={REPORT_ROLES}>
                        <NewReportRequestPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "reports/schedules/new",
                    element: (
                      <RequireRole roles={REPORT_ISSUER_ROLES}>
                        <NewReportSchedulePage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "reports/requests/:id",
                    element: (
                      <RequireRole roles={REPORT_ROLES}>
                        <ReportRequestPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: "reports/:id",
                    element: (
                      <RequireRole roles={REPORT_ROLES}>
                        <ReportPage />
                      </RequireRole>
                    ),
                  },
                  { path: "notifications", element: <NotificationsPage /> },
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
