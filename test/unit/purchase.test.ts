import type { Product } from '../../src/domain/catalogue';
import { ProblemError } from '../../src/domain/problem';
import {
  PurchaseError,
  creditLines,
  describeLines,
  discountName,
  formatAddress,
  metadataCodes,
  offCatalogueLines,
  readPurchase,
  type Purchase,
} from '../../src/domain/purchase';
import type { CheckoutSession, LineItem } from '../../src/domain/stripe';
import { messages } from '../../src/i18n/messages';

const fr = messages('fr');

const SESSION_ID = 'cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY';

/** The fields Carnet reads from shared/stripe-fixtures/checkout.session.json, made into a paid euro payment. */
function session(over: Partial<CheckoutSession> = {}): CheckoutSession {
  return {
    id: SESSION_ID,
    object: 'checkout.session',
    amount_total: 15000,
    currency: 'eur',
    created: 1234567890,
    expires_at: 1234567890,
    customer: null,
    customer_email: null,
    customer_details: {
      address: { city: 'Lyon', country: 'FR', line1: '12 rue des Lilas', line2: null, postal_code: '69001', state: null },
      email: '  Jeanne.Martin@Example.FR ',
      name: ' Jeanne Martin ',
      phone: '+33612345678',
      business_name: null,
      tax_ids: null,
    },
    metadata: {},
    mode: 'payment',
    payment_intent: 'pi_1PgafyB7WZ01zgkWSjxsAJo3',
    payment_status: 'paid',
    status: 'complete',
    url: null,
    ...over,
  };
}

/** A Checkout line item shaped like shared/stripe-fixtures/item.json. */
function item(over: Partial<LineItem> = {}): LineItem {
  return {
    id: 'li_1Pgc73B7WZ01zgkWx8kcmZPK',
    amount_total: 15000,
    currency: 'eur',
    description: 'Carnet de 10 cours',
    quantity: 1,
    price: { id: 'price_1PgafmB7WZ01zgkW02Hf9z6c', product: 'prod_QXg1hqf4jFNsqG', unit_amount: 15000 },
    ...over,
  };
}

function product(over: Partial<Product> = {}): Product {
  return {
    code: 'PACK10',
    name: 'Carnet de 10 cours',
    type: 'cours',
    priceCents: 15000,
    credits: 10,
    validityDays: 365,
    stripeIds: ['price_1PgafmB7WZ01zgkW02Hf9z6c'],
    bookingLink: 'https://calendar.app.google/abc123',
    accessLink: '',
    accessCode: '',
    file: '',
    active: true,
    vatRate: null,
    ...over,
  };
}

const PACK10 = product();
const EBOOK = product({
  code: 'EBOOK1',
  name: 'Le subjonctif sans peur',
  type: 'ebook',
  priceCents: 990,
  credits: 0,
  validityDays: null,
  stripeIds: ['prod_ebook'],
});
const FORMATION = product({
  code: 'FORM1',
  name: 'Formation grammaire',
  type: 'formation',
  priceCents: 30000,
  credits: 0,
  validityDays: null,
  stripeIds: ['price_form1'],
});
const CATALOGUE = [EBOOK, PACK10, FORMATION];

function refusal(run: () => unknown): PurchaseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PurchaseError);
    // A problem the admin can fix: the event is retried once the catalogue or the settings are fixed.
    expect(error).toBeInstanceOf(ProblemError);
    return error as PurchaseError;
  }
  throw new Error('expected a PurchaseError, nothing was thrown');
}

describe('readPurchase: a paid session', () => {
  it('reads the client, the amounts and the product matched by price id', () => {
    const purchase = readPurchase(session(), [item()], CATALOGUE, 'eur', fr);
    expect(purchase).toEqual<Purchase>({
      sessionId: SESSION_ID,
      paymentIntent: 'pi_1PgafyB7WZ01zgkWSjxsAJo3',
      email: 'jeanne.martin@example.fr',
      name: 'Jeanne Martin',
      phone: '+33612345678',
      customerId: '',
      company: '',
      taxId: '',
      address: '12 rue des Lilas, 69001 Lyon',
      amountCents: 15000,
      currency: 'eur',
      lines: [{ product: PACK10, quantity: 1, amountCents: 15000, subtotalCents: 15000, discountCents: 0, description: 'Carnet de 10 cours' }],
      discountName: '',
    });
  });

  it('keeps the price before the discount, the discount and what was charged, and names the promotion code (docs.stripe.com/api/checkout/sessions/line_items)', () => {
    const purchase = readPurchase(
      session({ amount_total: 12000, discounts: [{ coupon: null, promotion_code: { id: 'promo_1', code: 'PRINTEMPS' } }] }),
      [item({ amount_subtotal: 15000, amount_discount: 3000, amount_total: 12000 })],
      CATALOGUE,
      'eur',
      fr,
    );
    expect(purchase.amountCents).toBe(12000);
    expect(purchase.lines[0]).toMatchObject({ product: PACK10, subtotalCents: 15000, discountCents: 3000, amountCents: 12000 });
    expect(purchase.discountName).toBe('PRINTEMPS');
    expect(offCatalogueLines(purchase)).toEqual([purchase.lines[0]]);
    expect(discountName(session({ discounts: [{ coupon: { id: 'Z4OV52SU', name: 'Offert' }, promotion_code: null }] }))).toBe('Offert');
    expect(discountName(session({ discounts: [{ coupon: { id: 'Z4OV52SU', name: null }, promotion_code: null }] }))).toBe('Z4OV52SU');
  });

  it('a price the row lists by its id is the catalogue’s, even at another amount: granted, and flagged (the Prix TTC is out of date)', () => {
    const purchase = readPurchase(
      session({ amount_total: 16000 }),
      [item({ amount_total: 16000, amount_subtotal: 16000, price: { id: 'price_1PgafmB7WZ01zgkW02Hf9z6c', product: 'prod_x', unit_amount: 16000 } })],
      CATALOGUE,
      'eur',
      fr,
    );
    expect(purchase.lines[0].product).toBe(PACK10);
    expect(offCatalogueLines(purchase)).toEqual([purchase.lines[0]]);
    expect(fr.offCatalogueLine('1 × Carnet de 10 cours', 16000, 15000, 0, '')).toBe(
      '1 × Carnet de 10 cours payé 160,00\u00A0€ au lieu de 150,00\u00A0€ (prix Stripe différent du Prix TTC)',
    );
  });

  it('a line at the catalogue price is not flagged', () => {
    expect(offCatalogueLines(readPurchase(session(), [item()], CATALOGUE, 'eur', fr))).toEqual([]);
  });

  it('another price of a product the row names only by its product id: refused until the admin says which row sells it', () => {
    const error = refusal(() =>
      readPurchase(
        session({ amount_total: 500 }),
        [item({ amount_total: 500, price: { id: 'price_cheap', product: 'prod_ebook', unit_amount: 500 } })],
        CATALOGUE,
        'eur',
        fr,
      ),
    );
    expect(error.message).toContain('price_cheap');
    expect(error.message).toContain('5,00\u00A0€');
    expect(error.message).toContain('9,90\u00A0€');
    expect(error.message).toContain('colonne Stripe');
  });

  it('matches a product by its Stripe product id', () => {
    const purchase = readPurchase(session(), [item({ price: { id: 'price_unlisted', product: 'prod_ebook', unit_amount: 990 } })], CATALOGUE, 'eur', fr);
    expect(purchase.lines[0].product).toBe(EBOOK);
  });

  it('matches a product by its Stripe product id when the product is expanded', () => {
    const purchase = readPurchase(
      session(),
      [item({ price: { id: 'price_unlisted', product: { id: 'prod_ebook' }, unit_amount: 990 } })],
      CATALOGUE,
      'eur',
      fr,
    );
    expect(purchase.lines[0].product).toBe(EBOOK);
  });

  // BUG: findByStripeId returns the first row listing either id, so a row naming the Stripe product
  // wins over a row naming the exact price when it comes first: with "COURS1 = prod_cours" above
  // "PACK10 = price_pack10" (a second price of the same product), buying the 10-lesson pack gives 1 credit.
  test('prefers the row naming the exact price over a row naming only its product', () => {
    const single = product({ code: 'COURS1', name: 'Cours à l’unité', credits: 1, priceCents: 1800, stripeIds: ['prod_cours'] });
    const pack = product({ code: 'PACK10', stripeIds: ['price_pack10'] });
    const purchase = readPurchase(session(), [item({ price: { id: 'price_pack10', product: 'prod_cours', unit_amount: 15000 } })], [single, pack], 'eur', fr);
    expect(purchase.lines[0].product.code).toBe('PACK10');
  });

  it('matches Carnet’s own payment requests by the product codes in metadata, line by line', () => {
    const purchase = readPurchase(
      session({ metadata: { carnet_request: 'req_1', product_codes: 'pack10, EBOOK1' }, amount_total: 15990 }),
      [
        item({ id: 'li_1', price: { id: 'price_adhoc1', product: 'prod_adhoc1', unit_amount: 15000 } }),
        item({ id: 'li_2', amount_total: 990, price: { id: 'price_adhoc2', product: 'prod_adhoc2', unit_amount: 990 } }),
      ],
      CATALOGUE,
      'eur',
      fr,
    );
    expect(purchase.lines.map((l) => l.product.code)).toEqual(['PACK10', 'EBOOK1']);
    expect(purchase.lines.map((l) => l.amountCents)).toEqual([15000, 990]);
    expect(purchase.amountCents).toBe(15990);
  });

  it('accepts a single product code in metadata', () => {
    const purchase = readPurchase(session({ metadata: { product_code: 'FORM1' } }), [item({ price: null, description: 'Formation' })], CATALOGUE, 'eur', fr);
    expect(purchase.lines[0].product).toBe(FORMATION);
  });

  it('takes the e-mail from customer_email when customer_details has none', () => {
    expect(readPurchase(session({ customer_details: null, customer_email: ' Paul@Exemple.fr' }), [item()], CATALOGUE, 'eur', fr).email).toBe('paul@exemple.fr');
    expect(readPurchase(session({ customer_details: { email: null }, customer_email: 'PAUL@exemple.fr ' }), [item()], CATALOGUE, 'eur', fr).email).toBe(
      'paul@exemple.fr',
    );
  });

  it('prefers the e-mail the client typed at checkout over customer_email', () => {
    expect(readPurchase(session({ customer_email: 'other@exemple.fr' }), [item()], CATALOGUE, 'eur', fr).email).toBe('jeanne.martin@example.fr');
  });

  it('accepts the currency whatever its case', () => {
    expect(readPurchase(session({ currency: 'EUR' }), [item()], CATALOGUE, 'eur', fr).currency).toBe('eur');
    expect(readPurchase(session(), [item()], CATALOGUE, 'EUR', fr).currency).toBe('eur');
  });

  it('reads a business client: company, tax ids, Stripe customer, foreign address', () => {
    const purchase = readPurchase(
      session({
        customer: { id: 'cus_NffrFeUfNV2Hib' },
        payment_intent: { id: 'pi_expanded' },
        customer_details: {
          email: 'compta@ecole.be',
          name: 'Luc Peeters',
          phone: null,
          business_name: ' École Peeters SRL ',
          tax_ids: [
            { type: 'eu_vat', value: 'BE0123456789' },
            { type: 'eu_vat', value: null },
            { type: 'be_vat', value: 'BE9876543210' },
          ],
          address: { line1: 'Rue Haute 5', line2: 'Boîte 2', postal_code: '1000', city: 'Bruxelles', state: null, country: 'BE' },
        },
      }),
      [item()],
      CATALOGUE,
      'eur',
      fr,
    );
    expect(purchase.customerId).toBe('cus_NffrFeUfNV2Hib');
    expect(purchase.paymentIntent).toBe('pi_expanded');
    expect(purchase.company).toBe('École Peeters SRL');
    expect(purchase.taxId).toBe('BE0123456789, BE9876543210');
    expect(purchase.address).toBe('Rue Haute 5, Boîte 2, 1000 Bruxelles, BE');
    expect(purchase.phone).toBe('');
  });

  it('keeps the quantity and defaults a missing quantity to 1', () => {
    expect(readPurchase(session(), [item({ quantity: 3, amount_total: 45000 })], CATALOGUE, 'eur', fr).lines[0].quantity).toBe(3);
    expect(readPurchase(session(), [item({ quantity: null })], CATALOGUE, 'eur', fr).lines[0].quantity).toBe(1);
  });

  it('sums the lines when the session has no total', () => {
    const purchase = readPurchase(
      session({ amount_total: null }),
      [item({ amount_total: 15000 }), item({ amount_total: 990, price: { id: 'price_x', product: 'prod_ebook', unit_amount: 990 } })],
      CATALOGUE,
      'eur',
      fr,
    );
    expect(purchase.amountCents).toBe(15990);
  });

  it('names each line after the catalogue, not after Stripe', () => {
    expect(readPurchase(session(), [item({ description: 'T-shirt' })], CATALOGUE, 'eur', fr).lines[0].description).toBe('Carnet de 10 cours');
  });
});

describe('readPurchase: refusals tell the admin what to fix, in French', () => {
  it('refuses a session without e-mail', () => {
    for (const s of [
      session({ customer_details: null, customer_email: null }),
      session({ customer_details: { email: '   ' } }),
      session({ customer_details: {}, customer_email: null }),
    ]) {
      const error = refusal(() => readPurchase(s, [item()], CATALOGUE, 'eur', fr));
      expect(error.message).toBe(fr.purchaseNoEmail(SESSION_ID));
      expect(error.message).toContain(SESSION_ID);
      expect(error.message).toMatch(/pas d’adresse e-mail/);
    }
  });

  it('refuses a payment in another currency, naming both currencies', () => {
    const error = refusal(() => readPurchase(session({ currency: 'usd' }), [item({ currency: 'usd' })], CATALOGUE, 'eur', fr));
    expect(error.message).toBe(fr.purchaseCurrency(SESSION_ID, 'USD', 'EUR'));
    expect(error.message).toBe(`Paiement ${SESSION_ID} en USD alors que Carnet attend des paiements en EUR : vérifiez le prix dans Stripe.`);
  });

  it('refuses a session without currency (the fixture has currency: null)', () => {
    const error = refusal(() => readPurchase(session({ currency: null }), [item()], CATALOGUE, 'eur', fr));
    expect(error.message).toContain('(devise absente)');
    expect(error.message).toContain('EUR');
  });

  it('refuses a session without line items', () => {
    const error = refusal(() => readPurchase(session(), [], CATALOGUE, 'eur', fr));
    expect(error.message).toBe(fr.purchaseEmpty(SESSION_ID));
    expect(error.message).toMatch(/aucun article/);
  });

  it('refuses an unknown product, naming its price and product ids and the tab to fix', () => {
    const error = refusal(() => readPurchase(session(), [item({ price: { id: 'price_new', product: 'prod_new', unit_amount: 2000 } })], CATALOGUE, 'eur', fr));
    expect(error.message).toBe(fr.purchaseUnknownProduct('le prix price_new / le produit prod_new'));
    expect(error.message).toBe(
      'Produit inconnu pour le prix price_new / le produit prod_new : ajoutez-le à l’onglet Produits (colonne Stripe). Le paiement sera alors enregistré automatiquement.',
    );
  });

  it('says it all in English when Langue is en (no French word left in the ids)', () => {
    const en = messages('en');
    const error = refusal(() => readPurchase(session(), [item({ price: { id: 'price_new', product: 'prod_new', unit_amount: 2000 } })], CATALOGUE, 'eur', en));
    expect(error.message).toBe(
      'Unknown product for price price_new / product prod_new: add it to the Produits tab (Stripe column). The payment will then be recorded automatically.',
    );
  });

  it('names the expanded product id of an unknown product', () => {
    const error = refusal(() =>
      readPurchase(session(), [item({ price: { id: 'price_new', product: { id: 'prod_expanded' }, unit_amount: 2000 } })], CATALOGUE, 'eur', fr),
    );
    expect(error.message).toContain('le produit prod_expanded');
  });

  it('names the line description when the line has no price', () => {
    const error = refusal(() => readPurchase(session(), [item({ price: null, description: 'T-shirt' })], CATALOGUE, 'eur', fr));
    expect(error.message).toContain("l'article « T-shirt »");
  });

  it('refuses the whole session when one of its lines is unknown', () => {
    const error = refusal(() =>
      readPurchase(session(), [item(), item({ price: { id: 'price_new', product: 'prod_new', unit_amount: 1 } })], CATALOGUE, 'eur', fr),
    );
    expect(error.message).toContain('price_new');
  });

  it('refuses a metadata code that is not in the catalogue', () => {
    const error = refusal(() =>
      readPurchase(
        session({ metadata: { product_codes: 'PACK99' } }),
        [item({ price: { id: 'price_adhoc', product: 'prod_adhoc', unit_amount: 1 } })],
        CATALOGUE,
        'eur',
        fr,
      ),
    );
    expect(error.message).toContain('price_adhoc');
  });

  it.each([0, -1, 1.5, NaN])('refuses a quantity of %p', (quantity) => {
    const error = refusal(() => readPurchase(session(), [item({ quantity })], CATALOGUE, 'eur', fr));
    expect(error.message).toBe(fr.purchaseBadQuantity(SESSION_ID, String(quantity)));
    expect(error.message).toBe(`Quantité ${String(quantity)} invalide dans la session ${SESSION_ID}.`);
  });

  it('speaks English when asked to', () => {
    const en = messages('en');
    const error = refusal(() => readPurchase(session(), [], CATALOGUE, 'eur', en));
    expect(error.message).toBe(`Session ${SESSION_ID} has no line item: nothing to deliver.`);
  });
});

describe('metadataCodes', () => {
  it('splits, trims and drops empty codes', () => {
    expect(metadataCodes(session({ metadata: { product_codes: ' PACK10, ,EBOOK1 ,' } }))).toEqual(['PACK10', 'EBOOK1']);
  });

  it('prefers product_codes over product_code', () => {
    expect(metadataCodes(session({ metadata: { product_codes: 'A,B', product_code: 'C' } }))).toEqual(['A', 'B']);
    expect(metadataCodes(session({ metadata: { product_code: 'C' } }))).toEqual(['C']);
  });

  it('is empty without metadata', () => {
    expect(metadataCodes(session({ metadata: null }))).toEqual([]);
    expect(metadataCodes(session({ metadata: undefined }))).toEqual([]);
    expect(metadataCodes(session({ metadata: {} }))).toEqual([]);
  });
});

describe('creditLines', () => {
  const purchase = readPurchase(
    session({ amount_total: 15000 * 2 + 990 + 30000 + 1800 * 3 }),
    [
      item({ quantity: 2, amount_total: 30000 }),
      item({ amount_total: 990, price: { id: 'price_x', product: 'prod_ebook', unit_amount: 990 } }),
      item({ amount_total: 30000, price: { id: 'price_form1', product: 'prod_form', unit_amount: 30000 } }),
      item({ quantity: 3, amount_total: 5400, price: { id: 'price_single', product: 'prod_single', unit_amount: 1800 } }),
    ],
    [...CATALOGUE, product({ code: 'COURS1', name: 'Cours à l’unité', credits: 1, stripeIds: ['price_single'] })],
    'eur',
    fr,
  );

  it('grants credits × quantity for lesson packs only, keeping each line’s index', () => {
    expect(creditLines(purchase).map(({ index, credits, line }) => ({ index, credits, code: line.product.code }))).toEqual([
      { index: 0, credits: 20, code: 'PACK10' },
      { index: 3, credits: 3, code: 'COURS1' },
    ]);
  });

  it('grants nothing for an ebook or a training', () => {
    const ebookOnly = readPurchase(session(), [item({ price: { id: 'price_x', product: 'prod_ebook', unit_amount: 990 }, quantity: 4 })], CATALOGUE, 'eur', fr);
    expect(creditLines(ebookOnly)).toEqual([]);
  });

  it('describes the lines for the Paiements tab', () => {
    expect(describeLines(purchase)).toBe('2 × Carnet de 10 cours, 1 × Le subjonctif sans peur, 1 × Formation grammaire, 3 × Cours à l’unité');
  });
});

describe('formatAddress', () => {
  it('is empty without an address', () => {
    expect(formatAddress(null)).toBe('');
    expect(formatAddress(undefined)).toBe('');
    expect(formatAddress({ line1: null, line2: null, postal_code: null, city: null, state: null, country: null })).toBe('');
  });

  it('writes a French address on one line, without the country', () => {
    expect(formatAddress({ line1: '12 rue des Lilas', line2: null, postal_code: '69001', city: 'Lyon', state: null, country: 'FR' })).toBe(
      '12 rue des Lilas, 69001 Lyon',
    );
  });

  it('keeps the second line, the state and a foreign country', () => {
    expect(formatAddress({ line1: '5 Main St', line2: 'Apt 2', postal_code: '10001', city: 'New York', state: 'NY', country: 'US' })).toBe(
      '5 Main St, Apt 2, 10001 New York, NY, US',
    );
  });

  it('copes with a postal code or a city alone', () => {
    expect(formatAddress({ city: 'Genève', country: 'CH' })).toBe('Genève, CH');
    expect(formatAddress({ postal_code: '75011' })).toBe('75011');
  });
});

describe('readPurchase: a free amount of a payment request (metadata marker *)', () => {
  const free = item({
    id: 'li_free',
    description: 'Cours particulier du 3 décembre',
    amount_total: 4500,
    price: { id: 'price_adhoc', product: 'prod_adhoc', unit_amount: 4500 },
  });

  test('is a line of its label and amount that grants no credit, beside the catalogue product', () => {
    const purchase = readPurchase(session({ amount_total: 19500, metadata: { product_codes: 'PACK10,*' } }), [item(), free], CATALOGUE, 'eur', fr);
    expect(purchase.lines[1]).toMatchObject({
      quantity: 1,
      amountCents: 4500,
      description: 'Cours particulier du 3 décembre',
      product: { type: 'libre', name: 'Cours particulier du 3 décembre', credits: 0, vatRate: null },
    });
    expect(creditLines(purchase).map((c) => [c.index, c.credits])).toEqual([[0, 10]]);
    expect(describeLines(purchase)).toBe('1 × Carnet de 10 cours, 1 × Cours particulier du 3 décembre');
  });

  test('without the marker, the same line is still an unknown product', () => {
    refusal(() => readPurchase(session({ metadata: { product_codes: 'PACK10' } }), [item(), free], CATALOGUE, 'eur', fr));
  });
});
