/** The environment every integration test runs with. */
export const TEST_BUILDER = 'builder@orgdesk.test';
export const TEST_BUILDER_ID = '00000000-0000-4000-8000-00000000b111';
export const TEST_BUILDER_DOMAIN = 'builders.orgdesk.test';

export function applyTestEnv() {
  process.env.ADMIN_EMAILS = `${TEST_BUILDER}, @${TEST_BUILDER_DOMAIN}`;
  process.env.APP_URL = 'http://orgdesk.test:3000';
  process.env.AUTH_SECRET = 'integration-test-secret-integration-test-secret';
  process.env.EMAIL_FROM = 'Orgdesk <no-reply@orgdesk.test>';
  delete process.env.SMTP_URL;
}
