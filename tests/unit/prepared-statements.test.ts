import { describe, expect, it } from 'vitest';
import { preparedStatementName } from '@/lib/db/client';

describe('prepared statement names', () => {
  it('give one SQL text one name, and another text another', () => {
    const a = preparedStatementName({ sql: 'SELECT 1 WHERE id = $1', args: [1] });
    expect(a).toMatch(/^s[A-Za-z0-9_-]{20}$/);
    expect(preparedStatementName({ sql: 'SELECT 1 WHERE id = $1', args: [2] })).toBe(a);
    expect(preparedStatementName({ sql: 'SELECT 2 WHERE id = $1', args: [1] })).not.toBe(a);
  });

  it('leave statements with many parameters unnamed (their shapes vary)', () => {
    expect(preparedStatementName({ sql: 'SELECT 1', args: Array.from({ length: 33 }, (_, i) => i) })).toBe('');
  });
});
