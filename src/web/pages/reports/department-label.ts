/**
 * A department as the duty ledger names it (LEDGER-3): with its office, "翠湖管理处 · 工程部", since every office
 * has its own 工程部; a company department (under no office) by its name alone.
 */
export interface DepartmentNamed {
  name: string;
  office?: { name: string } | null;
}

export const OFFICE_SEP = ' · ';

export function departmentLabel(d: DepartmentNamed | null | undefined): string {
  if (!d) return '—';
  return d.office?.name ? `${d.office.name}${OFFICE_SEP}${d.name}` : d.name;
}

/** A violation's subject: a person by name; a department with the office it is filed under (its own). */
export function subjectLabel(v: {
  subject: { type: string; name: string };
  office: { name: string } | null;
}): string {
  return v.subject.type === 'department'
    ? departmentLabel({ name: v.subject.name, office: v.office })
    : v.subject.name;
}
