/**
 * Every endpoint of the API, in one table (ADR 0023). The server registers each route from its entry (method,
 * path, schemas, permission; the handler stays in the feature's `*.routes.ts`), the OpenAPI document is built from
 * those routes, and the web client types each call from the same entry (`src/web/api/client.ts`). Each entry
 * spreads its route (method, path, permission, content types) from `endpoint-routes.ts`, the zod-free half the
 * web loads at run time; this half adds the schemas and the documentation. A route that is
 * not in this table, or an entry without a route, fails `src/server/http/openapi.test.ts`.
 */
import { CASE_ACTIONS, type CaseAction } from '../domain/case/case';
import {
  ConfirmViolationBody,
  FirstAskRegister,
  FirstAskRegisterQuery,
  Performance,
  PerformanceQuery,
  Violation,
  ViolationListQuery,
  WaiveViolationBody,
} from './accountability';
import { Attachment, AttachmentContentQuery } from './attachments';
import { ApiTokenList, ChangePasswordBody, CreatedToken, CreateTokenBody, LoginBody, Me } from './auth';
import {
  CalendarNoticeBody,
  CalendarNoticeProposal,
  CalendarOverrides,
  CalendarOverridesQuery,
  CalendarStatus,
  CalendarYearParams,
  PutCalendarOverridesBody,
} from './calendar';
import { ActionBodies, Case, CaseDetail, CaseListQuery, CreateCase, RevealedReporter } from './cases';
import {
  Category,
  CategoryListQuery,
  CategoryTree,
  CreateCategoryBody,
  DeleteCategoryResult,
  UpdateCategoryBody,
} from './categories';
import { IdParams, listOf, MultipartFile, Ok, VersionBody } from './common';
import { Dashboard, DashboardQuery } from './dashboard';
import { DeadlineListQuery, OverdueDeadlineList } from './deadlines';
import { endpoint, type EndpointDef } from './endpoint';
import { routes } from './endpoint-routes';
import { CreateFeeItemBody, FeeItem, FeeItemListQuery, UpdateFeeItemBody } from './fee-items';
import {
  EventStreamHeaders,
  Notification,
  NotificationList,
  NotificationListQuery,
  ReadAllResult,
} from './notifications';
import { Health, SweepResult, TestClockBody, TestClockResult } from './ops';
import {
  Company,
  CreateDepartmentBody,
  CreateOfficeBody,
  CreatePartnerUnitBody,
  Department,
  DepartmentListQuery,
  Office,
  OfficeListQuery,
  PartnerUnit,
  PartnerUnitListQuery,
  UpdateCompanyBody,
  UpdateDepartmentBody,
  UpdateOfficeBody,
  UpdatePartnerUnitBody,
} from './org';
import { Policy, UpdatePolicyBody } from './policies';
import {
  CloseProblemBody,
  DetectResult,
  Problem,
  ProblemDetail,
  ProblemListQuery,
  ProblemMatches,
  ProblemMatchQuery,
  UpdateProblemBody,
} from './problems';
import {
  Building,
  BuildingListQuery,
  BuildingUnit,
  BuildingUnitListQuery,
  CallerLookup,
  CallerLookupQuery,
  Community,
  CommunityListQuery,
  CreateBuildingBody,
  CreateBuildingUnitBody,
  CreateCommunityBody,
  CreateResidentBody,
  CreateRoomBody,
  Resident,
  ResidentListQuery,
  Room,
  RoomDetail,
  RoomListQuery,
  UpdateBuildingBody,
  UpdateBuildingUnitBody,
  UpdateCommunityBody,
  UpdateResidentBody,
  UpdateRoomBody,
} from './property';
import { ExportQuery, ImportQuery, ImportReport, TemplateQuery } from './property-import';
import {
  PutFinanceBody,
  PutServiceBody,
  QuarterlyQuery,
  QuarterlyReport,
  QuarterlyVersionBody,
  SignBody,
} from './quarterly';
import { ReportPolicy, UpdateReportPolicyBody } from './report-policy';
import {
  DecideHighlightBody,
  DrillCase,
  DrillQuery,
  MonthlyQuery,
  MonthlySummary,
  PrintQuery,
  PublicSummary,
  PutPublicTextBody,
  StatusQuery,
  SummaryStatusList,
  SummaryVersionQuery,
} from './reports';
import { CreateUserBody, UpdateUserBody, User, UserListQuery } from './users';
import {
  ChannelParams,
  CredentialsBody,
  MessageSettings,
  OutboxListQuery,
  OutboxMessage,
  OutboxMessageDetail,
  PutMessageSettingsBody,
  TestOutboxList,
  TestOutboxQuery,
  TestSendBody,
  TestSendResult,
} from './outbox';

// ── ops ───────────────────────────────────────────────────────────────────────────────────────────────────
const ops = {
  health: endpoint({
    ...routes.ops.health,
    summary: 'Liveness and database reachability, with the running version',
    tags: ['ops'],
    response: { 200: Health },
    errors: [503],
  }),
  openapi: endpoint({
    ...routes.ops.openapi,
    summary: 'This OpenAPI document',
    tags: ['ops'],
    hide: true,
  }),
  testClock: endpoint({
    ...routes.ops.testClock,
    summary: 'Set or advance the fake clock (only with HUIYIN_FAKE_CLOCK=1, never in production)',
    tags: ['ops'],
    body: TestClockBody,
    response: { 200: TestClockResult },
  }),
  testOutbox: endpoint({
    ...routes.ops.testOutbox,
    summary:
      "What the development sender stored for the caller's company, newest first (only with HUIYIN_FAKE_CLOCK=1, MSG-9)",
    tags: ['ops'],
    querystring: TestOutboxQuery,
    response: { 200: TestOutboxList },
  }),
  sweep: endpoint({
    ...routes.ops.sweep,
    summary: "Run the deadline sweep now for the caller's company (warn, breach, escalate)",
    tags: ['ops'],
    response: { 200: SweepResult },
  }),
};

// ── auth and API tokens ───────────────────────────────────────────────────────────────────────────────────
const auth = {
  login: endpoint({
    ...routes.auth.login,
    summary: 'Sign in with username and password; sets the session cookie',
    tags: ['auth'],
    body: LoginBody,
    response: { 200: Me },
    errors: [401, 403],
  }),
  logout: endpoint({
    ...routes.auth.logout,
    summary: 'Sign out: ends the session and clears its cookie',
    tags: ['auth'],
    response: { 200: Ok },
  }),
  me: endpoint({
    ...routes.auth.me,
    summary: 'The signed-in user with roles, offices and permissions',
    tags: ['auth'],
    response: { 200: Me },
  }),
  changePassword: endpoint({
    ...routes.auth.changePassword,
    summary: "Change the signed-in user's own password",
    tags: ['auth'],
    body: ChangePasswordBody,
    response: { 200: Ok },
  }),
  listTokens: endpoint({
    ...routes.auth.listTokens,
    summary: 'The API tokens of the company (never their secrets)',
    tags: ['auth'],
    response: { 200: ApiTokenList },
  }),
  createToken: endpoint({
    ...routes.auth.createToken,
    summary: 'Create an API token acting as a user; the secret is shown once',
    tags: ['auth'],
    body: CreateTokenBody,
    response: { 201: CreatedToken },
  }),
  revokeToken: endpoint({
    ...routes.auth.revokeToken,
    summary: 'Revoke an API token',
    tags: ['auth'],
    params: IdParams,
    response: { 200: Ok },
  }),
};

// ── users ─────────────────────────────────────────────────────────────────────────────────────────────────
const users = {
  list: endpoint({
    ...routes.users.list,
    summary: 'Staff users, filtered by role, office and text',
    tags: ['users'],
    querystring: UserListQuery,
    response: { 200: listOf(User) },
  }),
  get: endpoint({
    ...routes.users.get,
    summary: 'One staff user',
    tags: ['users'],
    params: IdParams,
    response: { 200: User },
  }),
  create: endpoint({
    ...routes.users.create,
    summary: 'Create a staff user with roles, offices and an initial password',
    tags: ['users'],
    body: CreateUserBody,
    response: { 201: User },
  }),
  update: endpoint({
    ...routes.users.update,
    summary: 'Change a staff user (roles, offices, active, password reset)',
    tags: ['users'],
    params: IdParams,
    body: UpdateUserBody,
    response: { 200: User },
  }),
  unlock: endpoint({
    ...routes.users.unlock,
    summary: 'Lift the sign-in lock-out of a user after failed attempts',
    tags: ['users'],
    params: IdParams,
    response: { 200: User },
  }),
};

// ── the organisation ──────────────────────────────────────────────────────────────────────────────────────
const org = {
  getCompany: endpoint({
    ...routes.org.getCompany,
    summary: "The caller's company",
    tags: ['org'],
    response: { 200: Company },
  }),
  updateCompany: endpoint({
    ...routes.org.updateCompany,
    summary: "Change the company's name, time zone and settings",
    tags: ['org'],
    body: UpdateCompanyBody,
    response: { 200: Company },
  }),
  listOffices: endpoint({
    ...routes.org.listOffices,
    summary: 'Offices (管理处) of the company',
    tags: ['org'],
    querystring: OfficeListQuery,
    response: { 200: listOf(Office) },
  }),
  createOffice: endpoint({
    ...routes.org.createOffice,
    summary: 'Create an office',
    tags: ['org'],
    body: CreateOfficeBody,
    response: { 201: Office },
  }),
  getOffice: endpoint({
    ...routes.org.getOffice,
    summary: 'One office',
    tags: ['org'],
    params: IdParams,
    response: { 200: Office },
  }),
  updateOffice: endpoint({
    ...routes.org.updateOffice,
    summary: 'Change an office',
    tags: ['org'],
    params: IdParams,
    body: UpdateOfficeBody,
    response: { 200: Office },
  }),
  deleteOffice: endpoint({
    ...routes.org.deleteOffice,
    summary: 'Delete an office that nothing refers to',
    tags: ['org'],
    params: IdParams,
    response: { 200: Ok },
  }),
  listDepartments: endpoint({
    ...routes.org.listDepartments,
    summary: 'Departments and teams (部门 / 班组)',
    tags: ['org'],
    querystring: DepartmentListQuery,
    response: { 200: listOf(Department) },
  }),
  createDepartment: endpoint({
    ...routes.org.createDepartment,
    summary: 'Create a department',
    tags: ['org'],
    body: CreateDepartmentBody,
    response: { 201: Department },
  }),
  getDepartment: endpoint({
    ...routes.org.getDepartment,
    summary: 'One department',
    tags: ['org'],
    params: IdParams,
    response: { 200: Department },
  }),
  updateDepartment: endpoint({
    ...routes.org.updateDepartment,
    summary: 'Change a department',
    tags: ['org'],
    params: IdParams,
    body: UpdateDepartmentBody,
    response: { 200: Department },
  }),
  deleteDepartment: endpoint({
    ...routes.org.deleteDepartment,
    summary: 'Delete a department that nothing refers to',
    tags: ['org'],
    params: IdParams,
    response: { 200: Ok },
  }),
  listPartnerUnits: endpoint({
    ...routes.org.listPartnerUnits,
    summary: 'Partner units (兄弟单位 / 外单位) cases can be routed to',
    tags: ['org'],
    querystring: PartnerUnitListQuery,
    response: { 200: listOf(PartnerUnit) },
  }),
  createPartnerUnit: endpoint({
    ...routes.org.createPartnerUnit,
    summary: 'Create a partner unit',
    tags: ['org'],
    body: CreatePartnerUnitBody,
    response: { 201: PartnerUnit },
  }),
  getPartnerUnit: endpoint({
    ...routes.org.getPartnerUnit,
    summary: 'One partner unit',
    tags: ['org'],
    params: IdParams,
    response: { 200: PartnerUnit },
  }),
  updatePartnerUnit: endpoint({
    ...routes.org.updatePartnerUnit,
    summary: 'Change a partner unit',
    tags: ['org'],
    params: IdParams,
    body: UpdatePartnerUnitBody,
    response: { 200: PartnerUnit },
  }),
  deletePartnerUnit: endpoint({
    ...routes.org.deletePartnerUnit,
    summary: 'Delete a partner unit that nothing refers to',
    tags: ['org'],
    params: IdParams,
    response: { 200: Ok },
  }),
};

// ── the property register ─────────────────────────────────────────────────────────────────────────────────
const property = {
  listCommunities: endpoint({
    ...routes.property.listCommunities,
    summary: 'Communities (小区) in scope',
    tags: ['property'],
    querystring: CommunityListQuery,
    response: { 200: listOf(Community) },
  }),
  createCommunity: endpoint({
    ...routes.property.createCommunity,
    summary: 'Create a community',
    tags: ['property'],
    body: CreateCommunityBody,
    response: { 201: Community },
  }),
  getCommunity: endpoint({
    ...routes.property.getCommunity,
    summary: 'One community',
    tags: ['property'],
    params: IdParams,
    response: { 200: Community },
  }),
  updateCommunity: endpoint({
    ...routes.property.updateCommunity,
    summary: 'Change a community',
    tags: ['property'],
    params: IdParams,
    body: UpdateCommunityBody,
    response: { 200: Community },
  }),
  deleteCommunity: endpoint({
    ...routes.property.deleteCommunity,
    summary: 'Delete a community without buildings',
    tags: ['property'],
    params: IdParams,
    response: { 200: Ok },
  }),
  listBuildings: endpoint({
    ...routes.property.listBuildings,
    summary: 'Buildings (楼栋), by community',
    tags: ['property'],
    querystring: BuildingListQuery,
    response: { 200: listOf(Building) },
  }),
  createBuilding: endpoint({
    ...routes.property.createBuilding,
    summary: 'Create a building',
    tags: ['property'],
    body: CreateBuildingBody,
    response: { 201: Building },
  }),
  getBuilding: endpoint({
    ...routes.property.getBuilding,
    summary: 'One building',
    tags: ['property'],
    params: IdParams,
    response: { 200: Building },
  }),
  updateBuilding: endpoint({
    ...routes.property.updateBuilding,
    summary: 'Rename a building',
    tags: ['property'],
    params: IdParams,
    body: UpdateBuildingBody,
    response: { 200: Building },
  }),
  deleteBuilding: endpoint({
    ...routes.property.deleteBuilding,
    summary: 'Delete a building without units',
    tags: ['property'],
    params: IdParams,
    response: { 200: Ok },
  }),
  listUnits: endpoint({
    ...routes.property.listUnits,
    summary: 'Building units (单元), by building',
    tags: ['property'],
    querystring: BuildingUnitListQuery,
    response: { 200: listOf(BuildingUnit) },
  }),
  createUnit: endpoint({
    ...routes.property.createUnit,
    summary: 'Create a building unit',
    tags: ['property'],
    body: CreateBuildingUnitBody,
    response: { 201: BuildingUnit },
  }),
  getUnit: endpoint({
    ...routes.property.getUnit,
    summary: 'One building unit',
    tags: ['property'],
    params: IdParams,
    response: { 200: BuildingUnit },
  }),
  updateUnit: endpoint({
    ...routes.property.updateUnit,
    summary: 'Rename a building unit',
    tags: ['property'],
    params: IdParams,
    body: UpdateBuildingUnitBody,
    response: { 200: BuildingUnit },
  }),
  deleteUnit: endpoint({
    ...routes.property.deleteUnit,
    summary: 'Delete a building unit without rooms',
    tags: ['property'],
    params: IdParams,
    response: { 200: Ok },
  }),
  listRooms: endpoint({
    ...routes.property.listRooms,
    summary: 'Rooms (房号), by community, building, unit, status and text',
    tags: ['property'],
    querystring: RoomListQuery,
    response: { 200: listOf(Room) },
  }),
  createRoom: endpoint({
    ...routes.property.createRoom,
    summary: 'Create a room',
    tags: ['property'],
    body: CreateRoomBody,
    response: { 201: Room },
  }),
  getRoom: endpoint({
    ...routes.property.getRoom,
    summary: 'One room with its residents',
    tags: ['property'],
    params: IdParams,
    response: { 200: RoomDetail },
  }),
  updateRoom: endpoint({
    ...routes.property.updateRoom,
    summary: 'Change a room',
    tags: ['property'],
    params: IdParams,
    body: UpdateRoomBody,
    response: { 200: Room },
  }),
  deleteRoom: endpoint({
    ...routes.property.deleteRoom,
    summary: 'Delete a room without residents or cases',
    tags: ['property'],
    params: IdParams,
    response: { 200: Ok },
  }),
  listResidents: endpoint({
    ...routes.property.listResidents,
    summary: 'Residents (业主 / 住户), masked unless the caller may see personal data',
    tags: ['property'],
    querystring: ResidentListQuery,
    response: { 200: listOf(Resident) },
  }),
  createResident: endpoint({
    ...routes.property.createResident,
    summary: 'Create a resident with rooms and phones',
    tags: ['property'],
    body: CreateResidentBody,
    response: { 201: Resident },
  }),
  getResident: endpoint({
    ...routes.property.getResident,
    summary: 'One resident',
    tags: ['property'],
    params: IdParams,
    response: { 200: Resident },
  }),
  updateResident: endpoint({
    ...routes.property.updateResident,
    summary: 'Change a resident, their rooms and phones',
    tags: ['property'],
    params: IdParams,
    body: UpdateResidentBody,
    response: { 200: Resident },
  }),
  deleteResident: endpoint({
    ...routes.property.deleteResident,
    summary: 'Delete a resident',
    tags: ['property'],
    params: IdParams,
    response: { 200: Ok },
  }),
  lookupCaller: endpoint({
    ...routes.property.lookupCaller,
    summary: "Who is calling: the residents and rooms of a phone number, with their rooms' open cases",
    tags: ['lookup'],
    querystring: CallerLookupQuery,
    response: { 200: CallerLookup },
  }),
  import: endpoint({
    ...routes.property.import,
    summary: 'Dry run or commit of a .xlsx/.csv file in the template layout (multipart field `file`)',
    tags: ['property'],
    querystring: ImportQuery,
    body: MultipartFile('.xlsx or .csv in the template layout'),
    response: { 200: ImportReport },
  }),
  importTemplate: endpoint({
    ...routes.property.importTemplate,
    summary: 'The import template with two example rows',
    tags: ['property'],
    querystring: TemplateQuery,
  }),
  export: endpoint({
    ...routes.property.export,
    summary: 'The register of the communities in scope as .xlsx, in the import layout',
    tags: ['property'],
    querystring: ExportQuery,
  }),
};

// ── settings ──────────────────────────────────────────────────────────────────────────────────────────────
const settings = {
  categories: endpoint({
    ...routes.settings.categories,
    summary: 'The case category tree (seeded with the defaults on first read)',
    tags: ['settings'],
    querystring: CategoryListQuery,
    response: { 200: CategoryTree },
  }),
  createCategory: endpoint({
    ...routes.settings.createCategory,
    summary: 'Create a category under a parent',
    tags: ['settings'],
    body: CreateCategoryBody,
    response: { 201: Category },
  }),
  updateCategory: endpoint({
    ...routes.settings.updateCategory,
    summary: 'Rename, move, reorder or deactivate a category',
    tags: ['settings'],
    params: IdParams,
    body: UpdateCategoryBody,
    response: { 200: Category },
  }),
  deleteCategory: endpoint({
    ...routes.settings.deleteCategory,
    summary: 'Delete an unused category, or deactivate one that cases use',
    tags: ['settings'],
    params: IdParams,
    response: { 200: DeleteCategoryResult },
  }),
  calendarOverrides: endpoint({
    ...routes.settings.calendarOverrides,
    summary: "The company's holidays and adjusted workdays of a year",
    tags: ['settings'],
    querystring: CalendarOverridesQuery,
    response: { 200: CalendarOverrides },
  }),
  putCalendarOverrides: endpoint({
    ...routes.settings.putCalendarOverrides,
    summary: 'Replace the holidays and adjusted workdays of a year',
    tags: ['settings'],
    params: CalendarYearParams,
    body: PutCalendarOverridesBody,
    response: { 200: CalendarOverrides },
  }),
  readCalendarNotice: endpoint({
    ...routes.settings.readCalendarNotice,
    summary:
      'Read the State Council’s yearly holiday notice, pasted as text, into a proposal of calendar entries (nothing saved)',
    tags: ['settings'],
    body: CalendarNoticeBody,
    response: { 200: CalendarNoticeProposal },
  }),
  calendarStatus: endpoint({
    ...routes.settings.calendarStatus,
    summary: 'Which years the working-day calendar knows, and whether the next one is missing',
    tags: ['settings'],
    response: { 200: CalendarStatus },
  }),
  policy: endpoint({
    ...routes.settings.policy,
    summary: 'The clock policy (time limits per kind and severity) and the case number prefixes',
    tags: ['settings'],
    response: { 200: Policy },
  }),
  putPolicy: endpoint({
    ...routes.settings.putPolicy,
    summary: 'Change the clock policy and number prefixes',
    tags: ['settings'],
    body: UpdatePolicyBody,
    response: { 200: Policy },
  }),
  reportPolicy: endpoint({
    ...routes.settings.reportPolicy,
    summary: 'The report policy: duty ledger amounts, problem detection, public summary settings',
    tags: ['settings'],
    response: { 200: ReportPolicy },
  }),
  putReportPolicy: endpoint({
    ...routes.settings.putReportPolicy,
    summary: 'Change the report policy',
    tags: ['settings'],
    body: UpdateReportPolicyBody,
    response: { 200: ReportPolicy },
  }),
  listFeeItems: endpoint({
    ...routes.settings.listFeeItems,
    summary: 'The fee standard of paid repairs (有偿服务收费标准)',
    tags: ['settings'],
    querystring: FeeItemListQuery,
    response: { 200: listOf(FeeItem) },
  }),
  createFeeItem: endpoint({
    ...routes.settings.createFeeItem,
    summary: 'Add a fee item',
    tags: ['settings'],
    body: CreateFeeItemBody,
    response: { 201: FeeItem },
  }),
  getFeeItem: endpoint({
    ...routes.settings.getFeeItem,
    summary: 'One fee item',
    tags: ['settings'],
    params: IdParams,
    response: { 200: FeeItem },
  }),
  updateFeeItem: endpoint({
    ...routes.settings.updateFeeItem,
    summary: 'Change a fee item (price, unit, active)',
    tags: ['settings'],
    params: IdParams,
    body: UpdateFeeItemBody,
    response: { 200: FeeItem },
  }),
  deleteFeeItem: endpoint({
    ...routes.settings.deleteFeeItem,
    summary: 'Delete a fee item',
    tags: ['settings'],
    params: IdParams,
    response: { 200: Ok },
  }),
};

// ── attachments, notifications, live events, deadlines ────────────────────────────────────────────────────
const attachments = {
  upload: endpoint({
    ...routes.attachments.upload,
    summary: 'Upload a file (multipart field `file`); attach it to a case with `attachmentIds`',
    tags: ['attachments'],
    body: MultipartFile('a photo, PDF, Office document or text file'),
    response: { 201: Attachment },
    errors: [413],
  }),
  content: endpoint({
    ...routes.attachments.content,
    summary: 'The file: to its uploader until attached, then to whoever may see the case',
    tags: ['attachments'],
    params: IdParams,
    querystring: AttachmentContentQuery,
  }),
};

const notifications = {
  list: endpoint({
    ...routes.notifications.list,
    summary: "The signed-in user's own notifications (the bell), newest first, with the unread count",
    tags: ['notifications'],
    querystring: NotificationListQuery,
    response: { 200: NotificationList },
  }),
  read: endpoint({
    ...routes.notifications.read,
    summary: 'Mark one notification read',
    tags: ['notifications'],
    params: IdParams,
    response: { 200: Notification },
  }),
  readAll: endpoint({
    ...routes.notifications.readAll,
    summary: 'Mark all of the signed-in user’s notifications read',
    tags: ['notifications'],
    response: { 200: ReadAllResult },
  }),
  events: endpoint({
    ...routes.notifications.events,
    summary: 'Server-Sent Events: `notification`, `case` {caseId, companyId, officeId}, `resync`',
    tags: ['notifications'],
    headers: EventStreamHeaders,
    errors: [503],
  }),
};

const outbox = {
  list: endpoint({
    ...routes.outbox.list,
    summary: 'The delivery record: every SMS and webhook message of the company, newest first (MSG-1)',
    tags: ['outbox'],
    querystring: OutboxListQuery,
    response: { 200: listOf(OutboxMessage) },
  }),
  get: endpoint({
    ...routes.outbox.get,
    summary: 'One message with each attempt and how it ended',
    tags: ['outbox'],
    params: IdParams,
    response: { 200: OutboxMessageDetail },
  }),
  retry: endpoint({
    ...routes.outbox.retry,
    summary: 'Send a failed or expired message again, under the same idempotency key',
    tags: ['outbox'],
    params: IdParams,
    response: { 200: OutboxMessage },
  }),
};

const messageSettings = {
  get: endpoint({
    ...routes.messageSettings.get,
    summary:
      "The company's senders (credentials only as credentialsSet) and its switches per message type (MSG-3)",
    tags: ['messageSettings'],
    response: { 200: MessageSettings },
  }),
  put: endpoint({
    ...routes.messageSettings.put,
    summary: 'Save the senders and switches; a channel cannot be on without a configured sender',
    tags: ['messageSettings'],
    body: PutMessageSettingsBody,
    response: { 200: MessageSettings },
  }),
  putCredentials: endpoint({
    ...routes.messageSettings.putCredentials,
    summary: "Set a channel's sender credentials, stored encrypted and never returned (MSG-4)",
    tags: ['messageSettings'],
    params: ChannelParams,
    body: CredentialsBody,
    response: { 200: Ok },
  }),
  deleteCredentials: endpoint({
    ...routes.messageSettings.deleteCredentials,
    summary: "Remove a channel's sender credentials",
    tags: ['messageSettings'],
    params: ChannelParams,
    response: { 200: Ok },
  }),
  test: endpoint({
    ...routes.messageSettings.test,
    summary: 'Send a test message on a channel to an employee (default: the caller) or a phone',
    tags: ['messageSettings'],
    body: TestSendBody,
    response: { 201: TestSendResult },
  }),
};

const deadlines = {
  overdue: endpoint({
    ...routes.deadlines.overdue,
    summary:
      'The one overdue view: every deadline past due that the caller may see — case clocks, monthly summaries, quarterly report steps',
    tags: ['deadlines'],
    querystring: DeadlineListQuery,
    response: { 200: OverdueDeadlineList },
  }),
};

// ── cases ─────────────────────────────────────────────────────────────────────────────────────────────────
/** One route per action keeps each body in the OpenAPI document; the server shares one handler. */
const caseAction = <A extends CaseAction>(action: A) =>
  endpoint({
    ...routes.cases.actions[action],
    summary: `Case action: ${action} (with the version read; whether the caller may is decided by the case rules)`,
    tags: ['cases'],
    params: IdParams,
    body: ActionBodies[action] as (typeof ActionBodies)[A],
    response: { 200: Case },
  });
type CaseActionEndpoints = { [A in CaseAction]: ReturnType<typeof caseAction<A>> };

const cases = {
  create: endpoint({
    ...routes.cases.create,
    summary: 'Record a case (intake): starts its clocks, routes it by category, numbers it',
    tags: ['cases'],
    body: CreateCase,
    response: { 201: Case },
  }),
  list: endpoint({
    ...routes.cases.list,
    summary: 'Cases the caller may see, with the filters of the case lists and boards',
    tags: ['cases'],
    querystring: CaseListQuery,
    response: { 200: listOf(Case) },
  }),
  get: endpoint({
    ...routes.cases.get,
    summary: 'One case with its clocks, timeline and the actions the caller may take',
    tags: ['cases'],
    params: IdParams,
    response: { 200: CaseDetail },
  }),
  reveal: endpoint({
    ...routes.cases.reveal,
    summary: "The reporter's unmasked name and phone, to those who may see them (recorded on the timeline)",
    tags: ['cases'],
    params: IdParams,
    response: { 200: RevealedReporter },
  }),
  actions: Object.fromEntries(CASE_ACTIONS.map((a) => [a, caseAction(a)])) as CaseActionEndpoints,
};

// ── reports ───────────────────────────────────────────────────────────────────────────────────────────────
const monthly = {
  forMonth: endpoint({
    ...routes.reports.monthly.forMonth,
    summary: 'The monthly complaint summary of an office (drafted on first read of a finished month)',
    tags: ['reports'],
    querystring: MonthlyQuery,
    response: { 200: MonthlySummary },
  }),
  status: endpoint({
    ...routes.reports.monthly.status,
    summary: 'Months whose summary is not published by the 5th of the next month (director dashboard)',
    tags: ['reports'],
    querystring: StatusQuery,
    response: { 200: SummaryStatusList },
  }),
  get: endpoint({
    ...routes.reports.monthly.get,
    summary: 'One monthly summary (internal version)',
    tags: ['reports'],
    params: IdParams,
    response: { 200: MonthlySummary },
  }),
  public: endpoint({
    ...routes.reports.monthly.public,
    summary: 'The anonymised public version of a monthly summary',
    tags: ['reports'],
    params: IdParams,
    response: { 200: PublicSummary },
  }),
  cases: endpoint({
    ...routes.reports.monthly.cases,
    summary: 'The cases behind one figure of a monthly summary (drill-down)',
    tags: ['reports'],
    params: IdParams,
    querystring: DrillQuery,
    response: { 200: listOf(DrillCase) },
  }),
  putPublic: endpoint({
    ...routes.reports.monthly.putPublic,
    summary: 'Edit the public wording of a monthly summary',
    tags: ['reports'],
    params: IdParams,
    body: PutPublicTextBody,
    response: { 200: MonthlySummary },
  }),
  highlights: endpoint({
    ...routes.reports.monthly.highlights,
    summary: 'Redact or keep one highlighted word of the draft public wording (recorded: who, when)',
    tags: ['reports'],
    params: IdParams,
    body: DecideHighlightBody,
    response: { 200: MonthlySummary },
  }),
  approve: endpoint({
    ...routes.reports.monthly.approve,
    summary: 'Approve a monthly summary',
    tags: ['reports'],
    params: IdParams,
    body: VersionBody,
    response: { 200: MonthlySummary },
  }),
  publish: endpoint({
    ...routes.reports.monthly.publish,
    summary: 'Publish an approved monthly summary (due by the 5th of the next month)',
    tags: ['reports'],
    params: IdParams,
    body: VersionBody,
    response: { 200: MonthlySummary },
  }),
  exportXlsx: endpoint({
    ...routes.reports.monthly.exportXlsx,
    summary: 'The summary as .xlsx (sheets 汇总, 分类统计, 明细, 重点事项; ?version=public: 公示内容)',
    tags: ['reports'],
    params: IdParams,
    querystring: SummaryVersionQuery,
  }),
  print: endpoint({
    ...routes.reports.monthly.print,
    summary: 'A print-ready A4 page (HTML; ?version=public by default)',
    tags: ['reports'],
    params: IdParams,
    querystring: PrintQuery,
  }),
};

/**
 * Reading and the finance steps declare `authenticated`: finance staff hold no role of their own, and a published
 * report is readable by the office's staff; the service checks `reports.read`, finance and scope (404 otherwise).
 */
const quarterly = {
  forQuarter: endpoint({
    ...routes.reports.quarterly.forQuarter,
    summary:
      'The quarterly management-service report of an office (default: the one in preparation; drafted on first read from the 1st of the next quarter)',
    tags: ['reports'],
    querystring: QuarterlyQuery,
    response: { 200: QuarterlyReport },
  }),
  get: endpoint({
    ...routes.reports.quarterly.get,
    summary: 'One report; published reports are readable by the office staff',
    tags: ['reports'],
    params: IdParams,
    response: { 200: QuarterlyReport },
  }),
  putService: endpoint({
    ...routes.reports.quarterly.putService,
    summary: 'Edit the service part (the office director or supervisor)',
    tags: ['reports'],
    params: IdParams,
    body: PutServiceBody,
    response: { 200: QuarterlyReport },
  }),
  submitService: endpoint({
    ...routes.reports.quarterly.submitService,
    summary: 'Submit the service part to the company (due by the 10th)',
    tags: ['reports'],
    params: IdParams,
    body: QuarterlyVersionBody,
    response: { 200: QuarterlyReport },
  }),
  putFinance: endpoint({
    ...routes.reports.quarterly.putFinance,
    summary: 'Enter the finance figures (finance)',
    tags: ['reports'],
    params: IdParams,
    body: PutFinanceBody,
    response: { 200: QuarterlyReport },
  }),
  submitFinance: endpoint({
    ...routes.reports.quarterly.submitFinance,
    summary: 'Submit the finance part (due by the 15th)',
    tags: ['reports'],
    params: IdParams,
    body: QuarterlyVersionBody,
    response: { 200: QuarterlyReport },
  }),
  sign: endpoint({
    ...routes.reports.quarterly.sign,
    summary: "Record the owners' committee chair's signature and the director's sign-off",
    tags: ['reports'],
    params: IdParams,
    body: SignBody,
    response: { 200: QuarterlyReport },
  }),
  publish: endpoint({
    ...routes.reports.quarterly.publish,
    summary: 'Publish the signed report (due by the 20th)',
    tags: ['reports'],
    params: IdParams,
    body: QuarterlyVersionBody,
    response: { 200: QuarterlyReport },
  }),
};

const reports = {
  dashboard: endpoint({
    ...routes.reports.dashboard,
    summary:
      "Today's open, overdue and due-soon cases, the monthly trend, the month's complaint Pareto and rates vs targets",
    tags: ['reports'],
    querystring: DashboardQuery,
    response: { 200: Dashboard },
  }),
  monthly,
  quarterly,
};

const accountability = {
  firstAskRegister: endpoint({
    ...routes.accountability.firstAskRegister,
    summary: 'The 首问负责制度登记表 of a department and month: the matters its members first received',
    tags: ['accountability'],
    querystring: FirstAskRegisterQuery,
    response: { 200: FirstAskRegister },
  }),
  firstAskRegisterXlsx: endpoint({
    ...routes.accountability.firstAskRegisterXlsx,
    summary: 'The 首问负责制度登记表 of a department and month as .xlsx',
    tags: ['accountability'],
    querystring: FirstAskRegisterQuery,
  }),
  performance: endpoint({
    ...routes.accountability.performance,
    summary: 'Performance of people and departments in a month: clocks met and breached, satisfaction',
    tags: ['accountability'],
    querystring: PerformanceQuery,
    response: { 200: Performance },
  }),
  violations: endpoint({
    ...routes.accountability.violations,
    summary: 'The duty ledger: violations found by the sweep, by month, status and subject',
    tags: ['accountability'],
    querystring: ViolationListQuery,
    response: { 200: listOf(Violation) },
  }),
  confirm: endpoint({
    ...routes.accountability.confirm,
    summary: 'Confirm a violation (its amount enters the ledger)',
    tags: ['accountability'],
    params: IdParams,
    body: ConfirmViolationBody,
    response: { 200: Violation },
  }),
  waive: endpoint({
    ...routes.accountability.waive,
    summary: 'Waive a violation with a reason',
    tags: ['accountability'],
    params: IdParams,
    body: WaiveViolationBody,
    response: { 200: Violation },
  }),
};

const problems = {
  list: endpoint({
    ...routes.problems.list,
    summary: 'Recurring problems detected from similar cases',
    tags: ['problems'],
    querystring: ProblemListQuery,
    response: { 200: listOf(Problem) },
  }),
  // The intake screen asks while a case is being recorded: whoever may record a case may ask.
  match: endpoint({
    ...routes.problems.match,
    summary: 'Open problems a case being recorded (room, category) may belong to',
    tags: ['problems'],
    querystring: ProblemMatchQuery,
    response: { 200: ProblemMatches },
  }),
  detect: endpoint({
    ...routes.problems.detect,
    summary: 'Run the recurring-problem detection now',
    tags: ['problems'],
    response: { 200: DetectResult },
  }),
  get: endpoint({
    ...routes.problems.get,
    summary: 'One problem with its cases',
    tags: ['problems'],
    params: IdParams,
    response: { 200: ProblemDetail },
  }),
  update: endpoint({
    ...routes.problems.update,
    summary: 'Change a problem (title, owner, plan)',
    tags: ['problems'],
    params: IdParams,
    body: UpdateProblemBody,
    response: { 200: Problem },
  }),
  close: endpoint({
    ...routes.problems.close,
    summary: 'Close a problem with its resolution',
    tags: ['problems'],
    params: IdParams,
    body: CloseProblemBody,
    response: { 200: Problem },
  }),
};

export const endpoints = {
  ops,
  auth,
  users,
  org,
  property,
  settings,
  attachments,
  notifications,
  outbox,
  messageSettings,
  deadlines,
  cases,
  reports,
  accountability,
  problems,
};
export type Endpoints = typeof endpoints;

/** Every entry with its dotted name (`cases.actions.assign`), the name being its OpenAPI operationId. */
export function endpointList(): { name: string; endpoint: EndpointDef }[] {
  const out: { name: string; endpoint: EndpointDef }[] = [];
  const walk = (node: object, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof (value as EndpointDef).method === 'string')
        out.push({ name, endpoint: value as EndpointDef });
      else walk(value as object, name);
    }
  };
  walk(endpoints, '');
  return out;
}
