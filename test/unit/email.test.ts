import { isValidEmail, normalizeEmail } from '../../src/domain/email';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Jeanne.Martin@Example.FR \n')).toBe('jeanne.martin@example.fr');
    expect(normalizeEmail('paul@exemple.fr')).toBe('paul@exemple.fr');
  });

  it('gives an empty key for anything that is not a string', () => {
    for (const raw of [null, undefined, 42, {}, ['a@b.fr'], true]) expect(normalizeEmail(raw)).toBe('');
  });
});

describe('isValidEmail', () => {
  it.each(['jeanne.martin@example.fr', 'j+cours@exemple.co.uk', 'élève@école.fr', 'a@b.c'])('accepts %p', (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each([
    '',
    'jeanne',
    'jeanne@example',
    '@example.fr',
    'jeanne@.fr.',
    'jeanne@@example.fr',
    'jeanne martin@example.fr',
    'jeanne@example.fr,boss@example.fr',
    'jeanne@example.fr;boss@example.fr',
    '<jeanne@example.fr>',
    '"Jeanne" jeanne@example.fr',
    'jeanne@example.fr\nBcc: x@y.fr',
  ])('refuses %j', (email) => {
    expect(isValidEmail(email)).toBe(false);
  });

  it('refuses addresses longer than 254 characters', () => {
    const domain = '@example.fr';
    expect(isValidEmail('a'.repeat(254 - domain.length) + domain)).toBe(true);
    expect(isValidEmail('a'.repeat(255 - domain.length) + domain)).toBe(false);
  });
});
