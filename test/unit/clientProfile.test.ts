import { profileUpdate } from '../../src/domain/clientProfile';

describe('a payment and the client profile', () => {
  test('a new client: every field the purchase gives is filled', () => {
    expect(profileUpdate({}, { Nom: 'Alice', Téléphone: '0612', Adresse: '' })).toEqual({ fill: { Nom: 'Alice', Téléphone: '0612' }, kept: [] });
  });

  test('a known client: only the empty fields are filled, differences are kept and reported', () => {
    const stored = { Nom: 'Alice Dupont', Téléphone: '', Adresse: '1 rue A' };
    expect(profileUpdate(stored, { Nom: 'Mallory', Téléphone: '0699', Adresse: '1 rue A' })).toEqual({
      fill: { Téléphone: '0699' },
      kept: [{ field: 'Nom', stored: 'Alice Dupont', offered: 'Mallory' }],
    });
  });

  test('case and spacing are not differences', () => {
    expect(profileUpdate({ Nom: 'Alice  Dupont' }, { Nom: 'alice dupont' })).toEqual({ fill: {}, kept: [] });
  });
});
