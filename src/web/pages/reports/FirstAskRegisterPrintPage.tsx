/**
 * The 首问负责制度登记表 of a department and month on paper (FORM-2, 附表二): A4 landscape (nine columns), the
 * conventions of the case forms' print view (PrintPage.tsx) — the toolbar hidden in print, a serif sheet, the
 * header on every page. The department and month come from the address (`?departmentId=&year=&month=`).
 */
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Flex, Skeleton } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMe } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { handlingText, opinionText, useFirstAskRegister } from './firstAskRegister';

const CSS = `
@page { size: A4 landscape; margin: 10mm; }
.hy-print { background: #f0f2f5; min-height: 100vh; padding: 8px 0 24px; }
.hy-print-bar { max-width: 297mm; margin: 0 auto 8px; padding: 0 8px; }
.hy-sheet { box-sizing: border-box; width: 297mm; max-width: 100%; min-height: 210mm; margin: 0 auto; padding: 10mm;
  background: #fff; color: #000; box-shadow: 0 1px 8px rgba(0,0,0,.15); font-size: 10pt; line-height: 1.4;
  font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; }
.hy-sheet h1 { text-align: center; font-size: 18pt; margin: 0 0 2mm; letter-spacing: 2px; }
.hy-sheet .hy-company { text-align: center; font-size: 11pt; margin-bottom: 2mm; }
.hy-sheet .hy-meta { display: flex; justify-content: space-between; gap: 8px; flex-wrap: wrap; margin-bottom: 2mm; }
.hy-register { width: 100%; border-collapse: collapse; table-layout: fixed; }
.hy-register th, .hy-register td { border: 1px solid #000; padding: 3px 4px; vertical-align: top; word-break: break-word; white-space: pre-wrap; }
.hy-register th { font-weight: normal; text-align: center; vertical-align: middle; }
.hy-register thead { display: table-header-group; }
.hy-register tr { break-inside: avoid; page-break-inside: avoid; }
.hy-register td.hy-empty { text-align: center; height: 12mm; vertical-align: middle; }
@media print {
  .hy-no-print { display: none !important; }
  .hy-print { background: #fff; padding: 0; min-height: 0; }
  .hy-sheet { box-shadow: none; margin: 0; padding: 0; width: auto; min-height: 0; }
  body { background: #fff !important; }
}
`;

/** Column widths in % of the sheet: 日期 … 备注. */
const WIDTHS = [9, 8, 10, 21, 8, 8, 17, 8, 11];

export default function FirstAskRegisterPrintPage() {
  const { t, label, date } = useI18n();
  const me = useMe();
  const [params] = useSearchParams();
  const departmentId = params.get('departmentId') ?? '';
  const year = Number(params.get('year')) || undefined;
  const month = Number(params.get('month')) || undefined;
  const register = useFirstAskRegister(departmentId ? { departmentId, year, month } : null);
  const r = register.data;

  useEffect(() => {
    if (!r) return;
    const before = document.title;
    document.title = `${t('firstAsk.title')} ${r.department.name} ${r.year}-${String(r.month).padStart(2, '0')}`;
    return () => {
      document.title = before;
    };
  }, [r, t]);

  const heads = [
    t('firstAsk.date'),
    t('firstAsk.owner'),
    t('firstAsk.phone'),
    t('firstAsk.matter'),
    t('firstAsk.firstResponder'),
    t('firstAsk.handler'),
    t('firstAsk.handling'),
    t('firstAsk.opinion'),
    t('firstAsk.note'),
  ];

  return (
    <div className="hy-print" data-testid="first-ask-print-page">
      <style>{CSS}</style>
      <Flex className="hy-print-bar hy-no-print" gap={8} wrap align="center">
        <Link to="/reports/first-ask-register">
          <Button icon={<ArrowLeftOutlined />}>{t('firstAsk.backToRegister')}</Button>
        </Link>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!r}
          onClick={() => window.print()}
          data-testid="print-now"
        >
          {t('print.print')}
        </Button>
      </Flex>
      {!departmentId ? (
        <div className="hy-print-bar">
          <Alert type="error" showIcon title={t('firstAsk.noDepartment')} />
        </div>
      ) : register.isLoading ? (
        <div className="hy-sheet">
          <Skeleton active />
        </div>
      ) : !r ? (
        <div className="hy-print-bar">
          <Alert type="error" showIcon title={register.error?.message} />
        </div>
      ) : (
        <div className="hy-sheet" data-testid="print-first-ask-register">
          <div className="hy-company">{me.data?.user.companyName ?? ''}</div>
          <h1>{t('firstAsk.title')}</h1>
          <div className="hy-meta">
            <span>
              {t('firstAsk.department')}
              {t('common.labelSep')}
              {r.department.office ? `${r.department.office.name} · ` : ''}
              {r.department.name}
            </span>
            <span>{t('reports.yearMonth', { year: r.year, month: r.month })}</span>
          </div>
          <table className="hy-register">
            <colgroup>
              {WIDTHS.map((w, i) => (
                <col key={i} style={{ width: `${w}%` }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {heads.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.rows.length === 0 ? (
                <tr>
                  <td colSpan={heads.length} className="hy-empty">
                    {t('firstAsk.empty')}
                  </td>
                </tr>
              ) : (
                r.rows.map((row) => (
                  <tr key={row.case.id}>
                    <td>{date(row.receivedAt)}</td>
                    <td>{row.reporterName ?? ''}</td>
                    <td>{row.reporterPhone ?? ''}</td>
                    <td>{row.matter}</td>
                    <td>{row.firstResponder.name}</td>
                    <td>{row.handler?.name ?? ''}</td>
                    <td>{handlingText(row, label)}</td>
                    <td>{opinionText(row, label)}</td>
                    <td>{row.case.number}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
