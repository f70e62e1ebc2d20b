// UrlFetchApp and HTTPResponse as Apps Script has them
// (developers.google.com/apps-script/reference/url-fetch/url-fetch-app, .../http-response).
import { Emulator } from '../../emulator/src/index';
import { Runtime } from '../../emulator/src/runtime';
import { FakeStripe } from '../../emulator/src/stripe';
import { FakeUrlFetchApp, UrlFetchService } from '../../emulator/src/urlfetch';

const AUTH = { Authorization: 'Bearer sk_test_emulator' };
const API = 'https://api.stripe.com';

function setup() {
  const rt = new Runtime();
  const stripe = new FakeStripe(rt);
  const urlFetch = new UrlFetchService(rt, stripe);
  const app = urlFetch.globals().UrlFetchApp as FakeUrlFetchApp;
  const price = String(stripe.createPrice({ product: String(stripe.createProduct({ name: 'Cours' }).id), unitAmount: 4000 }).id);
  return { rt, stripe, urlFetch, app, price };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an exception');
}

describe('fetch(url, params): method and payload (url-fetch-app#fetch(String,Object))', () => {
  test('GET is the default method', () => {
    const { app, stripe } = setup();
    expect(app.fetch(`${API}/v1/events`, { headers: AUTH }).getResponseCode()).toBe(200);
    expect(stripe.requests()[0].method).toBe('GET');
  });

  test('the method is case-insensitive ("POST" works like "post")', () => {
    const { app, stripe } = setup();
    const res = app.fetch(`${API}/v1/customers`, { method: 'POST' as 'post', payload: 'email=a%40example.com', headers: AUTH });
    expect(res.getResponseCode()).toBe(200);
    expect(stripe.requests()[0].method).toBe('POST');
  });

  test('a payload object is form-encoded (application/x-www-form-urlencoded), one field per key', () => {
    const { app, stripe, urlFetch } = setup();
    app.fetch(`${API}/v1/customers`, { method: 'post', payload: { email: 'a+b@example.com', name: 'Élève Un' }, headers: AUTH });
    expect(urlFetch.log()[0].payload).toBe('email=a%2Bb%40example.com&name=%C3%89l%C3%A8ve+Un');
    expect(stripe.requests()[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(stripe.objects('customer')[0]).toMatchObject({ email: 'a+b@example.com', name: 'Élève Un' });
  });

  test('a nested object in a payload object is sent as "[object Object]" — Apps Script has no bracket notation, Stripe answers "Invalid object"', () => {
    const { app, price, urlFetch } = setup();
    const res = app.fetch(`${API}/v1/checkout/sessions`, {
      method: 'post',
      payload: { mode: 'payment', 'line_items[0][price]': price, 'line_items[0][quantity]': 1, metadata: { product_code: 'C10' } },
      headers: AUTH,
      muteHttpExceptions: true,
    });
    expect(urlFetch.log()[0].payload).toContain('metadata=%5Bobject+Object%5D');
    expect(res.getResponseCode()).toBe(400);
    expect(JSON.parse(res.getContentText()).error).toMatchObject({ message: 'Invalid object', param: 'metadata' });
  });

  test('bracket keys spelled out by the caller (`metadata[product_code]`) reach Stripe as nested params', () => {
    const { app, price } = setup();
    const res = app.fetch(`${API}/v1/checkout/sessions`, {
      method: 'post',
      payload: { mode: 'payment', 'line_items[0][price]': price, 'line_items[0][quantity]': 1, 'metadata[product_code]': 'C10' },
      headers: AUTH,
    });
    expect(JSON.parse(res.getContentText()).metadata).toEqual({ product_code: 'C10' });
  });

  test('an array value in a payload object is joined with commas (its toString)', () => {
    const { app, urlFetch } = setup();
    app.fetch(`${API}/v1/events`, { method: 'post', payload: { 'expand[]': ['a', 'b'] }, headers: AUTH, muteHttpExceptions: true });
    expect(urlFetch.log()[0].payload).toBe('expand%5B%5D=a%2Cb');
  });

  test('a string payload is sent as is, with the default form content type', () => {
    const { app, stripe } = setup();
    app.fetch(`${API}/v1/customers`, { method: 'post', payload: 'email=x%40example.com&metadata[k]=v', headers: AUTH });
    expect(stripe.objects('customer')[0]).toMatchObject({ email: 'x@example.com', metadata: { k: 'v' } });
  });

  test('an array payload that is not bytes: "Attribute provided with invalid value: payload"', () => {
    const { app } = setup();
    expect(thrown(() => app.fetch(`${API}/v1/customers`, { method: 'put', payload: ['poi'] as unknown as string, headers: AUTH })).message).toBe(
      'Attribute provided with invalid value: payload',
    );
  });
});

describe('HTTP errors and muteHttpExceptions', () => {
  test('muteHttpExceptions: false (default): a 4xx throws "Request failed for <origin> returned code N. Truncated server response: … (use muteHttpExceptions option to examine full response)"', () => {
    const { app } = setup();
    const error = thrown(() => app.fetch(`${API}/v1/checkout/sessions/cs_test_missing`, { headers: AUTH }));
    expect(error.name).toBe('Exception');
    expect(error.message).toMatch(/^Request failed for https:\/\/api\.stripe\.com returned code 404\. Truncated server response: \{\n {2}"error": \{/);
    expect(error.message).toMatch(/\.\.\. \(use muteHttpExceptions option to examine full response\)$/);
    const quoted = error.message.slice(error.message.indexOf('response: ') + 'response: '.length, error.message.indexOf('... (use'));
    expect(quoted).toHaveLength(147);
    expect(String(error)).toMatch(/^Exception: Request failed for/);
  });

  test('a short error body is quoted whole, without "..."', () => {
    const { app } = setup();
    const error = thrown(() => app.fetch(`${API}/v1/events`, { headers: { Authorization: 'Bearer sk_test_nokey' } }));
    expect(error.message).toBe(
      'Request failed for https://api.stripe.com returned code 401. Truncated server response: {\n  "error": {\n    "message": "Invalid API Key provided: sk_test_*okey",\n    "type": "invalid_request_error"\n  }\n} (use muteHttpExceptions option to examine full response)',
    );
  });

  test('muteHttpExceptions: true returns the response: code 404 and the full JSON body', () => {
    const { app } = setup();
    const res = app.fetch(`${API}/v1/checkout/sessions/cs_test_missing`, { headers: AUTH, muteHttpExceptions: true });
    expect(res.getResponseCode()).toBe(404);
    expect(JSON.parse(res.getContentText()).error.message).toBe("No such checkout.session: 'cs_test_missing'");
  });

  test('a 500 injected with failNext throws like any other failure code', () => {
    const { app, stripe } = setup();
    stripe.failNext(1, 500);
    expect(thrown(() => app.fetch(`${API}/v1/events`, { headers: AUTH })).message).toMatch(
      /^Request failed for https:\/\/api\.stripe\.com returned code 500\./,
    );
  });
});

describe('invalid requests', () => {
  test('a URL without scheme: "Invalid argument: <url>"', () => {
    const { app } = setup();
    expect(thrown(() => app.fetch('api.stripe.com/v1/events')).message).toBe('Invalid argument: api.stripe.com/v1/events');
  });

  test('a URL with a space: "Invalid argument: <url>"', () => {
    const { app } = setup();
    expect(thrown(() => app.fetch(`${API}/v1/customers?email=a b`)).message).toBe(`Invalid argument: ${API}/v1/customers?email=a b`);
  });

  test('any host but api.stripe.com: the emulator has no network', () => {
    const { app } = setup();
    expect(thrown(() => app.fetch('https://example.com/hook')).message).toBe('Emulator: no network access to example.com');
  });

  test('Host and Content-Length headers are refused: "Attribute provided with invalid value: Header:Host"', () => {
    const { app } = setup();
    expect(thrown(() => app.fetch(`${API}/v1/events`, { headers: { Host: 'api.stripe.com' } })).message).toBe(
      'Attribute provided with invalid value: Header:Host',
    );
    expect(thrown(() => app.fetch(`${API}/v1/events`, { headers: { 'Content-Length': '0' } })).message).toBe(
      'Attribute provided with invalid value: Header:Content-Length',
    );
  });

  test('a null header value (an unset Script Property): "Attribute provided with invalid value: Header:null"', () => {
    const { app } = setup();
    expect(thrown(() => app.fetch(`${API}/v1/events`, { headers: { Authorization: null as unknown as string } })).message).toBe(
      'Attribute provided with invalid value: Header:null',
    );
  });

  test('escaping (default true) percent-encodes brackets in the URL; Stripe still reads expand[]', () => {
    const { app, urlFetch, stripe } = setup();
    const session = stripe.createCheckoutSession({
      mode: 'payment',
      line_items: [{ price_data: { currency: 'eur', unit_amount: 1000, product_data: { name: 'A' } }, quantity: 1 }],
    });
    const res = app.fetch(`${API}/v1/checkout/sessions/${session.id}?expand[]=line_items`, { headers: AUTH });
    expect(urlFetch.log()[0].url).toBe(`${API}/v1/checkout/sessions/${session.id}?expand%5B%5D=line_items`);
    expect(JSON.parse(res.getContentText()).line_items.object).toBe('list');
    app.fetch(`${API}/v1/checkout/sessions/${session.id}?expand[]=line_items`, { headers: AUTH, escaping: false });
    expect(urlFetch.log()[1].url).toContain('?expand[]=line_items');
  });
});

describe('HTTPResponse (http-response)', () => {
  function customerResponse() {
    const ctx = setup();
    const res = ctx.app.fetch(`${API}/v1/customers`, { method: 'post', payload: 'name=%C3%89l%C3%A8ve', headers: AUTH });
    return { ...ctx, res };
  }

  test('getContent() returns signed bytes (É is -61, -119 in UTF-8)', () => {
    const { res } = customerResponse();
    const bytes = res.getContent();
    const text = res.getContentText();
    expect(bytes).toHaveLength(Buffer.byteLength(text, 'utf8'));
    expect(bytes.some((b) => b < 0)).toBe(true);
    const at = Buffer.from(text, 'utf8').indexOf(Buffer.from('É', 'utf8'));
    expect(bytes.slice(at, at + 2)).toEqual([-61, -119]);
  });

  test('getContentText(charset) decodes with that charset', () => {
    const { res } = customerResponse();
    expect(res.getContentText()).toContain('"name": "Élève"');
    expect(res.getContentText('ISO-8859-1')).toContain('"name": "Ã\u0089lÃ¨ve"');
  });

  test("getHeaders()/getAllHeaders(): Stripe's response headers (Content-Type, Request-Id, Stripe-Version)", () => {
    const { res } = customerResponse();
    const headers = res.getHeaders();
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers['Request-Id']).toMatch(/^req_[0-9A-Za-z]{14}$/);
    expect(headers['Stripe-Version']).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(res.getAllHeaders()).toEqual(headers);
  });

  test('getBlob() holds the body with the response content type; getAs() of the same type copies it', () => {
    const { res } = customerResponse();
    const blob = res.getBlob();
    expect(blob.getContentType()).toBe('application/json');
    expect(blob.getDataAsString()).toBe(res.getContentText());
    expect(res.getAs('application/json').getDataAsString()).toBe(res.getContentText());
  });

  test('String(response) and JSON.parse(response) read the content, as in Apps Script', () => {
    const { res } = customerResponse();
    expect(JSON.parse(res as unknown as string).object).toBe('customer');
    expect(String(res)).toBe(res.getContentText());
  });
});

describe('fetchAll and getRequest', () => {
  test('fetchAll(requests) sends strings and request objects, answers in order', () => {
    const { app, stripe } = setup();
    stripe.addKey('sk_test_other');
    const responses = app.fetchAll([
      { url: `${API}/v1/events`, headers: AUTH },
      { url: `${API}/v1/customers`, method: 'post', payload: 'email=a%40example.com', headers: AUTH },
    ]);
    expect(responses.map((r) => r.getResponseCode())).toEqual([200, 200]);
    expect(JSON.parse(responses[1].getContentText()).object).toBe('customer');
  });

  test('fetchAll: one failure throws once every request has been sent', () => {
    const { app, urlFetch } = setup();
    const error = thrown(() => app.fetchAll([`${API}/v1/events`, { url: `${API}/v1/events`, headers: AUTH }]));
    expect(error.message).toMatch(/returned code 401/);
    expect(urlFetch.log()).toHaveLength(2);
  });

  test('fetchAll costs one round trip of latency, fetch one per call', () => {
    const { app, rt } = setup();
    const t0 = rt.clock.now();
    app.fetchAll([
      { url: `${API}/v1/events`, headers: AUTH },
      { url: `${API}/v1/events`, headers: AUTH },
      { url: `${API}/v1/events`, headers: AUTH },
    ]);
    expect(rt.clock.now() - t0).toBe(250);
    app.fetch(`${API}/v1/events`, { headers: AUTH });
    expect(rt.clock.now() - t0).toBe(500);
    expect(rt.accounting.total('UrlFetchApp')).toBe(2);
  });

  test('getRequest(url, params) returns the request without sending it (url, method, contentType, payload, headers)', () => {
    const { app, urlFetch, stripe } = setup();
    const request = app.getRequest(`${API}/v1/customers`, { method: 'post', payload: { email: 'a@example.com', metadata: { k: 'v' } }, headers: AUTH });
    expect(request).toMatchObject({
      url: `${API}/v1/customers`,
      method: 'post',
      contentType: 'application/x-www-form-urlencoded',
      payload: 'email=a%40example.com&metadata=%5Bobject+Object%5D',
      headers: AUTH,
    });
    expect(urlFetch.log()).toHaveLength(0);
    expect(stripe.requests()).toHaveLength(0);
  });
});

describe('quota and the emulator', () => {
  test('past the daily quota: "Service invoked too many times for one day: urlfetch."; the next day it works again', () => {
    const { app, urlFetch, rt } = setup();
    urlFetch.setDailyQuota(2);
    app.fetch(`${API}/v1/events`, { headers: AUTH });
    app.fetch(`${API}/v1/events`, { headers: AUTH });
    expect(thrown(() => app.fetch(`${API}/v1/events`, { headers: AUTH })).message).toBe('Service invoked too many times for one day: urlfetch.');
    rt.clock.advance(24 * 60 * 60 * 1000);
    expect(app.fetch(`${API}/v1/events`, { headers: AUTH }).getResponseCode()).toBe(200);
  });

  test('the Emulator installs UrlFetchApp wired to its FakeStripe', () => {
    const emulator = new Emulator();
    const app = emulator.globals().UrlFetchApp as FakeUrlFetchApp;
    const res = app.fetch(`${API}/v1/customers`, { method: 'post', payload: 'email=a%40example.com', headers: AUTH });
    expect(emulator.stripe.objects('customer')[0].id).toBe(JSON.parse(res.getContentText()).id);
  });
});
