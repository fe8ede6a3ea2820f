/**
 * The run-time half of the endpoint table: each entry's method, path, permission and non-JSON content types, and
 * nothing else. The web imports this (through `src/web/api/endpoints.ts`) so the console's bundle carries no zod
 * and none of the contracts' schemas or the domain data they import; the schema half (`endpoints.ts`) spreads
 * each of these into its entry, and `endpoint-routes.test.ts` holds the two to the same names.
 */
import { CASE_ACTIONS, type CaseAction } from '../domain/case/case';
import { route } from './endpoint';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One route per case action; the server shares one handler. */
const caseAction = <A extends CaseAction>(action: A) =>
  route({
    method: 'POST',
    path: `/api/cases/:id/actions/${action}` as `/api/cases/:id/actions/${A}`,
    permission: 'cases.read',
  });
type CaseActionRoutes = { [A in CaseAction]: ReturnType<typeof caseAction<A>> };

export const routes = {
  ops: {
    health: route({ method: 'GET', path: '/api/health', permission: 'public' }),
    openapi: route({ method: 'GET', path: '/api/openapi.json', permission: 'public' }),
    testClock: route({ method: 'POST', path: '/api/test/clock', permission: 'users.manage' }),
    testOutbox: route({ method: 'GET', path: '/api/test/outbox', permission: 'users.manage' }),
    sweep: route({ method: 'POST', path: '/api/admin/sweep', permission: 'ops.sweep' }),
  },
  auth: {
    login: route({ method: 'POST', path: '/api/auth/login', permission: 'public' }),
    logout: route({ method: 'POST', path: '/api/auth/logout', permission: 'public' }),
    me: route({ method: 'GET', path: '/api/auth/me', permission: 'authenticated' }),
    changePassword: route({ method: 'POST', path: '/api/auth/password', permission: 'authenticated' }),
    listTokens: route({ method: 'GET', path: '/api/auth/tokens', permission: 'tokens.manage' }),
    createToken: route({ method: 'POST', path: '/api/auth/tokens', permission: 'tokens.manage' }),
    revokeToken: route({ method: 'DELETE', path: '/api/auth/tokens/:id', permission: 'tokens.manage' }),
  },
  users: {
    list: route({ method: 'GET', path: '/api/users', permission: 'users.read' }),
    get: route({ method: 'GET', path: '/api/users/:id', permission: 'users.read' }),
    create: route({ method: 'POST', path: '/api/users', permission: 'users.manage' }),
    update: route({ method: 'PATCH', path: '/api/users/:id', permission: 'users.manage' }),
    unlock: route({ method: 'POST', path: '/api/users/:id/unlock', permission: 'users.manage' }),
  },
  org: {
    getCompany: route({ method: 'GET', path: '/api/company', permission: 'company.read' }),
    updateCompany: route({ method: 'PATCH', path: '/api/company', permission: 'company.manage' }),
    listOffices: route({ method: 'GET', path: '/api/offices', permission: 'org.read' }),
    createOffice: route({ method: 'POST', path: '/api/offices', permission: 'org.manage' }),
    getOffice: route({ method: 'GET', path: '/api/offices/:id', permission: 'org.read' }),
    updateOffice: route({ method: 'PATCH', path: '/api/offices/:id', permission: 'org.manage' }),
    deleteOffice: route({ method: 'DELETE', path: '/api/offices/:id', permission: 'org.manage' }),
    listDepartments: route({ method: 'GET', path: '/api/departments', permission: 'org.read' }),
    createDepartment: route({ method: 'POST', path: '/api/departments', permission: 'org.manage' }),
    getDepartment: route({ method: 'GET', path: '/api/departments/:id', permission: 'org.read' }),
    updateDepartment: route({ method: 'PATCH', path: '/api/departments/:id', permission: 'org.manage' }),
    deleteDepartment: route({ method: 'DELETE', path: '/api/departments/:id', permission: 'org.manage' }),
    listPartnerUnits: route({ method: 'GET', path: '/api/partner-units', permission: 'org.read' }),
    createPartnerUnit: route({ method: 'POST', path: '/api/partner-units', permission: 'org.manage' }),
    getPartnerUnit: route({ method: 'GET', path: '/api/partner-units/:id', permission: 'org.read' }),
    updatePartnerUnit: route({ method: 'PATCH', path: '/api/partner-units/:id', permission: 'org.manage' }),
    deletePartnerUnit: route({ method: 'DELETE', path: '/api/partner-units/:id', permission: 'org.manage' }),
  },
  property: {
    listCommunities: route({ method: 'GET', path: '/api/communities', permission: 'property.read' }),
    createCommunity: route({ method: 'POST', path: '/api/communities', permission: 'property.manage' }),
    getCommunity: route({ method: 'GET', path: '/api/communities/:id', permission: 'property.read' }),
    updateCommunity: route({ method: 'PATCH', path: '/api/communities/:id', permission: 'property.manage' }),
    deleteCommunity: route({ method: 'DELETE', path: '/api/communities/:id', permission: 'property.manage' }),
    listBuildings: route({ method: 'GET', path: '/api/buildings', permission: 'property.read' }),
    createBuilding: route({ method: 'POST', path: '/api/buildings', permission: 'property.manage' }),
    getBuilding: route({ method: 'GET', path: '/api/buildings/:id', permission: 'property.read' }),
    updateBuilding: route({ method: 'PATCH', path: '/api/buildings/:id', permission: 'property.manage' }),
    deleteBuilding: route({ method: 'DELETE', path: '/api/buildings/:id', permission: 'property.manage' }),
    listUnits: route({ method: 'GET', path: '/api/building-units', permission: 'property.read' }),
    createUnit: route({ method: 'POST', path: '/api/building-units', permission: 'property.manage' }),
    getUnit: route({ method: 'GET', path: '/api/building-units/:id', permission: 'property.read' }),
    updateUnit: route({ method: 'PATCH', path: '/api/building-units/:id', permission: 'property.manage' }),
    deleteUnit: route({ method: 'DELETE', path: '/api/building-units/:id', permission: 'property.manage' }),
    listRooms: route({ method: 'GET', path: '/api/rooms', permission: 'property.read' }),
    createRoom: route({ method: 'POST', path: '/api/rooms', permission: 'property.manage' }),
    getRoom: route({ method: 'GET', path: '/api/rooms/:id', permission: 'property.read' }),
    updateRoom: route({ method: 'PATCH', path: '/api/rooms/:id', permission: 'property.manage' }),
    deleteRoom: route({ method: 'DELETE', path: '/api/rooms/:id', permission: 'property.manage' }),
    listResidents: route({ method: 'GET', path: '/api/residents', permission: 'property.read' }),
    createResident: route({ method: 'POST', path: '/api/residents', permission: 'property.manage' }),
    getResident: route({ method: 'GET', path: '/api/residents/:id', permission: 'property.read' }),
    updateResident: route({ method: 'PATCH', path: '/api/residents/:id', permission: 'property.manage' }),
    deleteResident: route({ method: 'DELETE', path: '/api/residents/:id', permission: 'property.manage' }),
    lookupCaller: route({ method: 'GET', path: '/api/lookup/caller', permission: 'property.read' }),
    import: route({
      method: 'POST',
      path: '/api/property/import',
      permission: 'property.import',
      consumes: ['multipart/form-data'],
    }),
    importTemplate: route({
      method: 'GET',
      path: '/api/property/import/template',
      permission: 'property.import',
      produces: [XLSX, 'text/csv'],
    }),
    export: route({
      method: 'GET',
      path: '/api/property/export',
      permission: 'property.export',
      produces: [XLSX],
    }),
  },
  settings: {
    categories: route({ method: 'GET', path: '/api/categories', permission: 'authenticated' }),
    createCategory: route({
      method: 'POST',
      path: '/api/categories',
      permission: 'settings.manage',
      idempotent: true,
    }),
    updateCategory: route({ method: 'PATCH', path: '/api/categories/:id', permission: 'settings.manage' }),
    deleteCategory: route({ method: 'DELETE', path: '/api/categories/:id', permission: 'settings.manage' }),
    calendarOverrides: route({ method: 'GET', path: '/api/calendar/overrides', permission: 'authenticated' }),
    putCalendarOverrides: route({
      method: 'PUT',
      path: '/api/calendar/overrides/:year',
      permission: 'settings.manage',
    }),
    calendarStatus: route({ method: 'GET', path: '/api/calendar/status', permission: 'authenticated' }),
    readCalendarNotice: route({
      method: 'POST',
      path: '/api/calendar/notice',
      permission: 'settings.manage',
    }),
    policy: route({ method: 'GET', path: '/api/policies', permission: 'authenticated' }),
    putPolicy: route({ method: 'PUT', path: '/api/policies', permission: 'settings.manage' }),
    reportPolicy: route({ method: 'GET', path: '/api/report-policy', permission: 'reports.read' }),
    putReportPolicy: route({ method: 'PUT', path: '/api/report-policy', permission: 'settings.manage' }),
    listFeeItems: route({ method: 'GET', path: '/api/fee-items', permission: 'cases.read' }),
    createFeeItem: route({
      method: 'POST',
      path: '/api/fee-items',
      permission: 'settings.manage',
      idempotent: true,
    }),
    getFeeItem: route({ method: 'GET', path: '/api/fee-items/:id', permission: 'cases.read' }),
    updateFeeItem: route({ method: 'PATCH', path: '/api/fee-items/:id', permission: 'settings.manage' }),
    deleteFeeItem: route({ method: 'DELETE', path: '/api/fee-items/:id', permission: 'settings.manage' }),
  },
  attachments: {
    upload: route({
      method: 'POST',
      path: '/api/attachments',
      permission: 'authenticated',
      consumes: ['multipart/form-data'],
    }),
    content: route({
      method: 'GET',
      path: '/api/attachments/:id/content',
      permission: 'authenticated',
      produces: ['application/octet-stream'],
    }),
  },
  notifications: {
    list: route({ method: 'GET', path: '/api/notifications', permission: 'authenticated' }),
    read: route({ method: 'POST', path: '/api/notifications/:id/read', permission: 'authenticated' }),
    readAll: route({ method: 'POST', path: '/api/notifications/read-all', permission: 'authenticated' }),
    events: route({
      method: 'GET',
      path: '/api/events',
      permission: 'authenticated',
      produces: ['text/event-stream'],
    }),
  },
  outbox: {
    list: route({ method: 'GET', path: '/api/outbox', permission: 'outbox.read' }),
    get: route({ method: 'GET', path: '/api/outbox/:id', permission: 'outbox.read' }),
    retry: route({ method: 'POST', path: '/api/outbox/:id/retry', permission: 'settings.manage' }),
  },
  messageSettings: {
    get: route({ method: 'GET', path: '/api/message-settings', permission: 'settings.manage' }),
    put: route({ method: 'PUT', path: '/api/message-settings', permission: 'settings.manage' }),
    putCredentials: route({
      method: 'PUT',
      path: '/api/message-settings/credentials/:channel',
      permission: 'settings.manage',
    }),
    deleteCredentials: route({
      method: 'DELETE',
      path: '/api/message-settings/credentials/:channel',
      permission: 'settings.manage',
    }),
    test: route({
      method: 'POST',
      path: '/api/message-settings/test',
      permission: 'settings.manage',
      idempotent: true,
    }),
  },
  deadlines: {
    overdue: route({ method: 'GET', path: '/api/deadlines', permission: 'authenticated' }),
  },
  cases: {
    create: route({ method: 'POST', path: '/api/cases', permission: 'cases.create', idempotent: true }),
    list: route({ method: 'GET', path: '/api/cases', permission: 'cases.read' }),
    get: route({ method: 'GET', path: '/api/cases/:id', permission: 'cases.read' }),
    reveal: route({ method: 'POST', path: '/api/cases/:id/reveal', permission: 'cases.read' }),
    actions: Object.fromEntries(CASE_ACTIONS.map((a) => [a, caseAction(a)])) as CaseActionRoutes,
  },
  reports: {
    dashboard: route({ method: 'GET', path: '/api/dashboard', permission: 'reports.read' }),
    monthly: {
      forMonth: route({ method: 'GET', path: '/api/reports/monthly', permission: 'reports.read' }),
      status: route({ method: 'GET', path: '/api/reports/monthly/status', permission: 'reports.read' }),
      get: route({ method: 'GET', path: '/api/reports/monthly/:id', permission: 'reports.read' }),
      public: route({ method: 'GET', path: '/api/reports/monthly/:id/public', permission: 'reports.read' }),
      cases: route({ method: 'GET', path: '/api/reports/monthly/:id/cases', permission: 'reports.read' }),
      putPublic: route({
        method: 'PUT',
        path: '/api/reports/monthly/:id/public',
        permission: 'reports.approve',
      }),
      highlights: route({
        method: 'POST',
        path: '/api/reports/monthly/:id/highlights',
        permission: 'reports.approve',
      }),
      approve: route({
        method: 'POST',
        path: '/api/reports/monthly/:id/approve',
        permission: 'reports.approve',
      }),
      publish: route({
        method: 'POST',
        path: '/api/reports/monthly/:id/publish',
        permission: 'reports.approve',
      }),
      exportXlsx: route({
        method: 'GET',
        path: '/api/reports/monthly/:id/export.xlsx',
        permission: 'reports.read',
        produces: [XLSX],
      }),
      print: route({
        method: 'GET',
        path: '/api/reports/monthly/:id/print',
        permission: 'reports.read',
        produces: ['text/html'],
      }),
    },
    quarterly: {
      forQuarter: route({ method: 'GET', path: '/api/reports/quarterly', permission: 'authenticated' }),
      get: route({ method: 'GET', path: '/api/reports/quarterly/:id', permission: 'authenticated' }),
      putService: route({
        method: 'PUT',
        path: '/api/reports/quarterly/:id/service',
        permission: 'reports.read',
      }),
      submitService: route({
        method: 'POST',
        path: '/api/reports/quarterly/:id/submit-service',
        permission: 'reports.read',
      }),
      putFinance: route({
        method: 'PUT',
        path: '/api/reports/quarterly/:id/finance',
        permission: 'authenticated',
      }),
      submitFinance: route({
        method: 'POST',
        path: '/api/reports/quarterly/:id/submit-finance',
        permission: 'authenticated',
      }),
      sign: route({ method: 'POST', path: '/api/reports/quarterly/:id/sign', permission: 'reports.approve' }),
      publish: route({
        method: 'POST',
        path: '/api/reports/quarterly/:id/publish',
        permission: 'reports.approve',
      }),
    },
  },
  accountability: {
    performance: route({
      method: 'GET',
      path: '/api/accountability/performance',
      permission: 'accountability.read',
    }),
    violations: route({
      method: 'GET',
      path: '/api/accountability/violations',
      permission: 'accountability.read',
    }),
    confirm: route({
      method: 'POST',
      path: '/api/accountability/violations/:id/confirm',
      permission: 'accountability.decide',
    }),
    waive: route({
      method: 'POST',
      path: '/api/accountability/violations/:id/waive',
      permission: 'accountability.decide',
    }),
    firstAskRegister: route({
      method: 'GET',
      path: '/api/accountability/first-ask-register',
      permission: 'accountability.read',
    }),
    firstAskRegisterXlsx: route({
      method: 'GET',
      path: '/api/accountability/first-ask-register.xlsx',
      permission: 'accountability.read',
      produces: [XLSX],
    }),
  },
  problems: {
    list: route({ method: 'GET', path: '/api/problems', permission: 'problems.read' }),
    match: route({ method: 'GET', path: '/api/problems/match', permission: 'cases.create' }),
    detect: route({ method: 'POST', path: '/api/problems/detect', permission: 'problems.detect' }),
    get: route({ method: 'GET', path: '/api/problems/:id', permission: 'problems.read' }),
    update: route({ method: 'PATCH', path: '/api/problems/:id', permission: 'problems.manage' }),
    close: route({ method: 'POST', path: '/api/problems/:id/close', permission: 'problems.manage' }),
  },
};
export type Routes = typeof routes;
