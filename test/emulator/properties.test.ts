// PropertiesService (developers.google.com/apps-script/reference/properties/properties,
// quotas: developers.google.com/apps-script/guides/services/quotas).
import { DAILY_QUOTA, MAX_STORE_BYTES, PropertiesServiceEmu, STORE_QUOTA, VALUE_TOO_LARGE } from '../../emulator/src/properties';
import { Runtime } from '../../emulator/src/runtime';

function setup() {
  const rt = new Runtime();
  const service = new PropertiesServiceEmu(rt);
  const PropertiesService = service.globals().PropertiesService as {
    getScriptProperties(): GoogleAppsScript.Properties.Properties;
    getUserProperties(): GoogleAppsScript.Properties.Properties;
    getDocumentProperties(): GoogleAppsScript.Properties.Properties;
  };
  return { rt, service, PropertiesService };
}

describe('Properties (reference: properties/properties)', () => {
  test('getProperty returns null for a missing key', () => {
    const { PropertiesService } = setup();
    expect(PropertiesService.getScriptProperties().getProperty('NOPE')).toBeNull();
  });

  test('setProperty stores strings; a number is stored as its string', () => {
    const { PropertiesService, service } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('A', 'x').setProperty('N', 42 as unknown as string);
    expect(props.getProperty('N')).toBe('42');
    expect(typeof props.getProperty('N')).toBe('string');
    expect(service.scriptStore().get('A')).toBe('x');
  });

  test('setProperties merges, or replaces everything with deleteAllOthers', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperties({ a: '1', b: '2' });
    props.setProperties({ c: '3' });
    expect(props.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
    props.setProperties({ d: '4' }, true);
    expect(props.getProperties()).toEqual({ d: '4' });
  });

  test('getProperties and getKeys return copies: mutating them changes nothing', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('k', 'v');
    const all = props.getProperties();
    all.k = 'changed';
    const keys = props.getKeys();
    keys.push('ghost');
    expect(props.getProperty('k')).toBe('v');
    expect(props.getKeys()).toEqual(['k']);
  });

  test('deleteProperty and deleteAllProperties', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperties({ a: '1', b: '2' });
    props.deleteProperty('a');
    expect(props.getKeys()).toEqual(['b']);
    props.deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
  });

  test('script, user and document stores are separate', () => {
    const { PropertiesService } = setup();
    PropertiesService.getScriptProperties().setProperty('k', 'script');
    PropertiesService.getUserProperties().setProperty('k', 'user');
    PropertiesService.getDocumentProperties().setProperty('k', 'doc');
    expect(PropertiesService.getScriptProperties().getProperty('k')).toBe('script');
    expect(PropertiesService.getUserProperties().getProperty('k')).toBe('user');
    expect(PropertiesService.getDocumentProperties().getProperty('k')).toBe('doc');
  });

  test("user properties belong to the effective user: an anonymous web-app visitor shares the owner's", () => {
    const { rt, PropertiesService } = setup();
    PropertiesService.getUserProperties().setProperty('pref', 'owner');
    rt.beginExecution({ kind: 'anonymous' }, 'doGet');
    expect(PropertiesService.getUserProperties().getProperty('pref')).toBe('owner');
  });

  test('a value over 9 KB fails with "Argument too large: value" and is not stored', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(VALUE_TOO_LARGE);
    expect(props.getProperty('big')).toBeNull();
  });

  test('the 9 KB limit counts UTF-8 bytes, not characters', () => {
    const { PropertiesService } = setup();
    expect(() => PropertiesService.getScriptProperties().setProperty('e', 'é'.repeat(5000))).toThrow(VALUE_TOO_LARGE);
  });

  test('a store over 500 KB fails with the property storage quota message and keeps its previous content', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    const value = 'x'.repeat(9000);
    let i = 0;
    for (; (i + 1) * 9005 < MAX_STORE_BYTES; i += 1) props.setProperty(`k${String(i).padStart(3, '0')}`, value);
    expect(STORE_QUOTA).toBe('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(() => props.setProperty('overflow', value)).toThrow(STORE_QUOTA);
    expect(props.getProperty('overflow')).toBeNull();
    expect(props.getKeys()).toHaveLength(i);
  });

  test('setProperties with one oversized value stores none of the batch', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    expect(() => props.setProperties({ small: 'a', big: 'x'.repeat(10000) })).toThrow(VALUE_TOO_LARGE);
    expect(props.getKeys()).toEqual([]);
  });

  test('every method is a counted PropertiesService call', () => {
    const { rt, PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.getProperty('a');
    props.setProperty('a', 'b');
    expect(rt.accounting.total('PropertiesService.Properties')).toBe(2);
  });

  test('reads and writes count against the daily quota (50,000 on a consumer account), reset the next day', () => {
    const { rt, service, PropertiesService } = setup();
    service.setDailyQuota(3);
    const props = PropertiesService.getScriptProperties();
    props.setProperty('a', '1');
    props.getProperty('a');
    PropertiesService.getUserProperties().getProperties();
    expect(service.usedToday()).toBe(3);
    expect(() => props.getProperty('a')).toThrow(DAILY_QUOTA);
    expect(() => props.setProperty('b', '2')).toThrow(DAILY_QUOTA);
    expect(service.scriptStore().has('b')).toBe(false);
    rt.clock.set(rt.clock.now() + 24 * 60 * 60 * 1000);
    expect(props.getProperty('a')).toBe('1');
  });

  test('save() / load() round trip keeps every store', () => {
    const { PropertiesService, service } = setup();
    PropertiesService.getScriptProperties().setProperty('WEBHOOK_TOKEN', 't0k');
    PropertiesService.getUserProperties().setProperty('u', '1');
    PropertiesService.getDocumentProperties().setProperty('d', '2');
    const saved = JSON.parse(JSON.stringify(service.save()));
    const other = setup();
    other.service.load(saved);
    expect(other.service.scriptStore().get('WEBHOOK_TOKEN')).toBe('t0k');
    expect(other.PropertiesService.getUserProperties().getProperty('u')).toBe('1');
    expect(other.PropertiesService.getDocumentProperties().getProperty('d')).toBe('2');
  });
});
