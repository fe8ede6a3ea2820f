/** The public version (公示版): its anonymised figures, the highlighted words to decide, the editable wording. */
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useI18n } from '../../../i18n/i18n';
import type { MonthlySummary } from '../reportsApi';
import { percent } from '../reportsUi';
import { HighlightReview } from './HighlightReview';
import { usePublicText } from './useSummaryActions';
import { PUBLIC_FIELDS } from './summaryUi';

export function PublicView({ s }: { s: MonthlySummary }) {
  const { t, dateTime } = useI18n();
  const { p, form, error, saving, editable, save } = usePublicText(s);

  const f = p.figures;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {s.status === 'draft' && <Alert type="warning" showIcon title={t('summary.draftBanner')} />}
      <Card size="small" title={t('reports.periodTitle', { title: p.title, year: p.year, month: p.month })}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'counted', label: t('summary.counted'), children: f.counted },
            { key: 'valid', label: t('summary.validComplaints'), children: f.validComplaints },
            { key: 'invalid', label: t('summary.invalid'), children: f.invalid },
            { key: 'ontime', label: t('summary.onTimeAll'), children: percent(f.onTimeAll.value) },
            { key: 'cb', label: t('summary.callbackRate'), children: percent(f.callbackRate.value) },
            { key: 'sat', label: t('summary.satisfactionRate'), children: percent(f.satisfactionRate.value) },
            { key: 'reo', label: t('summary.reopenRate'), children: percent(f.reopenRate.value) },
            {
              key: 'eff',
              label: t('summary.effectiveComplaintRate'),
              children: percent(f.effectiveComplaintRate.value),
            },
            ...(p.approvedAt
              ? [{ key: 'approvedAt', label: t('summary.approvedAt'), children: dateTime(p.approvedAt) }]
              : []),
            ...(p.publishedAt
              ? [{ key: 'publishedAt', label: t('summary.publishedAt'), children: dateTime(p.publishedAt) }]
              : []),
          ]}
        />
        <Typography.Text type="secondary">{t('summary.minGroup', { n: p.minGroupSize })}</Typography.Text>
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          {(
            [
              ['summary.byKind', p.byKind],
              ['summary.byCategory', p.byCategory],
              ['summary.byCommunity', p.byCommunity],
            ] as const
          ).map(([title, rows]) => (
            <Col xs={24} md={8} key={title}>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                title={() => t(title)}
                dataSource={rows}
                columns={[
                  { title: t('summary.item'), dataIndex: 'label' },
                  { title: t('summary.count'), dataIndex: 'count', align: 'right' },
                ]}
              />
            </Col>
          ))}
        </Row>
      </Card>
      {s.publicHighlights.length > 0 && <HighlightReview s={s} text={p.text} />}
      <Card
        size="small"
        title={t('summary.publicText')}
        extra={
          s.publicTextEdited ? <Tag>{t('summary.textEdited')}</Tag> : <Tag>{t('summary.textDrafted')}</Tag>
        }
      >
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.versionConflict ? t('summary.versionConflict') : error.message}
            description={error.extra.length ? error.extra.join('；') : undefined}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ text: p.text }}
          key={`${s.id}-${s.version}`}
          disabled={!editable}
        >
          {PUBLIC_FIELDS.map((field) => (
            <Form.Item key={field} name={['text', field]} label={t(`summary.text.${field}`)}>
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 12 }}
                maxLength={5000}
                data-testid={`summary-public-text-${field}`}
              />
            </Form.Item>
          ))}
        </Form>
        {editable ? (
          <Button
            type="primary"
            onClick={() => void save()}
            loading={saving}
            data-testid="summary-save-public"
          >
            {t('common.save')}
          </Button>
        ) : (
          <Typography.Text type="secondary">
            {s.frozen ? t('summary.frozen') : t('summary.readOnly')}
          </Typography.Text>
        )}
      </Card>
    </Space>
  );
}
