/** What the monthly summary's views share: the public wording's fields, status colours, drill-downs. */
import { Button } from 'antd';
import type { DrillQuery, MonthlySummary, PublicText } from '../reportsApi';

export const PUBLIC_FIELDS = [
  'intro',
  'notable',
  'unresolved',
  'closing',
] as const satisfies readonly (keyof PublicText)[];

export const STATUS_COLOR: Record<string, string> = {
  missing: 'default',
  draft: 'processing',
  approved: 'warning',
  published: 'success',
};

/** What a drill-down asks GET /:id/cases for (its filters, as the contract names them), and its title. */
export interface Drill extends Pick<DrillQuery, 'figure' | 'value' | 'clock' | 'communityId'> {
  title: string;
}

export const undecidedCount = (s: MonthlySummary) => s.publicHighlights.filter((h) => !h.choice).length;

/** A count that opens its drill-down; a plain number where there is none (the month in progress). */
export function CountLink({ n, onClick, testId }: { n: number; onClick?: () => void; testId?: string }) {
  if (!onClick) return <span data-testid={testId}>{n}</span>;
  return (
    <Button
      type="link"
      size="small"
      style={{ padding: 0, height: 'auto' }}
      onClick={onClick}
      data-testid={testId}
    >
      {n}
    </Button>
  );
}
