import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS } from '../case';
import { CASE_ACTION_MODULES } from '.';
import type { CaseActionModule } from './types';

// Vite turns this into static imports of every file the pattern matches (vitest runs on Vite).
declare global {
  interface ImportMeta {
    glob<T>(pattern: string | string[], options: { eager: true }): Record<string, T>;
  }
}

const files = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.test.ts'], { eager: true });

/** Every exported value of a file under actions/ that is shaped like an action module. */
const isModule = (value: unknown): value is CaseActionModule<never, never> =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { action?: unknown }).action === 'string' &&
  typeof (value as { outcome?: unknown }).outcome === 'function';

describe('case actions: one module each', () => {
  const found = Object.entries(files).flatMap(([file, exports]) =>
    Object.values(exports)
      .filter(isModule)
      .map((module) => ({ file, module })),
  );

  it('every action in CASE_ACTIONS has exactly one module file, and no file declares an unknown action', () => {
    const byAction = new Map<string, string[]>();
    for (const { file, module } of found)
      byAction.set(module.action, [...(byAction.get(module.action) ?? []), file]);
    for (const action of CASE_ACTIONS) expect(byAction.get(action), action).toHaveLength(1);
    expect([...byAction.keys()].sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it('the registry holds, under each action, the module that declares that action', () => {
    expect(Object.keys(CASE_ACTION_MODULES).sort()).toEqual([...CASE_ACTIONS].sort());
    for (const action of CASE_ACTIONS) {
      const declared = found.find(({ module }) => module.action === action)?.module;
      expect(CASE_ACTION_MODULES[action], action).toBe(declared);
      expect(CASE_ACTION_MODULES[action].from.length, action).toBeGreaterThan(0);
      expect(CASE_ACTION_MODULES[action].parties.length, action).toBeGreaterThan(0);
    }
  });
});
