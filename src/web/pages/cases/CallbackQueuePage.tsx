/**
 * 回访 — the callback queue: resolved cases waiting for their callback (CALLBACK-2), the callbacks I owe by
 * default; supervisors and directors oversee everyone's in their scope. Nearest callback deadline first. On a
 * phone the queue is cards (CaseCards), each with its callback button.
 */
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { Button, Segmented, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useCaseList, useIsSupervisor } from '../../api/cases';
import { useMe } from '../../api/queries';
import type { Case } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { usePhone } from '../../components/usePhone';
import { useI18n } from '../../i18n/i18n';
import { ActionDrawer } from './ActionDrawer';
import { CaseCards } from './CaseCards';
import { ReporterPhone } from './ReporterPhone';
import { NearestClockChip, placeOf, SeverityTag } from './caseUi';

export default function CallbackQueuePage() {
  const { t, label } = useI18n();
  const me = useMe();
  const supervisor = useIsSupervisor();
  const [whose, setWhose] = useState<'mine' | 'all'>(supervisor ? 'all' : 'mine');
  const [open, setOpen] = useState<Case | null>(null);
  const phone = usePhone();
  const userId = me.data?.user.id ?? '';
  const list = useCaseList({
    state: 'resolved',
    callbackAssigneeId: whose === 'mine' ? userId : undefined,
    sort: 'nextDue',
  });

  const callbackButton = (c: Case) =>
    c.allowedActions.includes('callback') ? (
      <Button type="primary" icon={<PhoneOutlined />} onClick={() => setOpen(c)} data-testid="callback-start">
        {t('action.callback')}
      </Button>
    ) : null;

  const columns: ColumnsType<Case> = [
    {
      title: t('case.number'),
      dataIndex: 'number',
      fixed: 'left',
      render: (_, c) => (
        <Link to={`/cases/${c.id}`} style={{ whiteSpace: 'nowrap' }}>
          {c.number}
        </Link>
      ),
    },
    { title: t('case.clock'), key: 'clock', render: (_, c) => <NearestClockChip c={c} /> },
    {
      title: t('case.kind'),
      key: 'kind',
      render: (_, c) => (
        <>
          {label('caseKind', c.kind)} <SeverityTag severity={c.severity} />
        </>
      ),
    },
    {
      title: t('case.summary'),
      dataIndex: 'description',
      width: 240,
      render: (_, c) => (
        <Typography.Text ellipsis={{ tooltip: c.description }} style={{ maxWidth: 240 }}>
          {c.description}
        </Typography.Text>
      ),
    },
    { title: t('case.room'), key: 'room', render: (_, c) => placeOf(c) },
    {
      title: t('case.reporter'),
      key: 'reporter',
      render: (_, c) => (
        <div>
          <div>{c.reporter.anonymous ? t('case.anonymous') : (c.reporter.name ?? '—')}</div>
          <ReporterPhone c={c} />
        </div>
      ),
    },
    { title: t('case.handler'), key: 'handler', render: (_, c) => c.handler?.name ?? '—' },
    { title: t('case.callbackAssignee'), key: 'assignee', render: (_, c) => c.callbackAssignee?.name ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, c) => callbackButton(c),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.callbacks')} subTitle={t('callbacks.subtitle')} />
      {supervisor && (
        <Toolbar>
          <Segmented<'mine' | 'all'>
            value={whose}
            onChange={setWhose}
            options={[
              { value: 'mine', label: t('callbacks.mine') },
              { value: 'all', label: t('callbacks.all') },
            ]}
            data-testid="callbacks-whose"
          />
        </Toolbar>
      )}
      {phone ? (
        <CaseCards list={list} testId="callbacks-table" extra={callbackButton} />
      ) : (
        <DataTable<Case>
          list={list}
          columns={columns}
          testId="callbacks-table"
          onRow={(c) => ({ 'data-testid': `case-row-${c.number}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
      {open && <ActionDrawer c={open} action="callback" onClose={() => setOpen(null)} />}
    </>
  );
}
