import { describe, expect, it } from 'vitest';
import type { Role } from '../access/roles';
import {
  presentReporter,
  seesAnonymousIdentity,
  seesReporterContact,
  type ReporterViewer,
} from './case-visibility';

const viewer = (userId: string, roles: Role[], officeIds: string[] = ['o1']): ReporterViewer => ({
  userId,
  roles,
  officeIds,
});
const theCase = { officeId: 'o1', firstResponderId: 'u-fr', handlerId: 'u-tech' };
const named = { name: '张三', phone: '13812345678', anonymous: false };
const anonymous = { name: '李四', phone: '13987654321', anonymous: true };

const full = (r: typeof named) => ({
  name: r.name,
  phone: r.phone,
  anonymous: r.anonymous,
  masked: false,
  identityHidden: false,
});
const masked = { name: '张*', phone: '138****5678', anonymous: false, masked: true, identityHidden: false };
const hidden = { name: null, phone: null, anonymous: true, masked: false, identityHidden: true };

describe('PRIV-2 the reporter phone: unmasked for those who handle or answer the case', () => {
  it('PRIV-1 agent, supervisor, director of the office and the manager see it in full', () => {
    for (const v of [
      viewer('u-a', ['agent']),
      viewer('u-s', ['supervisor']),
      viewer('u-d', ['director']),
      viewer('u-m', ['manager'], []),
    ]) {
      expect(presentReporter(named, v, theCase)).toEqual(full(named));
    }
  });

  it('PRIV-1 the first responder and the handler see it in full, even a technician handler', () => {
    expect(presentReporter(named, viewer('u-fr', ['agent'], ['o2']), theCase)).toEqual(full(named));
    expect(presentReporter(named, viewer('u-tech', ['technician']), theCase)).toEqual(full(named));
  });

  it('PRIV-2 a technician who is not the handler gets it masked (room + masked phone)', () => {
    expect(presentReporter(named, viewer('u-t2', ['technician']), theCase)).toEqual(masked);
  });

  it('PRIV-2 the auditor and the admin get it masked', () => {
    expect(presentReporter(named, viewer('u-aud', ['auditor']), theCase)).toEqual(masked);
    expect(presentReporter(named, viewer('u-admin', ['admin'], []), theCase)).toEqual(masked);
  });

  it('PRIV-2 scope: an agent or director of another office gets it masked', () => {
    expect(seesReporterContact(viewer('u-a2', ['agent'], ['o2']), theCase)).toBe(false);
    expect(presentReporter(named, viewer('u-d2', ['director'], ['o2']), theCase)).toEqual(masked);
  });

  it('a reporter without a phone or name stays null', () => {
    expect(presentReporter({ anonymous: false }, viewer('u-t2', ['technician']), theCase)).toEqual({
      name: null,
      phone: null,
      anonymous: false,
      masked: true,
      identityHidden: false,
    });
  });
});

describe('INTAKE-5 anonymous reporters (ours): identity only for the first responder and the office director', () => {
  it('the first responder and the director of the office see who it is', () => {
    expect(presentReporter(anonymous, viewer('u-fr', ['agent']), theCase)).toEqual(full(anonymous));
    expect(presentReporter(anonymous, viewer('u-d', ['director']), theCase)).toEqual(full(anonymous));
  });

  it('everyone else gets neither name nor phone — not even masked', () => {
    for (const v of [
      viewer('u-tech', ['technician']), // the handler
      viewer('u-a', ['agent']),
      viewer('u-s', ['supervisor']),
      viewer('u-m', ['manager'], []),
      viewer('u-d2', ['director'], ['o2']),
      viewer('u-aud', ['auditor']),
      viewer('u-admin', ['admin'], []),
    ]) {
      expect(presentReporter(anonymous, v, theCase)).toEqual(hidden);
    }
  });

  it('a case without an office: only the first responder knows an anonymous reporter', () => {
    const noOffice = { ...theCase, officeId: null };
    expect(seesAnonymousIdentity(viewer('u-d', ['director']), noOffice)).toBe(false);
    expect(seesAnonymousIdentity(viewer('u-fr', ['agent']), noOffice)).toBe(true);
  });
});
