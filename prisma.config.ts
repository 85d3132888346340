import { defineConfig } from 'prisma/config';

// Migrations run through scripts/migrate.ts (the WASM schema engine), so the CLI only needs the
// schema; a missing DATABASE_URL must not stop `prisma generate`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/orgdesk' },
});
