import { formEncode } from '../../src/gas/stripeApi';

/** The pairs Stripe's server decodes from the body (application/x-www-form-urlencoded). */
function decoded(body: string): Array<[string, string]> {
  return [...new URLSearchParams(body)];
}

describe('formEncode', () => {
  it('encodes flat parameters in order', () => {
    expect(formEncode({ mode: 'payment', limit: 100 })).toBe('mode=payment&limit=100');
  });

  it('is empty for no parameters', () => {
    expect(formEncode({})).toBe('');
  });

  it('writes nested objects in bracket notation', () => {
    expect(decoded(formEncode({ metadata: { carnet_request: 'req_1', product_codes: 'PACK10,EBOOK1' }, created: { gte: 1773100800 } }))).toEqual([
      ['metadata[carnet_request]', 'req_1'],
      ['metadata[product_codes]', 'PACK10,EBOOK1'],
      ['created[gte]', '1773100800'],
    ]);
  });

  it('writes arrays with their index', () => {
    expect(decoded(formEncode({ expand: ['line_items', 'payment_intent'] }))).toEqual([
      ['expand[0]', 'line_items'],
      ['expand[1]', 'payment_intent'],
    ]);
  });

  it('encodes the backstop’s event query as Stripe expects', () => {
    const body = formEncode({
      created: { gte: 1773100800 },
      types: ['checkout.session.completed', 'charge.refunded'],
      limit: 100,
      starting_after: 'evt_1Pgc76B7WZ01zgkWwyRHS12y',
    });
    expect(decoded(body)).toEqual([
      ['created[gte]', '1773100800'],
      ['types[0]', 'checkout.session.completed'],
      ['types[1]', 'charge.refunded'],
      ['limit', '100'],
      ['starting_after', 'evt_1Pgc76B7WZ01zgkWwyRHS12y'],
    ]);
  });

  it('encodes a Checkout Session with line items several levels deep', () => {
    const body = formEncode({
      mode: 'payment',
      customer_email: 'jeanne.martin@example.fr',
      line_items: [
        { price_data: { currency: 'eur', unit_amount: 15000, product_data: { name: 'Carnet de 10 cours', metadata: { code: 'PACK10' } } }, quantity: 2 },
        { price: 'price_1PgafmB7WZ01zgkW02Hf9z6c', quantity: 1 },
      ],
      payment_method_types: ['card', 'sepa_debit'],
    });
    expect(decoded(body)).toEqual([
      ['mode', 'payment'],
      ['customer_email', 'jeanne.martin@example.fr'],
      ['line_items[0][price_data][currency]', 'eur'],
      ['line_items[0][price_data][unit_amount]', '15000'],
      ['line_items[0][price_data][product_data][name]', 'Carnet de 10 cours'],
      ['line_items[0][price_data][product_data][metadata][code]', 'PACK10'],
      ['line_items[0][quantity]', '2'],
      ['line_items[1][price]', 'price_1PgafmB7WZ01zgkW02Hf9z6c'],
      ['line_items[1][quantity]', '1'],
      ['payment_method_types[0]', 'card'],
      ['payment_method_types[1]', 'sepa_debit'],
    ]);
  });

  it('percent-encodes accents, &, =, +, % and spaces in values', () => {
    const name = 'Crème brûlée & co = 100% sûr + 1';
    const body = formEncode({ name });
    expect(body).toBe('name=Cr%C3%A8me%20br%C3%BBl%C3%A9e%20%26%20co%20%3D%20100%25%20s%C3%BBr%20%2B%201');
    expect(decoded(body)).toEqual([['name', name]]);
  });

  it('keeps an injected parameter inside its value', () => {
    const body = formEncode({ description: 'x&amount=1&currency=usd', metadata: { 'a&b=c': 'd' } });
    expect(decoded(body)).toEqual([
      ['description', 'x&amount=1&currency=usd'],
      ['metadata[a&b=c]', 'd'],
    ]);
  });

  it('writes booleans, zero and empty strings, and leaves out null and undefined', () => {
    expect(decoded(formEncode({ a: true, b: false, c: 0, d: '', e: null, f: undefined, g: { h: null, i: 'j' } }))).toEqual([
      ['a', 'true'],
      ['b', 'false'],
      ['c', '0'],
      ['d', ''],
      ['g[i]', 'j'],
    ]);
  });
});
