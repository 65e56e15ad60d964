import { type ComponentType, lazy, Suspense } from "react";
import { createBrowserRouter, Outlet } from "react-router";
import { ErrorPage } from "../components/ErrorPage";
import { PageLoader } from "../components/ListStates";
import { NotFoundPage } from "../components/NotFoundPage";
// The first visit's pages (the login page, then everyone's home) come with the app itself.
import { LoginPage } from "../features/auth/LoginPage";
import { HomePage } from "../features/home/HomePage";
import { AppLayout } from "./AppLayout";
import { RequireCapability, RequireSession } from "./guards";

/**
 * A page loaded on demand: each page is its own chunk, fetched the first time it is opened, so a
 * phone downloads only the pages it visits (the first visit: login, then home).
 */
function lazyPage<K extends string, M extends Record<K, ComponentType>>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** Where a page chunk loads: the "Đang tải…" status (role=status) in place of the page. */
function PageSuspense() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Outlet />
    </Suspense>
  );
}

const AccountPage = lazyPage(() => import("../features/account/AccountPage"), "AccountPage");
const AuditPage = lazyPage(() => import("../features/audit/AuditPage"), "AuditPage");
const EditBookletPage = lazyPage(() => import("../features/booklets/BookletFormPage"), "EditBookletPage");
const NewBookletPage = lazyPage(() => import("../features/booklets/BookletFormPage"), "NewBookletPage");
const BookletPage = lazyPage(() => import("../features/booklets/BookletPage"), "BookletPage");
const BookletsPage = lazyPage(() => import("../features/booklets/BookletsPage"), "BookletsPage");
const CommendationDecisionPage = lazyPage(
  () => import("../features/commendations/DecisionPage"),
  "DecisionPage",
);
const CommendationDecisionsPage = lazyPage(
  () => import("../features/commendations/DecisionsPage"),
  "DecisionsPage",
);
const CommendationFormsPage = lazyPage(() => import("../features/commendations/FormsPage"), "FormsPage");
const EditProposalPage = lazyPage(
  () => import("../features/commendations/ProposalFormPage"),
  "EditProposalPage",
);
const NewProposalPage = lazyPage(
  () => import("../features/commendations/ProposalFormPage"),
  "NewProposalPage",
);
const ProposalPage = lazyPage(() => import("../features/commendations/ProposalPage"), "ProposalPage");
const ProposalsPage = lazyPage(() => import("../features/commendations/ProposalsPage"), "ProposalsPage");
const CommitmentReviewPage = lazyPage(
  () => import("../features/commitments/CommitmentReviewPage"),
  "CommitmentReviewPage",
);
const CommitmentsPage = lazyPage(() => import("../features/commitments/CommitmentsPage"), "CommitmentsPage");
const CommitmentHistoryPage = lazyPage(() => import("../features/commitments/HistoryPage"), "HistoryPage");
const MyCommitmentPage = lazyPage(
  () => import("../features/commitments/MyCommitmentPage"),
  "MyCommitmentPage",
);
const DashboardPage = lazyPage(() => import("../features/dashboard/DashboardPage"), "DashboardPage");
const EditExemplarPage = lazyPage(() => import("../features/exemplars/ExemplarFormPage"), "EditExemplarPage");
const NewExemplarPage = lazyPage(() => import("../features/exemplars/ExemplarFormPage"), "NewExemplarPage");
const ExemplarPage = lazyPage(() => import("../features/exemplars/ExemplarPage"), "ExemplarPage");
const ExemplarQueuePage = lazyPage(
  () => import("../features/exemplars/ExemplarQueuePage"),
  "ExemplarQueuePage",
);
const ExemplarsPage = lazyPage(() => import("../features/exemplars/ExemplarsPage"), "ExemplarsPage");
const PublicExemplarPage = lazyPage(
  () => import("../features/exemplars/public/PublicExemplarPage"),
  "PublicExemplarPage",
);
const PublicExemplarsPage = lazyPage(
  () => import("../features/exemplars/public/PublicExemplarsPage"),
  "PublicExemplarsPage",
);
const DocumentPage = lazyPage(() => import("../features/library/DocumentPage"), "DocumentPage");
const LibraryPage = lazyPage(() => import("../features/library/LibraryPage"), "LibraryPage");
const NotificationsPage = lazyPage(
  () => import("../features/notifications/NotificationsPage"),
  "NotificationsPage",
);
const ImportPage = lazyPage(() => import("../features/people/ImportPage"), "ImportPage");
const PeoplePage = lazyPage(() => import("../features/people/PeoplePage"), "PeoplePage");
const EditPlanPage = lazyPage(() => import("../features/plans/PlanFormPage"), "EditPlanPage");
const NewPlanPage = lazyPage(() => import("../features/plans/PlanFormPage"), "NewPlanPage");
const PlanPage = lazyPage(() => import("../features/plans/PlanPage"), "PlanPage");
const PlansPage = lazyPage(() => import("../features/plans/PlansPage"), "PlansPage");
const EditPracticePage = lazyPage(() => import("../features/practices/PracticeFormPage"), "EditPracticePage");
const NewPracticePage = lazyPage(() => import("../features/practices/PracticeFormPage"), "NewPracticePage");
const PracticePage = lazyPage(() => import("../features/practices/PracticePage"), "PracticePage");
const PracticeQueuePage = lazyPage(
  () => import("../features/practices/PracticeQueuePage"),
  "PracticeQueuePage",
);
const PracticesPage = lazyPage(() => import("../features/practices/PracticesPage"), "PracticesPage");
const PublicLayout = lazyPage(() => import("../features/practices/public/PublicLayout"), "PublicLayout");
const PublicPracticePage = lazyPage(
  () => import("../features/practices/public/PublicPracticePage"),
  "PublicPracticePage",
);
const PublicPracticesPage = lazyPage(
  () => import("../features/practices/public/PublicPracticesPage"),
  "PublicPracticesPage",
);
const ReportPage = lazyPage(() => import("../features/reports/ReportPage"), "ReportPage");
const ReportsPage = lazyPage(() => import("../features/reports/ReportsPage"), "ReportsPage");
const NewReportRequestPage = lazyPage(() => import("../features/reports/RequestFormPage"), "NewRequestPage");
const ReportRequestPage = lazyPage(() => import("../features/reports/RequestPage"), "RequestPage");
const NewReportSchedulePage = lazyPage(
  () => import("../features/reports/ScheduleFormPage"),
  "NewSchedulePage",
);
const StandardPage = lazyPage(() => import("../features/standards/StandardPage"), "StandardPage");
const StandardsPage = lazyPage(() => import("../features/standards/StandardsPage"), "StandardsPage");
const TokensPage = lazyPage(() => import("../features/tokens/TokensPage"), "TokensPage");
const NewSessionPage = lazyPage(() => import("../features/topics/SessionFormPage"), "NewSessionPage");
const SessionPage = lazyPage(() => import("../features/topics/SessionFormPage"), "SessionPage");
const TopicPage = lazyPage(() => import("../features/topics/TopicPage"), "TopicPage");
const TopicsPage = lazyPage(() => import("../features/topics/TopicsPage"), "TopicsPage");
const OrganisationPage = lazyPage(() => import("../features/units/OrganisationPage"), "OrganisationPage");
const UnitPage = lazyPage(() => import("../features/units/UnitPage"), "UnitPage");
const UsersPage = lazyPage(() => import("../features/users/UsersPage"), "UsersPage");

export const router = createBrowserRouter([
  {
    element: <PageSuspense />,
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
                // Errors in a page render inside the frame, so the navigation stays usable; a page
                // still loading shows its status there too.
                element: <PageSuspense />,
                errorElement: <ErrorPage />,
                children: [
                  { index: true, element: <HomePage /> },
                  {
                    path: "dashboard",
                    element: (
                      <RequireCapability capability="dashboard.view">
                        <DashboardPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "units",
                    element: (
                      <RequireCapability capability="units.browse">
                        <OrganisationPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "units/:id",
                    element: (
                      <RequireCapability capability="units.browse">
                        <UnitPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "people",
                    element: (
                      <RequireCapability capability="people.browse">
                        <PeoplePage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "people/import",
                    element: (
                      <RequireCapability capability="people.browse">
                        <ImportPage />
                      </RequireCapability>
                    ),
                  },
                  { path: "practices", element: <PracticesPage /> },
                  {
                    path: "review-queue",
                    element: (
                      <RequireCapability capability="recognition.review">
                        <PracticeQueuePage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "practices/new",
                    element: (
                      <RequireCapability capability="recognition.keep">
                        <NewPracticePage />
                      </RequireCapability>
                    ),
                  },
                  { path: "practices/:id", element: <PracticePage /> },
                  {
                    path: "practices/:id/edit",
                    element: (
                      <RequireCapability capability="recognition.keep">
                        <EditPracticePage />
                      </RequireCapability>
                    ),
                  },
                  { path: "plans", element: <PlansPage /> },
                  {
                    path: "plans/new",
                    element: (
                      <RequireCapability capability="plans.plan">
                        <NewPlanPage />
                      </RequireCapability>
                    ),
                  },
                  { path: "plans/:id", element: <PlanPage /> },
                  {
                    path: "plans/:id/edit",
                    element: (
                      <RequireCapability capability="plans.plan">
                        <EditPlanPage />
                      </RequireCapability>
                    ),
                  },
                  { path: "topics", element: <TopicsPage /> },
                  {
                    path: "topics/sessions/new",
                    element: (
                      <RequireCapability capability="topics.record">
                        <NewSessionPage />
                      </RequireCapability>
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
                      <RequireCapability capability="commitments.browse">
                        <CommitmentsPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "commitments/:id",
                    element: (
                      <RequireCapability capability="commitments.browse">
                        <CommitmentReviewPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "commendations",
                    element: (
                      <RequireCapability capability="commendations.browse">
                        <ProposalsPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "commendations/proposals/new",
                    element: (
                      <RequireCapability capability="commendations.propose">
                        <NewProposalPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "commendations/proposals/:id",
                    element: (
                      <RequireCapability capability="commendations.browse">
                        <ProposalPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "commendations/proposals/:id/edit",
                    element: (
                      <RequireCapability capability="commendations.propose">
                        <EditProposalPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "commendations/decisions",
                    element: (
                      <RequireCapability capability="commendations.browse">
                        <CommendationDecisionsPage />
                      </RequireCapability>
                    ),
                  },
                  // Members open the decisions naming them (their history links here).
                  { path: "commendations/decisions/:id", element: <CommendationDecisionPage /> },
                  {
                    path: "commendations/forms",
                    element: (
                      <RequireCapability capability="commendations.browse">
                        <CommendationFormsPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "reports",
                    element: (
                      <RequireCapability capability="reports.browse">
                        <ReportsPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "reports/requests/new",
                    element: (
                      <RequireCapability capability="reports.browse">
                        <NewReportRequestPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "reports/schedules/new",
                    element: (
                      <RequireCapability capability="reports.request">
                        <NewReportSchedulePage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "reports/requests/:id",
                    element: (
                      <RequireCapability capability="reports.browse">
                        <ReportRequestPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "reports/:id",
                    element: (
                      <RequireCapability capability="reports.browse">
                        <ReportPage />
                      </RequireCapability>
                    ),
                  },
                  { path: "notifications", element: <NotificationsPage /> },
                  { path: "booklets", element: <BookletsPage /> },
                  {
                    path: "booklets/new",
                    element: (
                      <RequireCapability capability="booklets.compile">
                        <NewBookletPage />
                      </RequireCapability>
                    ),
                  },
                  { path: "booklets/:id", element: <BookletPage /> },
                  {
                    path: "booklets/:id/edit",
                    element: (
                      <RequireCapability capability="booklets.compile">
                        <EditBookletPage />
                      </RequireCapability>
                    ),
                  },
                  { path: "exemplars", element: <ExemplarsPage /> },
                  {
                    path: "exemplars/queue",
                    element: (
                      <RequireCapability capability="recognition.review">
                        <ExemplarQueuePage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "exemplars/new",
                    element: (
                      <RequireCapability capability="recognition.keep">
                        <NewExemplarPage />
                      </RequireCapability>
                    ),
                  },
                  { path: "exemplars/:id", element: <ExemplarPage /> },
                  {
                    path: "exemplars/:id/edit",
                    element: (
                      <RequireCapability capability="recognition.keep">
                        <EditExemplarPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "users",
                    element: (
                      <RequireCapability capability="users.browse">
                        <UsersPage />
                      </RequireCapability>
                    ),
                  },
                  {
                    path: "audit",
                    element: (
                      <RequireCapability capability="audit.read">
                        <AuditPage />
                      </RequireCapability>
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
