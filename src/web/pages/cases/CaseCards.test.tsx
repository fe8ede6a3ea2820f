// @vitest-environment happy-dom
/**
 * Case lists on a phone are cards (UI-6): number, state, the running clock's time left or over, room, the first
 * line of the matter, and a tap opens the case; a wide screen keeps the table. The viewport is happy-dom's, which
 * its matchMedia (and so antd's breakpoints) answers from.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { CursorList } from '../../api/queries';
import type { Case } from '../../api/types';
import { fakeServer, renderInApp } from '../../testing/render';
import { CaseTable } from './CaseTable';
import { firstLine } from './CaseCards';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function aCase(over: Partial<Case> & Pick<Case, 'id' | 'number'>): Case {
  const now = Date.now();
  return {
    version: 1,
    channel: 'phone',
    kind: 'repair',
    severity: 'general',
    category: null,
    repairType: null,
    visitAt: null,
    state: 'routed',
    receivedAt: iso(now - HOUR),
    createdAt: iso(now - HOUR),
    recordedBy: null,
    firstResponder: null,
    handler: null,
    department: null,
    target: null,
    office: null,
    room: null,
    address: null,
    reporter: { name: null, phone: null, anonymous: false, masked: true },
    description: '',
    selfComplaint: false,
    escalationTier: 0,
    satisfaction: null,
    reopenCount: 0,
    mergedInto: null,
    invalid: false,
    calendarUnknown: false,
    callbackAssignee: null,
    nextDueAt: null,
    clocks: [],
    allowedActions: [],
    ...over,
  } as Case;
}

const clock = (name: 'resolve' | 'route', startedAt: number, dueAt: number) => ({
  name,
  startedAt: iso(startedAt),
  dueAt: iso(dueAt),
  metAt: null,
  breachedAt: null,
  warnedAt: null,
  stoppedAt: null,
  pausedMs: 0,
  paused: false,
  calendarUnknown: false,
});

function listOf(items: Case[]): CursorList<Case> {
  return {
    items,
    total: items.length,
    totalCapped: false,
    page: 1,
    pageSize: 50,
    hasPrev: false,
    hasNext: false,
    prev: () => {},
    next: () => {},
    isLoading: false,
    isFetching: false,
    error: null,
    refetch: () => {},
  };
}

function cases(): Case[] {
  const now = Date.now();
  return [
    aCase({
      id: '00000000-0000-4000-8000-0000000000f1',
      number: 'BX-2026-000101',
      state: 'in_progress',
      room: { id: '00000000-0000-4000-8000-000000000101', label: '翠湖花园 3栋 2单元 501' },
      description: '厨房水龙头漏水\n楼下邻居说天花板也在滴水',
      clocks: [clock('resolve', now - HOUR, now + 2 * HOUR + 30 * 60_000)],
    }),
    aCase({
      id: '00000000-0000-4000-8000-0000000000f2',
      number: 'TS-2026-000102',
      kind: 'complaint',
      state: 'received',
      address: '小区东门',
      description: '   \n门岗保安态度不好',
      clocks: [clock('route', now - 5 * HOUR, now - 3 * HOUR - 10 * 60_000)],
    }),
  ];
}

function CaseOpened() {
  return <div data-testid="opened">{useParams().id}</div>;
}

function renderList() {
  fakeServer({});
  renderInApp(
    <Routes>
      <Route path="/cases/all" element={<CaseTable list={listOf(cases())} testId="cases-table-all" />} />
      <Route path="/cases/:id" element={<CaseOpened />} />
    </Routes>,
    { path: '/cases/all' },
  );
}

const setViewport = (width: number, height: number) =>
  (window as unknown as { happyDOM: { setViewport(v: object): void } }).happyDOM.setViewport({
    width,
    height,
  });

afterEach(() => setViewport(1024, 768));

describe('case lists on a phone', () => {
  it('are cards with number, state, clock, room and the first line of the matter; a tap opens the case', async () => {
    setViewport(390, 844);
    renderList();
    const first = await screen.findByTestId('case-card-BX-2026-000101');
    expect(screen.getByTestId('cases-table-all').getAttribute('data-view')).toBe('cards');
    expect(screen.queryByRole('table')).toBeNull();

    expect(within(first).getByTestId('case-link').textContent).toBe('BX-2026-000101');
    expect(within(first).getByText('处理中')).toBeTruthy();
    // the running clock with the time left, the room, only the first line of the matter
    expect(within(first).getByTestId('case-card-clock').textContent).toMatch(/^办结 剩 2小时(29|30)分$/);
    expect(within(first).getByTestId('case-card-room').textContent).toBe('翠湖花园 3栋 2单元 501');
    expect(within(first).getByTestId('case-card-matter').textContent).toBe('厨房水龙头漏水');

    // overdue: the time over; no room, the address; a blank first line is skipped
    const second = screen.getByTestId('case-card-TS-2026-000102');
    expect(within(second).getByTestId('case-card-clock').textContent).toMatch(
      /^转办告知 已超时 3小时(9|10)分$/,
    );
    expect(within(second).getByTestId('case-card-room').textContent).toBe('小区东门');
    expect(within(second).getByTestId('case-card-matter').textContent).toBe('门岗保安态度不好');

    // a tap anywhere on the card opens the case
    fireEvent.click(within(second).getByTestId('case-card-matter'));
    expect((await screen.findByTestId('opened')).textContent).toBe('00000000-0000-4000-8000-0000000000f2');
  });

  it('stay a table on a wide screen', async () => {
    setViewport(1440, 900);
    renderList();
    await waitFor(() => expect(screen.getByTestId('case-row-BX-2026-000101')).toBeTruthy());
    expect(screen.getByTestId('cases-table-all').querySelector('table')).not.toBeNull();
    expect(screen.queryByTestId('case-card-BX-2026-000101')).toBeNull();
  });

  it('show the first non-blank line of the matter', () => {
    expect(firstLine('  \r\n 电梯困人 \r\n已联系维保')).toBe('电梯困人');
    expect(firstLine('')).toBe('');
  });
});
