// Payment requests as Stripe will judge them: the deadline inside Stripe's bounds, metadata within its
// limits, what Checkout must collect, and the refusals the admin reads in French.
import type { Product } from '../../src/domain/catalogue';
import { ProblemError } from '../../src/domain/problem';
import { metadataCodes } from '../../src/domain/purchase';
import {
  CLIENT_COLLECTION,
  EXPIRY_MARGIN_SECONDS,
  MAX_FREE_AMOUNT_CENTS,
  checkoutParams,
  codesMetadata,
  parseEuroAmount,
  productCodesKey,
  requestExpiresAt,
  validateRequest,
} from '../../src/domain/request';
import type { CheckoutSession } from '../../src/domain/stripe';
import { requestText } from '../../src/i18n/requestText';

const text = requestText('fr');
const NOW = Date.UTC(2026, 10, 21, 9, 0, 0);
const NOW_S = NOW / 1000;

function product(code: string): Product {
  return {
    code,
    name: `Produit ${code}`,
    type: 'formation',
    priceCents: 1000,
    credits: 0,
    validityDays: null,
    stripeIds: [],
    bookingLink: '',
    accessLink: '',
    accessCode: '',
    file: '',
    active: true,
    vatRate: null,
  };
}

describe('requestExpiresAt (docs.stripe.com/api/checkout/sessions/create#create_checkout_session-expires_at)', () => {
  it('keeps 5 minutes inside both of Stripe’s bounds, 30 minutes and 24 hours', () => {
    expect(EXPIRY_MARGIN_SECONDS).toBe(300);
    expect(requestExpiresAt(NOW, 0.5) - NOW_S).toBe(35 * 60);
    expect(requestExpiresAt(NOW, 24) - NOW_S).toBe(24 * 3600 - 300);
    expect(requestExpiresAt(NOW, 2) - NOW_S).toBe(2 * 3600);
    expect(requestExpiresAt(NOW, 48) - NOW_S).toBe(24 * 3600 - 300);
    expect(requestExpiresAt(NOW, 0) - NOW_S).toBe(35 * 60);
  });
});

describe('codesMetadata (docs.stripe.com/metadata: values up to 500 characters, 50 keys)', () => {
  it('puts short lists in product_codes, as before', () => {
    expect(codesMetadata(['PACK10', 'ESSAI'])).toEqual({ product_codes: 'PACK10,ESSAI' });
  });

  it('splits a long list between codes over product_codes, product_codes_2…, each at most 500 characters', () => {
    const codes = Array.from({ length: 40 }, (_, i) => `CODE-ASSEZ-LONG-POUR-LE-TEST-${String(i).padStart(3, '0')}`);
    const metadata = codesMetadata(codes) as Record<string, string>;
    expect(Object.keys(metadata)).toEqual(['product_codes', 'product_codes_2', 'product_codes_3']);
    expect(Object.values(metadata).every((v) => v.length <= 500)).toBe(true);
    // Read back in line order.
    expect(metadataCodes({ metadata } as unknown as CheckoutSession)).toEqual(codes);
    expect(productCodesKey(2)).toBe('product_codes_2');
  });

  it('is null when a code alone exceeds 500 characters or the keys run out', () => {
    expect(codesMetadata(['X'.repeat(501)])).toBeNull();
    expect(
      codesMetadata(
        Array.from({ length: 3 }, () => 'Y'.repeat(400)),
        2,
      ),
    ).toBeNull();
  });
});

describe('checkoutParams', () => {
  it('asks Checkout for the address (required), the company and the VAT number (optional)', () => {
    const request = validateRequest({ email: 'a@example.com', items: [{ code: 'A', quantity: 1 }] }, [product('A')], text);
    const params = checkoutParams(request, {
      requestId: 'r1',
      expiresAt: NOW_S + 3600,
      successUrl: 'https://x/ok',
      cancelUrl: 'https://x/ko',
      currency: 'eur',
      locale: 'fr',
    });
    expect(params).toMatchObject(CLIENT_COLLECTION);
    expect(params).toMatchObject({
      billing_address_collection: 'required',
      tax_id_collection: { enabled: true, required: 'never' },
      name_collection: { business: { enabled: true, optional: true } },
    });
  });
});

describe('validateRequest: refusals in French, before anything is sent to Stripe', () => {
  function refusal(input: unknown, products: Product[]): string {
    try {
      validateRequest(input, products, text);
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError);
      return (error as Error).message;
    }
    throw new Error('no refusal');
  }

  it('more than 100 different lines (Checkout’s limit)', () => {
    const products = Array.from({ length: 101 }, (_, i) => product(`P${i}`));
    expect(refusal({ email: 'a@example.com', items: products.map((p) => ({ code: p.code, quantity: 1 })) }, products)).toBe(
      'Une demande de paiement compte au plus 100 produits différents (limite de Stripe Checkout).',
    );
  });

  it('a product code too long for Stripe’s metadata', () => {
    const long = product('C'.repeat(501));
    expect(refusal({ email: 'a@example.com', items: [{ code: long.code, quantity: 1 }] }, [long])).toMatch(
      /^Les codes des produits de cette demande sont trop longs pour Stripe/,
    );
  });
});

describe('a free amount ({ label, amount }) beside catalogue products', () => {
  const catalogue = [product('A')];
  const lesson = 'Cours particulier du 3 décembre';

  it('reads euros typed as text or as a number, to the cent', () => {
    expect(parseEuroAmount('45,00')).toBe(4500);
    expect(parseEuroAmount('45,5')).toBe(4550);
    expect(parseEuroAmount(' 1 045,20 € ')).toBe(104520);
    expect(parseEuroAmount('12.34')).toBe(1234);
    expect(parseEuroAmount(45.1)).toBe(4510);
    expect(parseEuroAmount(0.5)).toBe(50);
    for (const bad of ['', 'abc', '-5', '45,001', '4,5,0', 45.001, NaN, Infinity, null, undefined, {}]) expect(parseEuroAmount(bad)).toBeNull();
  });

  it('becomes one line of its label and amount, marked * in the codes metadata, sold with price_data and no product code', () => {
    const request = validateRequest(
      {
        email: 'a@example.com',
        items: [
          { code: 'A', quantity: 2 },
          { label: `  ${lesson} `, amount: '45,00' },
        ],
      },
      catalogue,
      text,
    );
    expect(request.amountCents).toBe(2 * 1000 + 4500);
    expect(request.lines[1]).toMatchObject({ quantity: 1, product: { code: '*', name: lesson, type: 'libre', credits: 0, vatRate: null, priceCents: 4500 } });
    const params = checkoutParams(request, { requestId: 'r', expiresAt: NOW_S + 3600, successUrl: 's', cancelUrl: 'c', currency: 'eur', locale: 'fr' });
    expect(params.metadata).toEqual({ carnet_request: 'r', product_codes: 'A,*' });
    expect((params.line_items as unknown[])[1]).toEqual({ quantity: 1, price_data: { currency: 'eur', unit_amount: 4500, product_data: { name: lesson } } });
  });

  it.each([
    ['0', 0, /montant « 0 » invalide/],
    ['negative', -45, /montant « -45 » invalide/],
    ['49 cents', '0,49', /montant « 0,49 » invalide \(un montant en euros de 0,50 € à 10\u202f000 €/],
    ['over 10 000 €', '10000,01', /montant « 10000,01 » invalide/],
    ['text', 'beaucoup', /montant « beaucoup » invalide/],
    ['missing', undefined, /« Cours particulier du 3 décembre » : montant manquant/],
  ])('refuses an amount %s in French', (_name, amount, message) => {
    expect(() => validateRequest({ email: 'a@example.com', items: [{ label: lesson, amount }] }, catalogue, text)).toThrow(message);
  });

  it('accepts exactly 0,50 € and 10 000 €, and a label of 1 or 200 characters', () => {
    expect(validateRequest({ email: 'a@example.com', items: [{ label: 'x', amount: '0,50' }] }, catalogue, text).amountCents).toBe(50);
    expect(validateRequest({ email: 'a@example.com', items: [{ label: 'x'.repeat(200), amount: 10000 }] }, catalogue, text).amountCents).toBe(
      MAX_FREE_AMOUNT_CENTS,
    );
  });

  it.each([
    ['empty', '   '],
    ['201 characters', 'x'.repeat(201)],
    ['missing', undefined],
  ])('refuses a label %s in French', (_name, label) => {
    expect(() => validateRequest({ email: 'a@example.com', items: [{ label, amount: 45 }] }, catalogue, text)).toThrow(
      /Montant libre : le libellé doit compter de 1 à 200 caractères/,
    );
  });

  it('gives the English message in English', () => {
    expect(() => validateRequest({ email: 'a@example.com', items: [{ label: lesson, amount: 0 }] }, catalogue, requestText('en'))).toThrow(
      /Free amount "Cours particulier du 3 décembre": invalid amount "0" \(an amount in euros from €0.50 to €10,000/,
    );
  });
});
