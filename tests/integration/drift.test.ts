import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffHistoryAgainstSchema, SCHEMA_PATH } from '@/lib/db/drift';
import { readMigrations } from '@/lib/db/migrate';

describe('the drift check (npm run db:check, in CI)', () => {
  it('passes when prisma/schema.prisma and the migrations agree', async () => {
    expect(await diffHistoryAgainstSchema()).toBe('');
  });

  it('fails with the difference when the schema gains a column no migration adds', async () => {
    const schema = fs
      .readFileSync(SCHEMA_PATH, 'utf8')
      .replace('  verifiedDomainCount    Int ', '  driftProbe             Int? @map("drift_probe")\n  verifiedDomainCount    Int ');
    expect(schema).toContain('drift_probe');
    expect(await diffHistoryAgainstSchema(schema)).toMatch(/ALTER TABLE "organizations" ADD COLUMN\s+"drift_probe" INTEGER/);
  });

  it('fails when a migration is missing', async () => {
    const history = readMigrations();
    const jobQueue = history.findIndex((migration) => migration.name.endsWith('_job_queue'));
    expect(jobQueue).toBeGreaterThan(0);
    expect(await diffHistoryAgainstSchema(undefined, history.slice(0, jobQueue))).toContain('CREATE TABLE "jobs"');
  });
});
