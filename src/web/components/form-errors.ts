import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

export interface ShownError {
  message: string;
  /** server field messages with no field on this form (shown in the alert) */
  extra: string[];
  versionConflict: boolean;
}

const toNamePath = (dotted: string) => dotted.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Puts the server's `fields` next to the form fields of the same dotted path (`phones.0` → ['phones', 0]); what has
 * no field on this form, and the message itself, go to the form's alert.
 */
export function applyServerError(form: FormInstance | null, err: unknown): ShownError {
  if (!isApiError(err))
    return { message: err instanceof Error ? err.message : String(err), extra: [], versionConflict: false };
  const registered = new Set(form ? form.getFieldsError().map((f) => f.name.join('.')) : []);
  const onForm: { name: (string | number)[]; errors: string[] }[] = [];
  const extra: string[] = [];
  for (const [path, msg] of Object.entries(err.fields)) {
    if (registered.has(path)) onForm.push({ name: toNamePath(path), errors: [msg] });
    else extra.push(msg);
  }
  if (form && onForm.length) form.setFields(onForm);
  return { message: err.message, extra, versionConflict: err.code === 'version_conflict' };
}

/** Form values → request body: trimmed strings, empty strings as null (cleared) */
export function blankToNull<T extends object>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string') {
      const s = v.trim();
      out[k] = s === '' ? null : s;
    } else out[k] = v === undefined ? null : v;
  }
  return out as T;
}

/** Form values → create body: trimmed strings, empty strings and nulls left out */
export function dropBlank<T extends object>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') {
      const s = v.trim();
      if (s !== '') out[k] = s;
    } else out[k] = v;
  }
  return out as T;
}
