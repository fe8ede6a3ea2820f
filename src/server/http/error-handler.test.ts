import { describe, expect, it } from 'vitest';
import { loggableError } from './error-handler';

describe('logs carry no personal data (issue 2 §10)', () => {
  it('cuts a failed query’s parameters and masks phone numbers', () => {
    const err = new Error(
      'Failed query: insert into residents (name, phone) values ($1, $2)\nparams: 张三,13812345678',
    );
    const logged = loggableError(err);
    expect(logged.message).toContain('insert into residents');
    expect(logged.message).not.toContain('张三');
    expect(logged.message).not.toContain('13812345678');
    expect(loggableError(new Error('caller 13812345678 not found')).message).toBe(
      'caller 138****5678 not found',
    );
  });
});
