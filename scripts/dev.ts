/** `npm run dev`: migrate the embedded database, seed demo data (SEED_DEMO=0 skips it), start Next.js. */
import { configOrExit, migrateOrExit, runNext } from './boot';

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const config = configOrExit();
  await migrateOrExit();
  if (process.env.SEED_DEMO !== '0') {
    const [{ seedDemoData }, { createClient }] = await Promise.all([import('../lib/demo/seed'), import('../lib/db/client')]);
    const client = await createClient(config.database);
    const { created } = await seedDemoData(client);
    console.log(created ? `Seeded ${created} demo organizations.` : 'Demo data already present.');
    await client.$disconnect();
    const { closePglite } = await import('../lib/db/client');
    await closePglite();
  }
  console.log(
    `\nOrgdesk: ${config.appUrl}  (sign in as ${[...config.builders.emails][0] ?? 'a builder'}; links arrive in ${config.mail.transport === 'smtp' ? 'your SMTP server' : '/dev/mailbox'})\n`,
  );
  runNext(['dev', '--port', String(config.port)]);
}

void main();
