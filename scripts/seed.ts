/** `npm run db:seed`: add the demo organizations to DATABASE_URL (idempotent). */
import { configOrExit, migrateOrExit } from './boot';

async function main() {
  const config = configOrExit();
  await migrateOrExit();
  const { seedDemoData } = await import('../lib/demo/seed');
  const { createClient, closePglite } = await import('../lib/db/client');
  const client = await createClient(config.database);
  const { created, skipped } = await seedDemoData(client);
  console.log(`Demo data: ${created} created, ${skipped} already present.`);
  await client.$disconnect();
  await closePglite();
}

void main();
