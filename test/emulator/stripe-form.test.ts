// Stripe's form-encoded bodies with bracket notation (docs.stripe.com/api — "Form-encoded request bodies"; Rack's nested params).
import { StripeApiError } from '../../emulator/src/stripe/errors';
import { encodeForm, parseForm } from '../../emulator/src/stripe/form';

describe('Stripe bracket-notation parser', () => {
  test('indexed list items and metadata become nested objects', () => {
    const params = parseForm('mode=payment&line_items[0][price]=price_A&line_items[0][quantity]=2&line_items[1][price]=price_B&metadata[product_code]=C10');
    expect(params).toEqual({
      mode: 'payment',
      line_items: { 0: { price: 'price_A', quantity: '2' }, 1: { price: 'price_B' } },
      metadata: { product_code: 'C10' },
    });
  });

  test('`expand[]=` repeated builds a list, in order', () => {
    expect(parseForm('expand[]=line_items&expand[]=payment_intent')).toEqual({ expand: ['line_items', 'payment_intent'] });
  });

  test('`a[][k]` fills the last hash until the key repeats (Rack)', () => {
    expect(parseForm('items[][price]=p1&items[][quantity]=1&items[][price]=p2')).toEqual({
      items: [{ price: 'p1', quantity: '1' }, { price: 'p2' }],
    });
  });

  test('percent-encoded brackets and `+` for spaces are decoded', () => {
    expect(parseForm('metadata%5Bnote%5D=cours+de+fran%C3%A7ais&name=A%26B')).toEqual({ metadata: { note: 'cours de français' }, name: 'A&B' });
  });

  test('a repeated scalar key keeps the last value', () => {
    expect(parseForm('email=a%40x.fr&email=b%40x.fr')).toEqual({ email: 'b@x.fr' });
  });

  test('a key given both as a value and as a hash is a 400', () => {
    let error: unknown;
    try {
      parseForm('metadata=x&metadata[k]=v');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StripeApiError);
    expect((error as StripeApiError).status).toBe(400);
    expect((error as StripeApiError).body.type).toBe('invalid_request_error');
  });

  test('encodeForm writes what parseForm reads (as stripe-node encodes)', () => {
    const body = encodeForm({ line_items: [{ price: 'price_A', quantity: 1 }], metadata: { code: 'C 10' }, expand: ['line_items'] });
    expect(body).toBe('line_items[0][price]=price_A&line_items[0][quantity]=1&metadata[code]=C%2010&expand[0]=line_items');
    expect(parseForm(body)).toEqual({ line_items: { 0: { price: 'price_A', quantity: '1' } }, metadata: { code: 'C 10' }, expand: { 0: 'line_items' } });
  });
});
