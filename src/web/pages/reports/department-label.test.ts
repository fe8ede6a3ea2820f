/** The duty ledger names a department with its office (LEDGER-3): every office has its own 工程部. */
import { describe, expect, it } from 'vitest';
import { departmentLabel, subjectLabel } from './department-label';

describe('a department named with its office (LEDGER-3)', () => {
  it.each([
    [{ name: '工程部', office: { name: '翠湖管理处' } }, '翠湖管理处 · 工程部'],
    // a company department: no office to name
    [{ name: '品质部', office: null }, '品质部'],
    [{ name: '品质部' }, '品质部'],
    [null, '—'],
  ])('%j reads %s', (d, text) => {
    expect(departmentLabel(d)).toBe(text);
  });

  it("names a violation's department subject with the office it is filed under, a person by name", () => {
    const office = { id: 'o1', name: '翠湖管理处' };
    expect(subjectLabel({ subject: { type: 'department', name: '工程部' }, office })).toBe(
      '翠湖管理处 · 工程部',
    );
    expect(subjectLabel({ subject: { type: 'user', name: '张三' }, office })).toBe('张三');
  });
});
