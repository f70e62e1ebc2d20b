import { billedIdentity, profileUpdate } from '../../src/domain/clientProfile';

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

describe('the identity an invoice bills', () => {
  const stored = { Nom: 'Alice Dupont', Société: 'Conservatoire Bellecour SAS', 'N° TVA': '345 678 901' };

  test('a purchase with no company: the company and SIREN typed in Clients complete it', () => {
    expect(billedIdentity({ name: 'alice dupont', company: '', taxId: '' }, stored)).toEqual({
      name: 'alice dupont',
      company: 'Conservatoire Bellecour SAS',
      taxId: '345 678 901',
    });
  });

  test('someone else paying with that address keeps their own identity', () => {
    expect(billedIdentity({ name: 'Mallory', company: '', taxId: '' }, stored)).toEqual({ name: 'Mallory', company: '', taxId: '' });
  });

  test('what Checkout collected wins', () => {
    expect(billedIdentity({ name: 'Alice Dupont', company: 'Autre SARL', taxId: '' }, stored)).toEqual({
      name: 'Alice Dupont',
      company: 'Autre SARL',
      taxId: '',
    });
  });

  test('nothing typed: the purchase as it is', () => {
    expect(billedIdentity({ name: 'Alice Dupont', company: '', taxId: '' }, { Nom: 'Alice Dupont' })).toEqual({ name: 'Alice Dupont', company: '', taxId: '' });
  });
});
