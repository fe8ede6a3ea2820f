import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout, PageSpinner } from './components/AppLayout';
import { Guard, NotFoundPage } from './components/Guard';
import type { Permission } from './api/queries';

// Every page is its own chunk (React.lazy): the first load carries the shell, not every screen.
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const CompanyPage = lazy(() => import('./pages/org/CompanyPage'));
const OfficesPage = lazy(() => import('./pages/org/OfficesPage'));
const DepartmentsPage = lazy(() => import('./pages/org/DepartmentsPage'));
const PartnerUnitsPage = lazy(() => import('./pages/org/PartnerUnitsPage'));
const UsersPage = lazy(() => import('./pages/org/UsersPage'));
const TokensPage = lazy(() => import('./pages/settings/TokensPage'));
const ReportPolicyPage = lazy(() => import('./pages/settings/ReportPolicyPage'));
const FeeItemsPage = lazy(() => import('./pages/settings/FeeItemsPage'));
const ClockPolicyPage = lazy(() => import('./pages/settings/ClockPolicyPage'));
const CommunitiesPage = lazy(() => import('./pages/property/CommunitiesPage'));
const CommunityDetailPage = lazy(() => import('./pages/property/CommunityDetailPage'));
const RoomDetailPage = lazy(() => import('./pages/property/RoomDetailPage'));
const ResidentsPage = lazy(() => import('./pages/property/ResidentsPage'));
const BindingsPage = lazy(() => import('./pages/property/BindingsPage'));
const ImportPage = lazy(() => import('./pages/property/ImportPage'));
const PasswordPage = lazy(() => import('./pages/account/PasswordPage'));
const IntakePage = lazy(() => import('./pages/cases/IntakePage'));
const CaseListPage = lazy(() => import('./pages/cases/CaseListPage'));
const OverdueBoardPage = lazy(() => import('./pages/cases/OverdueBoardPage'));
const CallbackQueuePage = lazy(() => import('./pages/cases/CallbackQueuePage'));
const CaseDetailPage = lazy(() => import('./pages/cases/CaseDetailPage'));
const TechTasksPage = lazy(() => import('./pages/cases/TechTasksPage'));
const PrintPage = lazy(() => import('./pages/cases/PrintPage'));
const MonthlySummaryPage = lazy(() => import('./pages/reports/MonthlySummaryPage'));
const QuarterlyReportPage = lazy(() => import('./pages/reports/QuarterlyReportPage'));
const AccountabilityPage = lazy(() => import('./pages/reports/AccountabilityPage'));
const ProblemsPage = lazy(() => import('./pages/reports/ProblemsPage'));
const FirstAskRegisterPage = lazy(() => import('./pages/reports/FirstAskRegisterPage'));
const FirstAskRegisterPrintPage = lazy(() => import('./pages/reports/FirstAskRegisterPrintPage'));
const CalendarPage = lazy(() => import('./pages/settings/CalendarPage'));
const CategoriesPage = lazy(() => import('./pages/settings/CategoriesPage'));
const MessageSettingsPage = lazy(() => import('./pages/settings/MessageSettingsPage'));
const OutboxPage = lazy(() => import('./pages/settings/OutboxPage'));
// ECharts is imported only inside this chunk
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));

const guarded = (permission: Permission, Page: ComponentType): ReactNode => (
  <Guard permission={permission}>
    <Page />
  </Guard>
);

const caseList = (scope: 'mine' | 'department' | 'all'): ReactNode => (
  <Guard permission="cases.read">
    <CaseListPage key={scope} scope={scope} />
  </Guard>
);

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<PageSpinner />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    // a paper form fills the page: no menu, no header (the server answers 403/404 for cases out of reach)
    path: '/cases/:id/print/:form',
    element: (
      <Suspense fallback={<PageSpinner />}>
        <PrintPage />
      </Suspense>
    ),
  },
  {
    // the register of a department and month on A4, as the case forms above (FORM-2; the server answers 403)
    path: '/reports/first-ask-register/print',
    element: (
      <Suspense fallback={<PageSpinner />}>
        <FirstAskRegisterPrintPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'org/company', element: guarded('company.read', CompanyPage) },
      { path: 'org/offices', element: guarded('org.read', OfficesPage) },
      { path: 'org/departments', element: guarded('org.read', DepartmentsPage) },
      { path: 'org/partner-units', element: guarded('org.read', PartnerUnitsPage) },
      { path: 'org/users', element: guarded('users.read', UsersPage) },
      { path: 'settings/tokens', element: guarded('tokens.manage', TokensPage) },
      { path: 'settings/report-policy', element: guarded('reports.read', ReportPolicyPage) },
      { path: 'settings/fee-items', element: guarded('settings.manage', FeeItemsPage) },
      { path: 'settings/clock-policy', element: guarded('settings.manage', ClockPolicyPage) },
      { path: 'settings/calendar', element: guarded('settings.manage', CalendarPage) },
      { path: 'settings/categories', element: guarded('settings.manage', CategoriesPage) },
      { path: 'settings/messages', element: guarded('settings.manage', MessageSettingsPage) },
      { path: 'settings/outbox', element: guarded('outbox.read', OutboxPage) },
      { path: 'property/communities', element: guarded('property.read', CommunitiesPage) },
      { path: 'property/communities/:id', element: guarded('property.read', CommunityDetailPage) },
      { path: 'property/rooms/:id', element: guarded('property.read', RoomDetailPage) },
      { path: 'property/residents', element: guarded('property.read', ResidentsPage) },
      { path: 'property/bindings', element: guarded('residents.bind', BindingsPage) },
      { path: 'property/import', element: guarded('property.import', ImportPage) },
      { path: 'cases/new', element: guarded('cases.create', IntakePage) },
      { path: 'cases/mine', element: caseList('mine') },
      { path: 'cases/department', element: caseList('department') },
      { path: 'cases/all', element: caseList('all') },
      { path: 'cases/overdue', element: guarded('cases.read', OverdueBoardPage) },
      { path: 'cases/callbacks', element: guarded('cases.read', CallbackQueuePage) },
      { path: 'cases/:id', element: guarded('cases.read', CaseDetailPage) },
      { path: 'm/tasks', element: guarded('cases.read', TechTasksPage) },
      { path: 'reports/monthly', element: guarded('reports.read', MonthlySummaryPage) },
      { path: 'reports/quarterly', element: guarded('reports.read', QuarterlyReportPage) },
      { path: 'reports/accountability', element: guarded('accountability.read', AccountabilityPage) },
      { path: 'reports/problems', element: guarded('problems.read', ProblemsPage) },
      { path: 'reports/first-ask-register', element: guarded('accountability.read', FirstAskRegisterPage) },
      { path: 'dashboard', element: guarded('reports.read', DashboardPage) },
      { path: 'account/password', element: <PasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
