import { describe, expect, it } from 'vitest';
import { onAppOrigin } from '@/lib/http/app-origin';

describe('onAppOrigin', () => {
  const request = 'http://localhost:3000/api/auth/callback/nodemailer';
  it.each([
    ['http://localhost:3000/organizations?x=1', 'http://127.0.0.1:3000', 'http://127.0.0.1:3000/organizations?x=1'],
    ['/login/error?error=Verification', 'http://127.0.0.1:3000', 'http://127.0.0.1:3000/login/error?error=Verification'],
    ['http://127.0.0.1:3000/organizations', 'http://127.0.0.1:3000', 'http://127.0.0.1:3000/organizations'],
    ['https://accounts.example.com/authorize', 'http://127.0.0.1:3000', 'https://accounts.example.com/authorize'],
    ['http://localhost:3000/organizations', 'http://localhost:3000', 'http://localhost:3000/organizations'],
  ])('%s with APP_URL %s -> %s', (location, appUrl, expected) => {
    expect(onAppOrigin(location, request, appUrl)).toBe(expected);
  });
});
