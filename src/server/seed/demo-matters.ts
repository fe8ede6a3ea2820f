/**
 * What comes in to the demo company's desk over its history (OPS-4): how many matters a day, of which kind, by
 * which channel, about what, from whom, and who takes them — the inputs of each case's life (demo-history.ts),
 * drawn from one seeded generator so the same world and instant bring the same matters.
 */
import type { CaseKind, Channel, RepairType, Severity } from '../../domain/case/case';
import { formatCaseNumber } from '../../domain/case/number';
import { caseNumberPrefix } from '../../domain/policy/policy';
import { localDateOf, startOfLocalDay } from '../../domain/clock/deadlines';
import { addDays, weekdayOf } from '../../domain/clock/working-calendar';
import type { CompanyPolicy } from '../policies/policies.service';
import { rng } from './people';
import * as text from './demo-texts';
import type { DemoWorld } from './demo-world';

/** The history begins on the 1st of the month this many months before now's. */
export const HISTORY_MONTHS = 6;
/** Cases on an ordinary day across both offices (about 3,000 over the history). */
const CASES_A_DAY = 16;

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export type Rand = () => number;
export const between = (r: Rand, a: number, b: number) => a + (b - a) * r();
export const chance = (r: Rand, p: number) => r() < p;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export function weighted<T>(r: Rand, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((n, [, w]) => n + w, 0);
  let x = r() * total;
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1][0];
}
/** One of the table's keys, as likely as its weight. */
export const oneOf = <K extends string>(r: Rand, table: Partial<Record<K, number>>): K =>
  weighted(r, Object.entries(table) as [K, number][]);
/** A number from one of the spans `[from, to, weight]`, the span as likely as its weight. */
export function spanOf(r: Rand, spans: readonly (readonly [number, number, number])[]): number {
  const [from, to] = weighted(
    r,
    spans.map((x) => [x, x[2]] as const),
  );
  return between(r, from, to);
}
export const plus = (t: Date, ms: number) => new Date(Math.round(t.getTime() + ms));

// ---------------------------------------------------------------------------------------------------------------
// What comes in: the matter, who raises it, how, and who takes it

export type DeptFn = 'customerService' | 'engineering' | 'security' | 'cleaning' | 'greening';

/** How a matter is handled after intake. */
export type Route =
  | { type: 'department'; fn: DeptFn }
  | { type: 'unit'; service: string; relation: 'sister' | 'external' }
  | { type: 'leader' };

export interface Spec {
  seed: number;
  officeIndex: number;
  communityIndex: number;
  kind: CaseKind;
  channel: Channel;
  severity: Severity;
  category: string;
  repairType: RepairType | null;
  roomId: string | null;
  address: string | null;
  reporter: { name: string; phone: string | null } | null;
  anonymous: boolean;
  description: string;
  receivedAt: Date;
  recordedAt: Date;
  recorder: string;
  firstResponder: string;
  aboutEmployee: string | null;
  onTheSpot: string | null;
  route: Route;
  /** came in just now: it waits for routing (the current month keeps every state) */
  justIn: boolean;
  number?: string;
}

const KINDS: Readonly<Record<CaseKind, number>> = {
  repair: 38,
  complaint: 22,
  inquiry: 20,
  suggestion: 6,
  praise: 5,
  other: 9,
};

const CHANNELS: Readonly<Record<CaseKind, Partial<Record<Channel, number>>>> = {
  repair: { phone: 46, wechat: 15, app: 10, visit: 13, web: 3, hotline: 4, callback: 4, email: 1 },
  complaint: {
    phone: 38,
    visit: 15,
    wechat: 10,
    app: 6,
    hotline: 12,
    letter: 5,
    email: 4,
    mailbox: 6,
    web: 2,
    fax: 1,
    callback: 1,
  },
  inquiry: { phone: 55, visit: 20, wechat: 15, app: 5, web: 5 },
  suggestion: { mailbox: 25, wechat: 20, email: 15, letter: 10, visit: 15, app: 10, web: 5 },
  praise: { phone: 30, visit: 30, letter: 20, wechat: 20 },
  other: { phone: 40, visit: 30, wechat: 20, fax: 5, callback: 5 },
};

/** Category (weight) and where it is handled, per kind. `room`: the matter is about the reporter's home. */
interface CategoryPlan {
  code: string;
  weight: number;
  route: Route;
  room: boolean;
  repairType?: Partial<Record<RepairType, number>>;
}
export const dept = (fn: DeptFn): Route => ({ type: 'department', fn });
const unit = (service: string, relation: 'sister' | 'external'): Route => ({
  type: 'unit',
  service,
  relation,
});

const CATEGORIES: Readonly<Record<CaseKind, readonly CategoryPlan[]>> = {
  repair: [
    {
      code: 'facility_repair.water_electric',
      weight: 36,
      route: dept('engineering'),
      room: true,
      repairType: { private: 5, shared: 5 },
    },
    {
      code: 'facility_repair.doors_windows',
      weight: 16,
      route: dept('engineering'),
      room: true,
      repairType: { private: 8, quality: 2 },
    },
    {
      code: 'facility_repair.lift',
      weight: 15,
      route: dept('engineering'),
      room: false,
      repairType: { shared: 1 },
    },
    {
      code: 'facility_repair.public_lighting',
      weight: 18,
      route: dept('engineering'),
      room: false,
      repairType: { shared: 1 },
    },
    {
      code: 'leisure_facilities',
      weight: 5,
      route: dept('engineering'),
      room: false,
      repairType: { shared: 1 },
    },
    { code: 'municipal.water', weight: 4, route: unit('water', 'sister'), room: false },
    { code: 'municipal.power', weight: 3, route: unit('power', 'sister'), room: false },
    { code: 'municipal.gas', weight: 2, route: unit('gas', 'external'), room: true },
    { code: 'municipal.telecom', weight: 1, route: unit('telecom', 'external'), room: false },
  ],
  complaint: [
    { code: 'property_service.attitude', weight: 12, route: dept('customerService'), room: false },
    { code: 'property_service.timeliness', weight: 10, route: dept('customerService'), room: false },
    { code: 'neighbour_dispute', weight: 9, route: dept('customerService'), room: true },
    { code: 'public_order.parking', weight: 16, route: dept('security'), room: false },
    { code: 'public_order.rubbish', weight: 8, route: dept('cleaning'), room: false },
    { code: 'environment.noise', weight: 15, route: dept('security'), room: true },
    { code: 'environment.sanitation', weight: 9, route: dept('cleaning'), room: false },
    { code: 'security', weight: 8, route: dept('security'), room: false },
    { code: 'cleaning', weight: 6, route: dept('cleaning'), room: false },
    { code: 'greening', weight: 5, route: dept('greening'), room: false },
    { code: 'municipal.roads', weight: 2, route: unit('municipal', 'external'), room: false },
  ],
  inquiry: [
    { code: 'convenience_services', weight: 45, route: dept('customerService'), room: false },
    { code: 'other', weight: 35, route: dept('customerService'), room: false },
    { code: 'municipal.water', weight: 10, route: unit('water', 'sister'), room: false },
    { code: 'municipal.power', weight: 10, route: unit('power', 'sister'), room: false },
  ],
  // SUGGEST-1: a suggestion goes to the director, who adopts or declines it
  suggestion: [
    { code: 'greening', weight: 3, route: { type: 'leader' }, room: false },
    { code: 'leisure_facilities', weight: 3, route: { type: 'leader' }, room: false },
    { code: 'community_culture', weight: 3, route: { type: 'leader' }, room: false },
    { code: 'public_order.parking', weight: 3, route: { type: 'leader' }, room: false },
  ],
  praise: [{ code: 'property_service.attitude', weight: 1, route: dept('customerService'), room: false }],
  other: [
    { code: 'special_needs', weight: 3, route: dept('customerService'), room: true },
    { code: 'convenience_services', weight: 4, route: dept('customerService'), room: false },
    { code: 'other', weight: 3, route: dept('customerService'), room: false },
  ],
};

/** Emergencies (CLASS-2): what they are about and their words. */
const EMERGENCIES: readonly { kind: CaseKind; code: string; route: Route; room: boolean; text: string }[] = [
  {
    kind: 'repair',
    code: 'facility_repair.water_electric',
    route: dept('engineering'),
    room: true,
    text: '{r}家中水管爆裂，水已经漫到楼道，总阀关不住，请立即派人！',
  },
  {
    kind: 'repair',
    code: 'facility_repair.lift',
    route: dept('engineering'),
    room: false,
    text: '{b}电梯困人！有老人被困在轿厢里，请马上派人救援。',
  },
  {
    kind: 'repair',
    code: 'facility_repair.water_electric',
    route: dept('engineering'),
    room: false,
    text: '{b}配电箱冒烟并有焦糊味，整个单元停电，请立即处理。',
  },
  {
    kind: 'complaint',
    code: 'security',
    route: dept('security'),
    room: false,
    text: '{p}有人打架，已有人受伤，请保安马上过去处理！',
  },
];

/** How likely a matter comes in at each hour of the day (local). */
const HOURS: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 2, 6, 10, 10, 8, 5, 5, 7, 8, 8, 7, 8, 8, 6, 3, 1, 0];
/** A busier summer (repairs), a quieter National Day and Spring Festival. */
const SEASON: Readonly<Record<number, number>> = {
  1: 1,
  2: 0.8,
  3: 0.95,
  4: 0.95,
  5: 1,
  6: 1.05,
  7: 1.15,
  8: 1.15,
  9: 1,
  10: 0.92,
  11: 0.92,
  12: 0.95,
};
/** Monday to Sunday. */
const WEEKDAY = [1.15, 1, 1, 0.95, 0.95, 0.95, 0.9];

/** Who records at each office's desk (FIRSTASK-1: by default also the first responder), by weight. */
export const DESK: readonly Readonly<Record<string, number>>[] = [
  { agent: 50, zhangmin: 38, supervisor: 12 },
  { agent2: 58, liufang: 42 },
];
/** Who works in each office's departments; the first listed is who takes a case nobody named. */
export const TEAMS: readonly Readonly<Record<DeptFn, readonly string[]>>[] = [
  {
    customerService: ['supervisor', 'zhangmin', 'agent'],
    engineering: ['technician', 'qianjg', 'sunzq'],
    security: ['zhouhai'],
    cleaning: ['wugy'],
    greening: ['zhengwb'],
  },
  {
    customerService: ['director2', 'liufang', 'agent2'],
    engineering: ['fengjh', 'chenyong'],
    security: ['chuwei'],
    cleaning: ['weixl'],
    greening: ['jiangtao'],
  },
];
/** Who oversees each office's desk: callbacks reassigned, cases reopened or invalidated, deadlines extended. */
export const OVERSEER = ['supervisor', 'director2'];
export const DIRECTOR = ['director', 'director2'];

/**
 * Recurring problems planted in the history (PROBLEM-1): several homes of one building report the same matter
 * within weeks, so detection finds them. `daysAgo`: when the first one came in.
 */
const RECURRING: readonly {
  community: number;
  building: number;
  code: string;
  kind: CaseKind;
  daysAgo: number;
  count: number;
  text: string;
}[] = [
  {
    community: 0,
    building: 6,
    code: 'facility_repair.lift',
    kind: 'repair',
    daysAgo: 24,
    count: 4,
    text: '{b}电梯又停了，这个月已经好几次，上下班特别不方便。',
  },
  {
    community: 2,
    building: 2,
    code: 'facility_repair.water_electric',
    kind: 'repair',
    daysAgo: 20,
    count: 3,
    text: '{r}卫生间顶上渗水，怀疑是楼上公共排水管漏水。',
  },
  {
    community: 1,
    building: 1,
    code: 'environment.noise',
    kind: 'complaint',
    daysAgo: 16,
    count: 3,
    text: '{r}楼里有住户装修，中午和晚上也在施工，吵得没法休息。',
  },
  {
    community: 0,
    building: 10,
    code: 'facility_repair.public_lighting',
    kind: 'repair',
    daysAgo: 85,
    count: 4,
    text: '{b}楼道灯又坏了，修了没几天又不亮。',
  },
  {
    community: 2,
    building: 6,
    code: 'public_order.parking',
    kind: 'complaint',
    daysAgo: 80,
    count: 3,
    text: '{b}楼下消防通道又被车堵了，多次反映还是这样。',
  },
];

export interface Gen {
  world: DemoWorld;
  now: Date;
  tz: string;
}

function fill(
  template: string,
  r: Rand,
  c: DemoWorld['communities'][number],
  b: DemoWorld['communities'][number]['buildings'][number],
  room: { label: string } | null,
) {
  return template
    .replaceAll('{c}', c.name)
    .replaceAll('{b}', b.name)
    .replaceAll('{r}', room ? room.label : b.name)
    .replaceAll('{p}', pick(r, text.PLACES));
}

/** What residents add in their own words, so no two descriptions read alike. */
function detail(r: Rand, kind: CaseKind): string {
  if (kind === 'praise' || kind === 'suggestion' || chance(r, 0.15)) return '';
  const first = pick(r, text.DETAILS);
  const second = chance(r, 0.5) ? pick(r, text.DETAILS) : '';
  return second && second !== first ? first + second : first;
}

/** The matter's recording: phones and visits at once, messages within minutes, letters when opened. */
function recording(r: Rand, channel: Channel, kind: CaseKind, receivedAt: Date): Date {
  const minutes =
    channel === 'phone' || channel === 'visit' || channel === 'hotline' || channel === 'callback'
      ? between(r, 1, 3)
      : channel === 'wechat' || channel === 'app' || channel === 'web'
        ? kind === 'repair'
          ? between(r, 1, 3.5)
          : between(r, 2, 25)
        : channel === 'email'
          ? between(r, 5, 50)
          : between(r, 2, 15);
  return plus(receivedAt, minutes * MIN);
}

function makeSpec(
  g: Gen,
  seed: number,
  receivedAt: Date,
  forced?: { community: number; building: number; code: string; kind: CaseKind; text: string },
  justIn = false,
): Spec {
  const r = rng(seed);
  const { world } = g;
  const communityIndex = forced
    ? forced.community
    : weighted(
        r,
        world.communities.map((x, i) => [i, x.buildings.reduce((n, b) => n + b.rooms.length, 0)] as const),
      );
  const c = world.communities[communityIndex];
  const officeIndex = c.officeIndex;
  let severity: Severity = 'general';
  let kind: CaseKind;
  let plan: CategoryPlan;
  let template: string;
  const emergency = !forced && !justIn && chance(r, 0.028) ? pick(r, EMERGENCIES) : null;
  if (emergency) {
    severity = 'emergency';
    kind = emergency.kind;
    plan = { code: emergency.code, weight: 1, route: emergency.route, room: emergency.room };
    template = emergency.text;
  } else if (forced) {
    kind = forced.kind;
    plan = CATEGORIES[kind].find((p) => p.code === forced.code)!;
    template = forced.text;
  } else {
    kind = justIn ? oneOf<CaseKind>(r, { complaint: 3, suggestion: 1, other: 1 }) : oneOf(r, KINDS);
    plan = weighted(
      r,
      CATEGORIES[kind].map((p) => [p, p.weight] as const),
    );
    template =
      kind === 'suggestion'
        ? pick(r, text.SUGGESTIONS[plan.code])
        : kind === 'praise'
          ? pick(r, text.PRAISE)
          : pick(r, text.DESCRIPTIONS[plan.code]);
    if (kind === 'repair' || kind === 'complaint')
      severity = oneOf<Severity>(
        r,
        kind === 'complaint' ? { major: 15, general: 85 } : { major: 12, general: 88 },
      );
  }
  const channel: Channel = emergency
    ? oneOf<Channel>(r, { phone: 9, visit: 1 })
    : justIn
      ? pick(r, ['wechat', 'app', 'web'] as const)
      : oneOf(r, CHANNELS[kind]);
  const building = forced ? c.buildings[forced.building] : pick(r, c.buildings);
  const homes = building.rooms.filter((x) => x.occupied && x.residents.length > 0);
  const home = pick(r, homes);
  const resident = pick(r, home.residents);
  const repairType = kind === 'repair' && plan.repairType ? oneOf(r, plan.repairType) : null;
  // a shared facility is the building's, not a home's (REPAIR-1)
  const aboutRoom = (plan.room && repairType !== 'shared') || !!forced || template.includes('{r}');
  const description =
    fill(template, r, c, building, aboutRoom ? home : null) + (emergency ? '' : detail(r, kind));
  // Anonymous complaints (INTAKE-5) come by the box, a letter or WeChat; some notes in the box leave no phone.
  const anonymous =
    kind === 'complaint' && ['mailbox', 'letter', 'wechat'].includes(channel) && chance(r, 0.35);
  const withoutPhone = !anonymous && ['mailbox', 'letter', 'fax'].includes(channel) && chance(r, 0.3);
  const reporter = anonymous ? null : { name: resident.name, phone: withoutPhone ? null : resident.phone };
  const recordedAt = recording(r, channel, kind, receivedAt);
  const desk = DESK[officeIndex];
  const recorder = oneOf(r, desk);
  // FIRSTASK-1: now and then the first to hear of it was a colleague out in the community, named by the recorder.
  const team = TEAMS[officeIndex];
  const outside = chance(r, 0.06) ? pick(r, [...team.engineering, ...team.security]) : null;
  const firstResponder = outside ?? recorder;
  // HANDLE-5: most complaints about attitude name the employee; now and then the recorder themself (INTAKE-2).
  let aboutEmployee: string | null = null;
  if (kind === 'complaint' && plan.code === 'property_service.attitude' && chance(r, 0.7))
    aboutEmployee = chance(r, 0.04) ? recorder : pick(r, [...team.security, ...team.engineering]);
  const onTheSpotChance: Partial<Record<CaseKind, number>> = {
    inquiry: 0.75,
    praise: 0.75,
    other: 0.35,
    repair: 0.05,
    complaint: 0.03,
  };
  const spot =
    !emergency && !forced && !justIn && plan.route.type !== 'unit' && chance(r, onTheSpotChance[kind] ?? 0)
      ? kind === 'praise'
        ? pick(r, text.PRAISE_ANSWER)
        : pick(r, text.ON_THE_SPOT)
      : null;
  return {
    seed,
    officeIndex,
    communityIndex,
    kind,
    channel,
    severity,
    category: plan.code,
    repairType,
    roomId: aboutRoom ? home.id : null,
    address: aboutRoom ? null : `${c.name}${building.name}`,
    reporter,
    anonymous,
    description,
    receivedAt,
    recordedAt,
    recorder,
    firstResponder,
    aboutEmployee,
    onTheSpot: spot,
    route: justIn && plan.route.type === 'unit' ? dept('customerService') : plan.route,
    justIn,
  };
}

/** Every matter of the history, in the order it was recorded, numbered as intake numbers them (INTAKE-8). */
export function specsOf(g: Gen, policy: CompanyPolicy): Spec[] {
  const master = rng(20260601);
  const { now, tz } = g;
  const today = localDateOf(now, tz);
  const [y, m] = today.split('-').map(Number);
  const startMonth = (m - 1 - HISTORY_MONTHS + 120) % 12;
  const startYear = y + Math.floor((m - 1 - HISTORY_MONTHS) / 12);
  let day = `${startYear}-${String(startMonth + 1).padStart(2, '0')}-01`;
  const specs: Spec[] = [];
  const lastIn = now.getTime() - 4 * MIN;
  for (; day <= today; day = addDays(day, 1)) {
    const month = Number(day.slice(5, 7));
    const volume = CASES_A_DAY * SEASON[month] * WEEKDAY[(weekdayOf(day) + 6) % 7];
    const n = Math.max(0, Math.round(volume + between(master, -3, 3)));
    const midnight = startOfLocalDay(day, tz).getTime();
    for (let i = 0; i < n; i++) {
      const seed = Math.floor(master() * 2 ** 32);
      const hour = weighted(
        master,
        HOURS.map((w, h) => [h, w] as const),
      );
      const at = new Date(midnight + hour * HOUR + Math.floor(master() * HOUR));
      if (at.getTime() > lastIn) continue;
      specs.push(makeSpec(g, seed, at));
    }
    // a night's emergencies come at any hour
    if (master() < 0.08) {
      const seed = Math.floor(master() * 2 ** 32);
      const at = new Date(midnight + Math.floor(master() * 6 * HOUR));
      if (at.getTime() <= lastIn) {
        const spec = makeSpec(g, seed, at);
        if (spec.severity === 'emergency') specs.push(spec);
      }
    }
  }
  // Just in: a few messages of the last hour, still to be routed whatever the hour.
  for (let k = 0; k < 4; k++) {
    const at = new Date(now.getTime() - (8 + k * 17 + master() * 10) * MIN);
    specs.push(makeSpec(g, Math.floor(master() * 2 ** 32), at, undefined, true));
  }
  for (const p of RECURRING)
    for (let k = 0; k < p.count; k++) {
      // in office hours, one every few days
      const day = localDateOf(new Date(now.getTime() - (p.daysAgo - k * (p.daysAgo > 30 ? 7 : 5)) * DAY), tz);
      const at = new Date(startOfLocalDay(day, tz).getTime() + (9 + master() * 8) * HOUR);
      if (at.getTime() > lastIn) continue;
      specs.push(makeSpec(g, Math.floor(master() * 2 ** 32), at, p));
    }
  // a message still being typed in is not in yet
  const recorded = specs.filter((s) => s.recordedAt.getTime() <= now.getTime() - MIN);
  recorded.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.seed - b.seed);
  const counters = new Map<string, number>();
  for (const s of recorded) {
    const prefix = caseNumberPrefix(s.kind, policy.numberPrefixes);
    const year = Number(localDateOf(s.receivedAt, tz).slice(0, 4));
    const key = `${prefix}-${year}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    s.number = formatCaseNumber(prefix, year, n);
  }
  return recorded;
}
