/**
 * Who is calling: the residents holding the typed phone with their rooms (a click picks the room and the name),
 * and their open cases. Shown beside the form on a wide screen, within it on a narrow one.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import type { CallerLookup } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { LOOKUP_MIN_DIGITS } from './useIntakeForm';

export function CallerPanel({
  phone,
  digits,
  lookup,
  roomId,
  onChooseRoom,
}: {
  phone: string;
  digits: number;
  lookup: { data?: CallerLookup; isFetching: boolean; isError: boolean };
  roomId?: string;
  onChooseRoom: (id: string, label: string, residentName?: string) => void;
}) {
  const { t, label, dateTime } = useI18n();
  const data = lookup.data;
  let body: ReactNode;
  if (digits < LOOKUP_MIN_DIGITS)
    body = <Typography.Text type="secondary">{t('caller.typePhone')}</Typography.Text>;
  else if (lookup.isFetching && !data) body = <Spin />;
  else if (lookup.isError) body = <Typography.Text type="secondary">{t('caller.badPhone')}</Typography.Text>;
  else if (data && !data.residents.length && !data.openCases.length)
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={<span data-testid="caller-none">{t('caller.none', { phone })}</span>}
      />
    );
  else if (data)
    body = (
      <>
        {data.residents.map((r) => (
          <div key={r.id} style={{ marginBottom: 12 }} data-testid="caller-resident">
            <Typography.Text strong>{r.name}</Typography.Text>{' '}
            <Typography.Text type="secondary">{r.phones.join(t('common.enumSep'))}</Typography.Text>
            <Flex vertical gap={4} style={{ marginTop: 4 }}>
              {r.rooms.map((room) => (
                <Button
                  key={room.roomId}
                  size="small"
                  type={room.roomId === roomId ? 'primary' : 'default'}
                  style={{
                    justifyContent: 'flex-start',
                    height: 'auto',
                    whiteSpace: 'normal',
                    textAlign: 'left',
                  }}
                  onClick={() => onChooseRoom(room.roomId, room.label, r.name)}
                  data-testid="caller-room"
                  data-room-id={room.roomId}
                >
                  {room.label}（{label('residentRelation', room.relation)}）
                </Button>
              ))}
            </Flex>
          </div>
        ))}
        <Typography.Text strong style={{ display: 'block', margin: '8px 0 4px' }}>
          {t('caller.openCases', { count: data.openCases.length })}
        </Typography.Text>
        {data.openCases.length === 0 ? (
          <Typography.Text type="secondary">{t('caller.noOpenCases')}</Typography.Text>
        ) : (
          data.openCases.map((oc) => (
            <div key={oc.id} style={{ marginBottom: 8 }} data-testid="caller-open-case">
              <Link to={`/cases/${oc.id}`} target="_blank" rel="noopener">
                {oc.number}
              </Link>{' '}
              <Tag>{label('caseKind', oc.kind)}</Tag>
              <Tag>{label('caseState', oc.state)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dateTime(oc.receivedAt)}
              </Typography.Text>
              <div style={{ fontSize: 13 }}>{oc.summary}</div>
            </div>
          ))
        )}
      </>
    );
  return (
    <Card size="small" title={t('caller.title')} style={{ marginBottom: 16 }} data-testid="caller-panel">
      {body}
    </Card>
  );
}
