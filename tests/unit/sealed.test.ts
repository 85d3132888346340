import { describe, expect, it } from 'vitest';
import { seal, unseal } from '@/lib/crypto/sealed';

const SECRET = 'a-test-secret-a-test-secret-a-test-secret';

describe('sealed secrets', () => {
  it('open with the same secret and purpose, and never show the plaintext', () => {
    const sealed = seal('client-secret-value', SECRET, 'ssoSecret');
    expect(sealed).not.toContain('client-secret-value');
    expect(unseal(sealed, SECRET, 'ssoSecret')).toBe('client-secret-value');
    // A fresh IV each time: the same secret never seals to the same text.
    expect(seal('client-secret-value', SECRET, 'ssoSecret')).not.toBe(sealed);
  });

  it('refuse another purpose, another secret, and any tampering', () => {
    const sealed = seal('client-secret-value', SECRET, 'ssoSecret');
    expect(unseal(sealed, SECRET, 'queuedSecret')).toBeNull();
    expect(unseal(sealed, `${SECRET}-rotated`, 'ssoSecret')).toBeNull();
    const [version, iv, tag, body] = sealed.split('.');
    const flipped = `${body!.slice(0, -2)}${body!.at(-2) === 'A' ? 'B' : 'A'}${body!.at(-1)}`;
    expect(unseal([version, iv, tag, flipped].join('.'), SECRET, 'ssoSecret')).toBeNull();
    expect(unseal('v2.a.b.c', SECRET, 'ssoSecret')).toBeNull();
    expect(unseal('not sealed at all', SECRET, 'ssoSecret')).toBeNull();
  });
});
