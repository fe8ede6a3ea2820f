// @vitest-environment happy-dom
/**
 * What a timeline entry says: a case taken as the repeat of one closed recently names that case and links to it
 * (INTAKE-12).
 */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { renderInApp } from '../../testing/render';
import { summarise } from './CaseTimeline';

const RELATED = '00000000-0000-4000-8000-0000000000e9';

function Rows({ entry }: { entry: TimelineEntry }) {
  const i18n = useI18n();
  return (
    <dl>
      {summarise(entry, i18n, new Map()).map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const received = (data: Record<string, unknown>): TimelineEntry => ({
  seq: 1,
  at: '2026-11-24T02:00:00.000Z',
  actor: { id: '00000000-0000-4000-8000-0000000000c1', name: '王小明' },
  type: 'received',
  data: { channel: 'phone', kind: 'complaint', severity: 'general', ...data },
  hash: 'h1',
});

describe('the received entry of the timeline', () => {
  it('INTAKE-12 names the closed case it repeats, linking to it', () => {
    renderInApp(<Rows entry={received({ relatedCaseId: RELATED, relatedCaseNumber: 'TS-2026-000101' })} />);
    const link = screen.getByRole('link', { name: 'TS-2026-000101' });
    expect(link.getAttribute('href')).toBe(`/cases/${RELATED}`);
    expect(screen.getByText('重复反映')).toBeTruthy();
  });

  it('INTAKE-12 an entry recorded before the number was kept still links to the case', () => {
    renderInApp(<Rows entry={received({ relatedCaseId: RELATED })} />);
    expect(screen.getByRole('link', { name: '查看工单' }).getAttribute('href')).toBe(`/cases/${RELATED}`);
  });

  it('a case that repeats nothing says nothing of it', () => {
    renderInApp(<Rows entry={received({})} />);
    expect(screen.queryByText('重复反映')).toBeNull();
  });
});
