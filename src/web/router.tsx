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
const CommunitiesPage = lazy(() => import('./pages/property/CommunitiesPage'));
const CommunityDetailPage = lazy(() => import('./pages/property/CommunityDetailPage'));
const RoomDetailPage = lazy(() => import('./pages/property/RoomDetailPage'));
const ResidentsPage = lazy(() => import('./pages/property/ResidentsPage'));
const ImportPage = lazy(() => import('./pages/property/ImportPage'));
const PasswordPage = lazy(() => import('./pages/account/PasswordPage'));

const guarded = (permission: Permission, Page: ComponentType): ReactNode => (
  <Guard permission={permission}>
    <Page />
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
      { path: 'property/communities', element: guarded('property.read', CommunitiesPage) },
      { path: 'property/communities/:id', element: guarded('property.read', CommunityDetailPage) },
      { path: 'property/rooms/:id', element: guarded('property.read', RoomDetailPage) },
      { path: 'property/residents', element: guarded('property.read', ResidentsPage) },
      { path: 'property/import', element: guarded('property.import', ImportPage) },
      { path: 'account/password', element: <PasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
