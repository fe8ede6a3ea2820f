/**
 * The 《首问负责制度登记表》 of a department and month (FORM-2, 004 第九条, 附表二): 日期, 业主姓名, 联系电话,
 * 拟办事项, 首问人, 责任人, 处理情况, 业主意见, 备注 — read from the cases its members first received, never typed
 * twice. The reporter is shown as the viewer may see them (PRIV-3); the list and its .xlsx are the same rows.
 */
import ExcelJS from 'exceljs';
import { canSeeOffice } from '../../domain/access/access';
import { monthOf, monthRange } from '../../domain/accountability/period';
import { notFound } from '../../domain/errors';
import { presentReporter } from '../../domain/privacy/case-visibility';
import type { FirstAskRegister, FirstAskRegisterQuery } from '../../contracts/accountability';
import { translate, type Locale } from '../../contracts/messages';
import type { AppDeps } from '../platform/deps';
import type { RequestActor } from '../http/types';
import { caseActorOf } from '../access/case-access.repository';
import { companyTimeZone } from '../cases/cases.repository';
import { toDate } from '../db/dates';
import * as repo from './first-ask-register.repository';

export function firstAskRegister({ db, clock }: AppDeps) {
  async function read(actor: RequestActor, q: FirstAskRegisterQuery): Promise<FirstAskRegister> {
    const department = await repo.departmentOf(db, actor.companyId, q.departmentId);
    // Another office's department does not exist for this reader (LEDGER-3).
    if (!department || !canSeeOffice(actor, department.officeId)) throw notFound();
    const timeZone = (await companyTimeZone(db, actor.companyId)) ?? 'Asia/Shanghai';
    const current = monthOf(clock.now(), timeZone);
    const month = { year: q.year ?? current.year, month: q.month ?? current.month };
    const { start, end } = monthRange(month, timeZone);
    const viewer = await caseActorOf(db, actor);
    const rows = await repo.firstAskRows(db, actor.companyId, department.id, start, end, viewer);
    return {
      department: {
        id: department.id,
        name: department.name,
        office: department.officeId ? { id: department.officeId, name: department.officeName ?? '' } : null,
      },
      year: month.year,
      month: month.month,
      rows: rows.map((r) => {
        const reporter = presentReporter(
          { name: r.reporterName, phone: r.reporterPhone, anonymous: r.reporterAnonymous },
          viewer,
          { officeId: r.officeId, firstResponderId: r.firstResponderId, handlerId: r.handlerId },
        );
        return {
          case: { id: r.id, number: r.number },
          receivedAt: toDate(r.receivedAt)!.toISOString(),
          reporterName: reporter.name,
          reporterPhone: reporter.phone,
          matter: r.matter,
          firstResponder: { id: r.firstResponderId, name: r.firstResponderName },
          handler: r.handlerId ? { id: r.handlerId, name: r.handlerName ?? '' } : null,
          state: r.state,
          result: r.result,
          satisfaction: r.satisfaction,
        };
      }),
    };
  }

  /** The same rows as an .xlsx sheet named 首问负责制度登记表, the columns of 附表二. */
  async function xlsx(actor: RequestActor, q: FirstAskRegisterQuery, locale: Locale) {
    const register = await read(actor, q);
    const t = (key: string) => translate(locale, key);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('首问负责制度登记表');
    sheet.addRow([
      `${register.department.office?.name ?? ''} ${register.department.name} ${register.year}-${String(register.month).padStart(2, '0')}`,
    ]);
    sheet.addRow(
      [
        'date',
        'reporter_name',
        'phone',
        'matter',
        'first_responder',
        'handler',
        'handling',
        'opinion',
        'note',
      ].map((k) => t(`register.first_ask.${k}`)),
    );
    for (const r of register.rows)
      sheet.addRow([
        r.receivedAt.slice(0, 10),
        r.reporterName ?? '',
        r.reporterPhone ?? '',
        r.matter,
        r.firstResponder.name,
        r.handler?.name ?? '',
        [t(`register.state.${r.state}`), r.result ?? ''].filter(Boolean).join('：'),
        r.satisfaction ? t(`report.satisfaction.${r.satisfaction}`) : '',
        r.case.number,
      ]);
    sheet.columns.forEach((c, i) => (c.width = [12, 10, 14, 40, 10, 10, 30, 10, 18][i]));
    const name = `first-ask-register-${register.year}-${String(register.month).padStart(2, '0')}.xlsx`;
    return {
      body: Buffer.from(await wb.xlsx.writeBuffer()),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${name}"`,
    };
  }

  return { read, xlsx };
}
