import { constantTimeEquals } from '../../src/app/stripe/webhook';

const TOKEN = 'f3b9c1d2e4a5b6c7d8e9f0a1b2c3d4e5';

describe('constantTimeEquals', () => {
  it('accepts the same token', () => {
    expect(constantTimeEquals(TOKEN, TOKEN)).toBe(true);
    expect(constantTimeEquals(TOKEN, [...TOKEN].join(''))).toBe(true);
  });

  it('refuses a token differing by its first, a middle or its last character', () => {
    expect(constantTimeEquals(`x${TOKEN.slice(1)}`, TOKEN)).toBe(false);
    expect(constantTimeEquals(`${TOKEN.slice(0, 10)}x${TOKEN.slice(11)}`, TOKEN)).toBe(false);
    expect(constantTimeEquals(`${TOKEN.slice(0, -1)}x`, TOKEN)).toBe(false);
  });

  it('is case-sensitive', () => {
    expect(constantTimeEquals(TOKEN.toUpperCase(), TOKEN)).toBe(false);
  });

  it('refuses a prefix or an extension of the token, either way round', () => {
    expect(constantTimeEquals(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(constantTimeEquals(TOKEN, TOKEN.slice(0, -1))).toBe(false);
    expect(constantTimeEquals(`${TOKEN}a`, TOKEN)).toBe(false);
    expect(constantTimeEquals(`${TOKEN}\u0000`, TOKEN)).toBe(false);
  });

  it('refuses an empty token against a real one', () => {
    expect(constantTimeEquals('', TOKEN)).toBe(false);
    expect(constantTimeEquals(TOKEN, '')).toBe(false);
  });

  it('finds two empty strings equal (the caller refuses an unset token before comparing)', () => {
    expect(constantTimeEquals('', '')).toBe(true);
  });

  it('compares non-ASCII characters exactly', () => {
    expect(constantTimeEquals('clé-é', 'clé-é')).toBe(true);
    expect(constantTimeEquals('clé-é', 'clé-e')).toBe(false);
  });
});
