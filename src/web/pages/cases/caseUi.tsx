/**
 * Small pieces every case screen shares: the clock chip (UI-2: green on time, amber past 80 %, red
 * breached with how long, grey paused — always with words, never colour alone), state / severity / tier tags,
 * and a one-second ticker so countdowns move without reloading.
 */
import { useSyncExternalStore, type ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  PauseCircleOutlined,
  RiseOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { Case, CaseClock, CaseState, Severity } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { clockStatus, formatDuration, liveClocks, type ClockStatus } from './clocks';

export { clockStatus, formatDuration, liveClocks, type ClockStatus };

// ── one shared ticker ───────────────────────────────────────────────────────────────────────────────

let tickNow = Date.now();
const tickListeners = new Set<() => void>();
let tickTimer: ReturnType<typeof setInterval> | undefined;

function subscribeTick(fn: () => void) {
  tickListeners.add(fn);
  if (!tickTimer)
    tickTimer = setInterval(() => {
      tickNow = Date.now();
      for (const l of tickListeners) l();
    }, 1000);
  return () => {
    tickListeners.delete(fn);
    if (!tickListeners.size && tickTimer) {
      clearInterval(tickTimer);
      tickTimer = undefined;
    }
  };
}

/** The current time, re-rendering every second while mounted (all chips share one interval). */
export function useNow(): number {
  return useSyncExternalStore(
    subscribeTick,
    () => tickNow,
    () => tickNow,
  );
}

// ── clocks ──────────────────────────────────────────────────────────────────────────────────────────

const CHIP_COLOR: Record<ClockStatus, string> = {
  ok: 'success',
  warning: 'warning',
  breached: 'error',
  paused: 'default',
  met: 'success',
  stopped: 'default',
};

const CHIP_ICON: Record<ClockStatus, ReactNode> = {
  ok: <ClockCircleOutlined />,
  warning: <WarningOutlined />,
  breached: <ExclamationCircleOutlined />,
  paused: <PauseCircleOutlined />,
  met: <CheckCircleOutlined />,
  stopped: <CheckCircleOutlined />,
};

export function ClockChip({ clock, state }: { clock: CaseClock; state: CaseState }) {
  const { t, label, dateTime } = useI18n();
  const now = useNow();
  const status = clockStatus(clock, state, now);
  const name = label('clock', clock.name);
  const due = Date.parse(clock.dueAt);
  let text: string;
  switch (status) {
    case 'ok':
      text = t('clockChip.ok', { clock: name, left: formatDuration(due - now, t) });
      break;
    case 'warning':
      text = t('clockChip.warning', { clock: name, left: formatDuration(due - now, t) });
      break;
    case 'breached':
      text =
        now > due
          ? t('clockChip.breached', { clock: name, over: formatDuration(now - due, t) })
          : t('clockChip.breachedNoTime', { clock: name });
      break;
    case 'paused':
      text = t('clockChip.paused', { clock: name });
      break;
    case 'met':
      text = t('clockChip.met', { clock: name });
      break;
    default:
      text = t('clockChip.stopped', { clock: name });
  }
  return (
    <Tooltip title={t('clockChip.due', { at: dateTime(clock.dueAt) })}>
      <Tag
        color={CHIP_COLOR[status]}
        icon={CHIP_ICON[status]}
        data-testid={`clock-chip-${clock.name}`}
        data-status={status}
        style={{ marginInlineEnd: 4, fontVariantNumeric: 'tabular-nums' }}
      >
        {text}
      </Tag>
    </Tooltip>
  );
}

/** The chip of the clock that matters now (the nearest due), or nothing. */
export function NearestClockChip({ c }: { c: Pick<Case, 'clocks' | 'state'> }) {
  const now = useNow();
  const clock = liveClocks(c, now)[0];
  return clock ? <ClockChip clock={clock} state={c.state} /> : <span>—</span>;
}

// ── tags ────────────────────────────────────────────────────────────────────────────────────────────

const STATE_COLOR: Record<CaseState, string> = {
  received: 'blue',
  routed: 'geekblue',
  in_progress: 'processing',
  waiting: 'default',
  resolved: 'cyan',
  closed: 'default',
};

export function StateTag({ state, testId }: { state: CaseState; testId?: string }) {
  const { label } = useI18n();
  return (
    <Tag color={STATE_COLOR[state]} data-testid={testId} data-state={state}>
      {label('caseState', state)}
    </Tag>
  );
}

const SEVERITY_COLOR: Record<Severity, string | undefined> = {
  emergency: 'red',
  major: 'orange',
  general: undefined,
};

export function SeverityTag({ severity }: { severity: Severity }) {
  const { label } = useI18n();
  return (
    <Tag color={SEVERITY_COLOR[severity]} data-severity={severity}>
      {label('severity', severity)}
    </Tag>
  );
}

/** Escalation tier (1 supervisor, 2 director, 3 manager); nothing at tier 0. */
export function TierBadge({ tier }: { tier: number }) {
  const { t } = useI18n();
  if (!tier) return null;
  const key = tier >= 3 ? 'tier.3' : tier === 2 ? 'tier.2' : 'tier.1';
  return (
    <Tag color="volcano" icon={<RiseOutlined />} data-testid="tier-badge" data-tier={tier}>
      {t(key)}
    </Tag>
  );
}

/** Room label, or the free address, or a dash. */
export const placeOf = (c: Pick<Case, 'room' | 'address'>) => c.room?.label ?? c.address ?? '—';
