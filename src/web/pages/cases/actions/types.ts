/**
 * What every action form shares: the body it sends is the contract's body of that action (ActionBodies in
 * src/contracts/cases.ts) less the `version`, which the drawer adds from what the user read when opening it.
 */
import type { Dayjs } from 'dayjs';
import type { ActionBody, CaseAction } from '../../../api/types';

/** The actions with a form: all but `accept` and `resume`, whose body is empty (DIRECT_ACTIONS). */
export type FormAction = Exclude<CaseAction, 'accept' | 'resume'>;

/** The body an action form sends, without `version`. */
export type Body<A extends FormAction> = Omit<ActionBody<A>, 'version'>;

/** What a form may start with: any field, and any part of a nested one, left out. */
export type Initial<V> = { [K in keyof V]?: V[K] extends object ? Partial<V[K]> : V[K] };

/** One action's form: the values its fields hold, what it starts with, and how the values become its body. */
export interface ActionFormSpec<A extends FormAction, V> {
  initialValues?: Initial<V>;
  toBody: (values: V) => Body<A>;
}

/**
 * An optional text as sent: trimmed, and left out when only blanks (the server's schemas trim too). A required text
 * is sent as `.trim()`: its rule (required, whitespace) let the form through only with something in it.
 */
export const trimmed = (v: string | undefined | null) => (v && v.trim() ? v.trim() : undefined);
/** A picked time as sent: ISO with offset, left out when none was picked. */
export const iso = (v: Dayjs | undefined | null) => (v ? v.toISOString() : undefined);
