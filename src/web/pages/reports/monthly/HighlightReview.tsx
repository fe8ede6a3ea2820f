import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n';
import type { MonthlySummary, PublicHighlight, PublicText } from '../reportsApi';
import { useHighlightDecisions } from './useSummaryActions';

/**
 * The words of the public wording the anonymiser is unsure of (001 通知 二.2; 002 篇4 4.2.2.2): each shown in its sentence, marked, with
 * why it is asked and the director's redact / keep buttons; approval waits until every one is decided.
 */
export function HighlightReview({ s, text }: { s: MonthlySummary; text: PublicText }) {
  const { t, dateTime } = useI18n();
  const { busy, editable, decide } = useHighlightDecisions(s);

  // the sentence around the word, so the director judges it in context
  const context = (h: PublicHighlight) => {
    const all = text[h.field] ?? '';
    const from = Math.max(0, h.start - 20);
    const to = Math.min(all.length, h.end + 20);
    return (
      <Typography.Text>
        {from > 0 && '…'}
        {all.slice(from, h.start)}
        <Typography.Text mark strong>
          {all.slice(h.start, h.end)}
        </Typography.Text>
        {all.slice(h.end, to)}
        {to < all.length && '…'}
      </Typography.Text>
    );
  };

  return (
    <Card
      size="small"
      title={t('summary.highlights.title', { count: s.publicHighlights.length })}
      data-testid="summary-highlights"
    >
      <Alert type="info" showIcon title={t('summary.highlights.why')} style={{ marginBottom: 12 }} />
      <Table<PublicHighlight>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={s.publicHighlights}
        columns={[
          {
            title: t('summary.highlights.undecided'),
            key: 'word',
            render: (_, h) => (
              <Space orientation="vertical" size={2}>
                <Space size={4}>
                  <Tag>{t(`summary.text.${h.field}`)}</Tag>
                  <Tag color={h.kind === 'person_name' ? 'purple' : 'blue'}>
                    {t(`summary.highlights.kind.${h.kind}`)}
                  </Tag>
                  <Typography.Text mark data-testid="summary-highlight-word">
                    {h.text}
                  </Typography.Text>
                </Space>
                {context(h)}
              </Space>
            ),
          },
          {
            title: t('summary.statusCol'),
            key: 'choice',
            render: (_, h) => (
              <Space orientation="vertical" size={2}>
                <Tag
                  color={!h.choice ? 'warning' : h.choice === 'redact' ? 'success' : 'default'}
                  data-testid="summary-highlight-choice"
                  data-choice={h.choice ?? 'none'}
                >
                  {!h.choice
                    ? t('summary.highlights.undecided')
                    : h.choice === 'redact'
                      ? t('summary.highlights.redacted')
                      : t('summary.highlights.kept')}
                </Tag>
                {h.decidedBy && (
                  <Typography.Text type="secondary">
                    {t('summary.highlights.decidedBy', { name: h.decidedBy.name, at: dateTime(h.decidedAt) })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, h: PublicHighlight) => (
                    <Space>
                      <Button
                        size="small"
                        type={h.choice === 'redact' ? 'primary' : 'default'}
                        loading={busy === `${h.id}:redact`}
                        onClick={() => void decide(h, 'redact')}
                        data-testid="summary-highlight-redact"
                      >
                        {t('summary.highlights.redact')}
                      </Button>
                      <Button
                        size="small"
                        type={h.choice === 'keep' ? 'primary' : 'default'}
                        loading={busy === `${h.id}:keep`}
                        onClick={() => void decide(h, 'keep')}
                        data-testid="summary-highlight-keep"
                      >
                        {t('summary.highlights.keep')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
