// @vitest-environment happy-dom
/**
 * The internal version of the monthly summary: the paid-repair callback rate beside the callback rate with its
 * target and both drill-downs (REPORT-8), left out of summaries approved before it was counted; and the month in
 * progress (REPORT-1), whose counts are plain numbers with no drill-down.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Figure, MonthlySummary } from '../reportsApi';
import { renderInApp } from '../../../testing/render';
import { InternalView } from './InternalView';

const fig = (numerator: number, denominator: number, target: Figure['target'] = null): Figure => ({
  value: denominator ? numerator / denominator : null,
  numerator,
  denominator,
  formulaKey: 'formula.callback_rate',
  target,
  meetsTarget: target && denominator ? numerator / denominator >= target.value : null,
});

/** The parts of a summary the internal view reads; the workflow and public parts it does not read are left out. */
const summary = (over: Partial<MonthlySummary['figures']> = {}, top: Partial<MonthlySummary> = {}) =>
  ({
    id: '00000000-0000-4000-8000-0000000000f1',
    year: 2026,
    month: 10,
    figures: {
      received: 12,
      counted: 11,
      invalid: 1,
      merged: 0,
      validComplaints: 3,
      occupiedHouseholds: 300,
      byKind: [],
      byCategory: [],
      byChannel: [],
      bySeverity: [],
      onTime: [],
      onTimeAll: fig(8, 10),
      callbackRate: fig(9, 10, { op: '>=', value: 1 }),
      paidRepairCallbackRate: {
        ...fig(4, 5, { op: '>=', value: 0.9 }),
        formulaKey: 'formula.paid_repair_callback_rate',
      },
      satisfaction: { answered: 9, satisfied: 7, basicallySatisfied: 1, unsatisfied: 1 },
      satisfactionRate: fig(8, 9),
      reopenRate: fig(1, 10),
      effectiveComplaintRate: fig(3, 300, { op: '<=', value: 0.01 }),
      ...over,
    },
    communities: [],
    notable: [],
    unresolved: [],
    listsTruncated: false,
    inProgress: false,
    ...top,
  }) as unknown as MonthlySummary;

describe('the internal version of the monthly summary', () => {
  it('REPORT-8 shows the paid-repair callback rate with its ≥ 90% target missed and drills into both parts', () => {
    const onDrill = vi.fn();
    renderInApp(<InternalView s={summary()} onDrill={onDrill} />);
    const row = screen.getByTestId('summary-figure-paidRepairCallbackRate').closest('tr')!;
    expect(row.textContent).toContain('特约服务回访率');
    expect(row.textContent).toContain('80.0%');
    expect(row.textContent).toContain('≥ 90.0%');
    expect(within(row).getByText('未达标')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '未回访的有偿维修' }));
    fireEvent.click(within(row).getByRole('button', { name: '完成的有偿维修' }));
    expect(onDrill.mock.calls.map(([d]) => d.figure)).toEqual([
      'paidRepairNotCalledBack',
      'paidRepairResolved',
    ]);
  });

  it('REPORT-8 a summary approved before the rate was counted shows no such row', () => {
    renderInApp(<InternalView s={summary({ paidRepairCallbackRate: undefined })} onDrill={vi.fn()} />);
    expect(screen.queryByTestId('summary-figure-paidRepairCallbackRate')).toBeNull();
    expect(screen.getByTestId('summary-figure-callbackRate')).toBeTruthy();
  });

  it('REPORT-1 the month in progress: counts are plain numbers and there is no drill-down column', () => {
    renderInApp(<InternalView s={summary({}, { id: '', inProgress: true })} />);
    const received = screen.getByTestId('summary-figure-received');
    expect(received.textContent).toContain('12');
    expect(within(received).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: '未回访的有偿维修' })).toBeNull();
  });
});
