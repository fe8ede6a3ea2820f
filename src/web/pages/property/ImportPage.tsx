import { useRef, useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Result,
  Row,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, FileExcelOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { download, isApiError, upload } from '../../api/client';
import type { ImportErrorsDetails, ImportReport, ImportRowError, ImportUpdate } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';

/** rows of a report list keyed by position (a row may carry several errors) */
type Keyed<T> = T & { position: number };

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/**
 * The import wizard: 1 template and file → 2 dry run (what would change, every error with its row) → 3 commit →
 * result. A file with any error imports nothing, so the commit button waits for a clean dry run.
 */
export default function ImportPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'template' | 'check' | 'commit' | null>(null);

  const downloadTemplate = async (format: 'xlsx' | 'csv') => {
    setBusy('template');
    try {
      await download(
        endpoints.property.importTemplate,
        { query: { format } },
        `${t('import.templateFile')}.${format}`,
      );
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const check = async (f: File) => {
    setBusy('check');
    setError(null);
    setReport(null);
    try {
      const r = await upload(endpoints.property.import, f, { mode: 'dry-run' });
      setReport(r);
      setStep(1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!file || !report) return;
    setBusy('commit');
    setError(null);
    try {
      const r = await upload(endpoints.property.import, file, { mode: 'commit' });
      setResult(r);
      setStep(2);
      const p = endpoints.property;
      for (const read of [p.listCommunities, p.listBuildings, p.listUnits, p.listRooms, p.listResidents])
        void queryClient.invalidateQueries({ queryKey: [read.path] });
    } catch (e) {
      if (isApiError(e) && Array.isArray((e.details as Partial<ImportErrorsDetails>).errors)) {
        const d = e.details as ImportErrorsDetails;
        setReport({ ...report, errors: d.errors, errorCount: d.errorCount });
      }
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const restart = () => {
    setStep(0);
    setFile(null);
    setReport(null);
    setResult(null);
    setError(null);
    if (input.current) input.current.value = '';
  };

  const onFile = (f: File | undefined) => {
    if (!f) return;
    setFile(f);
    void check(f);
  };

  const errorColumns: ColumnsType<Keyed<ImportRowError>> = [
    { title: t('import.row'), dataIndex: 'row', width: 80 },
    { title: t('import.column'), dataIndex: 'column', render: (v?: string) => v ?? '—' },
    { title: t('import.problem'), dataIndex: 'message' },
  ];
  const updateColumns: ColumnsType<Keyed<ImportUpdate>> = [
    { title: t('import.row'), dataIndex: 'row', width: 80 },
    { title: t('import.key'), dataIndex: 'key' },
    {
      title: t('import.changes'),
      dataIndex: 'changes',
      render: (changes: ImportUpdate['changes']) =>
        changes.length ? (
          changes.map((c) => <Tag key={c}>{label('importChange', c)}</Tag>)
        ) : (
          <Typography.Text type="secondary">{t('import.unchanged')}</Typography.Text>
        ),
    },
  ];

  const summary = (r: ImportReport, testId: string) => (
    <Row gutter={[12, 12]} data-testid={testId}>
      <Col xs={12} sm={8} md={4}>
        <Statistic title={t('import.rows')} value={r.rows} />
      </Col>
      <Col xs={12} sm={8} md={4}>
        <Statistic title={t('import.roomsCreate')} value={r.rooms.create} />
      </Col>
      <Col xs={12} sm={8} md={4}>
        <Statistic title={t('import.roomsUpdate')} value={r.rooms.update} />
      </Col>
      <Col xs={12} sm={8} md={4}>
        <Statistic title={t('import.residentsCreate')} value={r.residents.create} />
      </Col>
      <Col xs={12} sm={8} md={4}>
        <Statistic title={t('import.residentsUpdate')} value={r.residents.update} />
      </Col>
      <Col xs={12} sm={8} md={4}>
        <Statistic title={t('import.phonesAdd')} value={r.phones.add} />
      </Col>
    </Row>
  );

  return (
    <>
      <PageHeader title={t('nav.import')} />
      <Card>
        <Steps
          current={step}
          status={step === 2 ? 'finish' : 'process'}
          size="small"
          responsive
          style={{ marginBottom: 24 }}
          items={[{ title: t('import.step1') }, { title: t('import.step2') }, { title: t('import.step3') }]}
          data-testid="import-steps"
        />

        {step === 0 && (
          <Flex vertical gap={16}>
            <Typography.Paragraph style={{ margin: 0 }}>{t('import.intro')}</Typography.Paragraph>
            <Flex gap={8} wrap>
              <Button
                icon={<DownloadOutlined />}
                loading={busy === 'template'}
                onClick={() => void downloadTemplate('xlsx')}
                data-testid="import-template"
              >
                {t('import.downloadTemplate')}
              </Button>
              <Button type="link" onClick={() => void downloadTemplate('csv')}>
                {t('import.downloadCsvTemplate')}
              </Button>
            </Flex>
            <input
              ref={input}
              type="file"
              accept={ACCEPT}
              style={{ display: 'none' }}
              onChange={(e) => onFile(e.target.files?.[0])}
              data-testid="import-file-input"
            />
            <Flex gap={8} wrap align="center">
              <Button
                type="primary"
                icon={<UploadOutlined />}
                loading={busy === 'check'}
                onClick={() => input.current?.click()}
                data-testid="import-choose"
              >
                {busy === 'check' ? t('import.checking') : t('import.chooseFile')}
              </Button>
              {file && (
                <Typography.Text style={{ minWidth: 0, wordBreak: 'break-all' }}>
                  <FileExcelOutlined /> {file.name}
                </Typography.Text>
              )}
              {file && error && busy === null && (
                <Button
                  icon={<ReloadOutlined />}
                  onClick={() => void check(file)}
                  data-testid="import-dry-run"
                >
                  {t('import.checkAgain')}
                </Button>
              )}
            </Flex>
            <Typography.Text type="secondary">{t('import.fileHint')}</Typography.Text>
            {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
          </Flex>
        )}

        {step === 1 && report && (
          <Flex vertical gap={16} data-testid="import-preview">
            <Typography.Text>
              <FileExcelOutlined /> {file?.name}
            </Typography.Text>
            {summary(report, 'import-summary')}
            {report.errorCount > 0 ? (
              <Alert
                type="error"
                showIcon
                title={t('import.hasErrors', { count: report.errorCount })}
                description={
                  report.errorCount > report.errors.length
                    ? t('import.errorsTruncated', { shown: report.errors.length })
                    : undefined
                }
                data-testid="import-has-errors"
              />
            ) : (
              <Alert type="success" showIcon title={t('import.noErrors')} data-testid="import-ok" />
            )}
            {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
            {report.errors.length > 0 && (
              <div>
                <Typography.Title level={5}>{t('import.errorsTitle')}</Typography.Title>
                <Table<Keyed<ImportRowError>>
                  rowKey="position"
                  size="small"
                  scroll={{ x: 'max-content' }}
                  columns={errorColumns}
                  dataSource={report.errors.map((e, position) => ({ ...e, position }))}
                  pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                  data-testid="import-errors"
                />
              </div>
            )}
            {report.updates.length > 0 && (
              <div>
                <Typography.Title level={5}>{t('import.updatesTitle')}</Typography.Title>
                <Table<Keyed<ImportUpdate>>
                  rowKey="position"
                  size="small"
                  scroll={{ x: 'max-content' }}
                  columns={updateColumns}
                  dataSource={report.updates.map((u, position) => ({ ...u, position }))}
                  pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                  data-testid="import-updates"
                />
              </div>
            )}
            {report.note && <Typography.Text type="secondary">{report.note}</Typography.Text>}
            <Flex gap={8} wrap justify="flex-end">
              <Button onClick={restart} data-testid="import-restart">
                {t('import.chooseAnother')}
              </Button>
              <Button
                type="primary"
                disabled={report.errorCount > 0 || report.rows === 0}
                loading={busy === 'commit'}
                onClick={() => void commit()}
                data-testid="import-commit"
              >
                {t('import.commit')}
              </Button>
            </Flex>
          </Flex>
        )}

        {step === 2 && result && (
          <Result
            status="success"
            title={t('import.done')}
            subTitle={file?.name}
            data-testid="import-result"
            extra={
              <Space wrap>
                <Button onClick={restart}>{t('import.again')}</Button>
                <Link to="/property/communities">
                  <Button type="primary">{t('import.viewCommunities')}</Button>
                </Link>
              </Space>
            }
          >
            {summary(result, 'import-result-summary')}
          </Result>
        )}
      </Card>
    </>
  );
}
