import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { call } from '../../api/client';
import { useCan, useMe } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { HomeCaseStats } from '../cases/HomeCaseStats';

/** The total of a list, read with limit=1 (the API counts up to 10,000). */
type PropertyList = (typeof endpoints.property)['listCommunities' | 'listRooms' | 'listResidents'];

function useTotal(list: PropertyList, enabled: boolean) {
  return useQuery({
    queryKey: [list.path, 'total'],
    queryFn: ({ signal }) => call(list, { query: { limit: 1 }, signal }),
    enabled,
    staleTime: 60_000,
  });
}

export default function HomePage() {
  const { t, label } = useI18n();
  const { data: me } = useMe();
  const can = useCan();
  const property = can('property.read');
  const communities = useTotal(endpoints.property.listCommunities, property);
  const rooms = useTotal(endpoints.property.listRooms, property);
  const residents = useTotal(endpoints.property.listResidents, property);
  if (!me) return null;

  const stat = (title: string, q: typeof rooms, to: string, testId: string) => (
    <Col xs={24} sm={8}>
      <Card>
        <Link to={to} data-testid={testId}>
          <Statistic
            title={title}
            loading={q.isLoading}
            value={q.data ? (q.data.totalCapped ? `${q.data.total}+` : q.data.total) : q.isError ? '—' : 0}
          />
        </Link>
      </Card>
    </Col>
  );

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="home-greeting">
          {t('home.greeting', { name: me.user.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {me.user.companyName}
          {me.user.jobNumber ? ` · ${t('home.jobNumber', { number: me.user.jobNumber })}` : ''}
        </Typography.Paragraph>
        <div data-testid="home-roles">
          {me.user.roles.map((r) => (
            <Tag key={r} color="blue">
              {label('role', r)}
            </Tag>
          ))}
        </div>
      </Card>
      {can('cases.read') && <HomeCaseStats />}
      {property && (
        <Row gutter={[16, 16]}>
          {stat(t('home.communities'), communities, '/property/communities', 'home-communities')}
          {stat(t('home.rooms'), rooms, '/property/communities', 'home-rooms')}
          {stat(t('home.residents'), residents, '/property/residents', 'home-residents')}
        </Row>
      )}
    </>
  );
}
