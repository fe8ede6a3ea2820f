// @vitest-environment happy-dom
/**
 * The case list opened from the director's daily results in the bell (CALLBACK-8): the office's general matters
 * resolved that day, asked for with the same filters the daily list counts by, named in a banner with a way back to
 * the whole list. Only the network is fake (src/web/testing/render.tsx).
 */
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderInApp } from '../../testing/render';
import CaseListPage from './CaseListPage';

const OFFICE = '00000000-0000-4000-8000-0000000000a1';

const director = {
  user: {
    id: '00000000-0000-4000-8000-000000000002',
    username: 'director',
    name: '陈主任',
    jobNumber: null,
    roles: ['director'],
    officeIds: [OFFICE],
    companyId: '00000000-0000-4000-8000-000000000001',
    companyName: '汇银物业',
    companyShortName: '汇银',
    departmentId: null,
  },
  permissions: ['cases.read', 'org.read'],
  serverTime: '2026-11-24T06:00:00.000Z',
};

const office = {
  id: OFFICE,
  name: '翠湖管理处',
  address: null,
  phone: null,
  director: null,
  counts: { communities: 1, departments: 2, users: 5 },
  version: 1,
};

describe('CALLBACK-8 the daily results open as a case list', () => {
  it('asks for the office’s general matters resolved that day and names them; the banner leads back to all cases', async () => {
    const server = fakeServer({
      'GET /api/auth/me': director,
      'GET /api/offices': { items: [office], nextCursor: null, total: 1, totalCapped: false },
      'GET /api/users/:id': { status: 403, body: { error: { code: 'forbidden', message: 'forbidden' } } },
      'GET /api/cases': { items: [], nextCursor: null, total: 0, totalCapped: false },
    });
    renderInApp(
      <Routes>
        <Route path="/cases/all" element={<CaseListPage scope="all" />} />
      </Routes>,
      { path: `/cases/all?officeId=${OFFICE}&resolvedOn=2026-11-23` },
    );
    const banner = await screen.findByTestId('daily-results-filter');
    await waitFor(() => expect(banner.textContent).toContain('翠湖管理处2026年11月23日办结的一般事项'));
    const asked = server.to('GET', '/api/cases').at(-1)!;
    expect(asked.query.getAll('officeId')).toEqual([OFFICE]);
    expect(asked.query.get('resolvedOn')).toBe('2026-11-23');
    expect(asked.query.getAll('severity')).toEqual(['general']);
    expect(asked.query.getAll('kind').sort()).toEqual(['inquiry', 'other', 'praise', 'repair', 'suggestion']);
    // no saved state filter narrows the day's results
    expect(asked.query.getAll('state')).toEqual([]);
    expect(screen.getByTestId('daily-results-clear').getAttribute('href')).toBe('/cases/all');
  });
});
