/**
 * 首页: the company's short name, the rooms the resident is bound to, the binding requests waiting for the office
 * and those it declined with its reason (RESIDENT-3), and the way to ask for another room.
 */
import { Button, List, Tag } from 'antd-mobile';
import type { Session } from '../App';
import { useI18n } from '../i18n';
import { navigate } from '../router';

export function HomePage({ session }: { session: Session }) {
  const { t } = useI18n();
  const { me } = session;
  return (
    <div data-testid="h5-home">
      <header className="h5-header">
        <h1 className="h5-title" data-testid="h5-company">
          {me.company.shortName}
        </h1>
      </header>
      <List header={t('home.rooms')} data-testid="h5-rooms">
        {me.rooms.length === 0 ? (
          <List.Item>
            <span className="h5-muted">{t('home.noRooms')}</span>
          </List.Item>
        ) : (
          me.rooms.map((r) => <List.Item key={r.roomId}>{r.label}</List.Item>)
        )}
        {me.pendingBindings.map((b) => (
          <List.Item
            key={b.id}
            data-testid="h5-pending"
            extra={<Tag color="warning">{t('home.pending')}</Tag>}
          >
            {b.label}
          </List.Item>
        ))}
        {me.declinedBindings.map((b) => (
          <List.Item
            key={b.id}
            data-testid="h5-declined"
            extra={<Tag color="danger">{t('home.declined')}</Tag>}
            description={b.reason ? t('home.declineReason', { reason: b.reason }) : undefined}
          >
            {b.label}
          </List.Item>
        ))}
      </List>
      <div className="h5-actions">
        <Button
          block
          color="primary"
          size="large"
          data-testid="h5-go-bind"
          onClick={() => navigate(session.companyCode, 'bind')}
        >
          {t('home.bind')}
        </Button>
      </div>
    </div>
  );
}
