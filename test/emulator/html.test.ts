// HtmlService (developers.google.com/apps-script/reference/html/html-service, …/html-output,
// …/html-template, guides/html/templates) and ContentService (…/content/text-output).
import * as vm from 'node:vm';
import { FakeContentService, FakeHtmlService, HtmlServices, NOTHING_RETURNED } from '../../emulator/src/html';
import { Runtime } from '../../emulator/src/runtime';

function setup() {
  const rt = new Runtime();
  const service = new HtmlServices(rt);
  const g = service.globals();
  return { rt, service, HtmlService: g.HtmlService as FakeHtmlService, ContentService: g.ContentService as FakeContentService };
}

describe('HtmlOutput (reference: html/html-output)', () => {
  test('createHtmlOutput, append, setContent, getContent', () => {
    const { HtmlService } = setup();
    const out = HtmlService.createHtmlOutput('<p>a</p>');
    out.append('<p>b</p>');
    expect(out.getContent()).toBe('<p>a</p><p>b</p>');
    expect(HtmlService.createHtmlOutput().getContent()).toBe('');
    expect(out.setContent('x').getContent()).toBe('x');
  });

  test('appendUntrusted escapes & < > " \'', () => {
    const { HtmlService } = setup();
    const out = HtmlService.createHtmlOutput('<b>').appendUntrusted(`<i>"Tom" & 'Jerry'</i>`);
    expect(out.getContent()).toBe('<b>&lt;i&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/i&gt;');
  });

  test('title, size, favicon, sandbox and X-Frame-Options modes', () => {
    const { HtmlService } = setup();
    const out = HtmlService.createHtmlOutput('x')
      .setTitle('Carnet')
      .setWidth(300)
      .setHeight(200)
      .setFaviconUrl('https://example.com/f.png')
      .setSandboxMode(HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL);
    expect([out.getTitle(), out.getWidth(), out.getHeight(), out.getFaviconUrl()]).toEqual(['Carnet', 300, 200, 'https://example.com/f.png']);
    expect(() => out.setXFrameOptionsMode('ALLOWALL')).toThrow("don't match the method signature for HtmlService.HtmlOutput.setXFrameOptionsMode");
  });

  test('addMetaTag accepts the documented names only', () => {
    const { HtmlService } = setup();
    const out = HtmlService.createHtmlOutput('x').addMetaTag('viewport', 'width=device-width, initial-scale=1');
    expect(out.getMetaTags().map((t) => [t.getName(), t.getContent()])).toEqual([['viewport', 'width=device-width, initial-scale=1']]);
    expect(() => out.addMetaTag('description', 'x')).toThrow();
  });

  test('getBlob is text/html', () => {
    const { HtmlService } = setup();
    const blob = HtmlService.createHtmlOutput('<p>é</p>').getBlob();
    expect([blob.getContentType(), blob.getDataAsString()]).toEqual(['text/html', '<p>é</p>']);
  });

  test('createHtmlOutputFromFile reads a project HTML file; an unknown name gives "No HTML file named X was found."', () => {
    const { rt, HtmlService } = setup();
    rt.projectFiles.set('Sidebar', '<h1>Carnet</h1>');
    expect(HtmlService.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<h1>Carnet</h1>');
    expect(() => HtmlService.createHtmlOutputFromFile('Missing')).toThrow('No HTML file named Missing was found.');
  });
});

describe('HtmlTemplate (reference: html/html-template, guides/html/templates)', () => {
  test('printing scriptlets <?= ?> escape, force-printing <?!= ?> do not; properties are in scope', () => {
    const { HtmlService } = setup();
    const t = HtmlService.createTemplate('<p><?= name ?></p><div><?!= raw ?></div>');
    t.name = `<script>alert("x")</script> & 'co'`;
    t.raw = '<b>bold</b>';
    expect(t.evaluate().getContent()).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p><div><b>bold</b></div>');
  });

  test('standard scriptlets <? ?> control the output (loops, conditions)', () => {
    const { HtmlService } = setup();
    const t = HtmlService.createTemplate('<ul><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?></ul><? if (empty) { ?>none<? } ?>');
    t.items = ['a', 'b'];
    t.empty = false;
    expect(t.evaluate().getContent()).toBe('<ul><li>a</li><li>b</li></ul>');
  });

  test('inside a <script> element a printing scriptlet gives a JavaScript literal that cannot close the element', () => {
    const { HtmlService } = setup();
    const t = HtmlService.createTemplate('<script>var data = <?= data ?>;</script><p><?= label ?></p>');
    t.data = { name: 'Ana</script>', n: 2 };
    t.label = '<x>';
    expect(t.evaluate().getContent()).toBe('<script>var data = {"name":"Ana\\u003c/script\\u003e","n":2};</script><p>&lt;x&gt;</p>');
  });

  test('scriptlets may write to output directly', () => {
    const { HtmlService } = setup();
    const t = HtmlService.createTemplate('a<? output.append("b"); ?>c');
    expect(t.evaluate().getContent()).toBe('abc');
  });

  test('each evaluate() runs the template again with the current properties', () => {
    const { HtmlService } = setup();
    const t = HtmlService.createTemplate('<?= n ?>');
    t.n = 1;
    const first = t.evaluate().getContent();
    t.n = 2;
    expect([first, t.evaluate().getContent()]).toEqual(['1', '2']);
  });

  test('getRawContent returns the source; getCode returns runnable code using HtmlService.initTemplate()', () => {
    const { HtmlService } = setup();
    const t = HtmlService.createTemplate('Hi <?= who ?>');
    expect(t.getRawContent()).toBe('Hi <?= who ?>');
    const code = t.getCode();
    expect(code).toContain('HtmlService.initTemplate()');
    expect(code).toMatch(/output\._\$ = +who/);
    const rebuilt = new Function('HtmlService', 'who', `return ${code}`)(HtmlService, '<Ana>') as { getContent(): string };
    expect(rebuilt.getContent()).toBe('Hi &lt;Ana&gt;');
  });

  test('createTemplateFromFile: unknown file error', () => {
    const { HtmlService } = setup();
    expect(() => HtmlService.createTemplateFromFile('Nope')).toThrow('No HTML file named Nope was found.');
  });

  test("a template calls the script's own functions (include pattern) once the script scope is bound", () => {
    const { rt, service, HtmlService } = setup();
    rt.projectFiles.set('Page', '<head><?!= include("Style"); ?></head><body><?= greet(name) ?></body>');
    rt.projectFiles.set('Style', '<style>p{}</style>');
    const context = vm.createContext({ ...service.globals() });
    vm.runInContext(
      'function include(f) { return HtmlService.createHtmlOutputFromFile(f).getContent(); }\nfunction greet(n) { return "Bonjour " + n; }',
      context,
    );
    service.bindScriptScope(context);
    const t = HtmlService.createTemplateFromFile('Page');
    t.name = 'Ana & Bob';
    expect(t.evaluate().getContent()).toBe('<head><style>p{}</style></head><body>Bonjour Ana &amp; Bob</body>');
  });

  test("unbound, the script's globals are still reached through a script object among the properties", () => {
    const { service, HtmlService } = setup();
    const context = vm.createContext({ ...service.globals() });
    vm.runInContext('function shout(s) { return s.toUpperCase(); }', context);
    const t = HtmlService.createTemplate('<?= shout(client.name) ?>');
    t.client = vm.runInContext('({ name: "ana" })', context);
    expect(t.evaluate().getContent()).toBe('ANA');
  });

  test('unbound and without script objects, an unknown name fails like a ReferenceError and Node globals stay out of reach', () => {
    const { HtmlService } = setup();
    expect(() => HtmlService.createTemplate('<?= nothingHere ?>').evaluate()).toThrow('nothingHere is not defined');
    expect(() => HtmlService.createTemplate('<?= process.pid ?>').evaluate()).toThrow('process is not defined');
    expect(HtmlService.createTemplate('<?= JSON.stringify([1]) ?>').evaluate().getContent()).toBe('[1]');
  });
});

describe('ContentService (reference: content/text-output)', () => {
  test('createTextOutput defaults to empty TEXT content', () => {
    const { ContentService } = setup();
    const out = ContentService.createTextOutput();
    expect(out.getContent()).toBe('');
    expect(out.getMimeType()).toBe(ContentService.MimeType.TEXT);
  });

  test('setMimeType takes the enum; getMimeType returns it; append and clear', () => {
    const { ContentService } = setup();
    const out = ContentService.createTextOutput('{"a":').append('1}').setMimeType(ContentService.MimeType.JSON);
    expect(out.getMimeType()).toBe(ContentService.MimeType.JSON);
    expect(out.getContent()).toBe('{"a":1}');
    expect(out.clear().getContent()).toBe('');
  });

  test('setMimeType with a MIME string does not match the method signature', () => {
    const { ContentService } = setup();
    expect(() => ContentService.createTextOutput('x').setMimeType('application/json')).toThrow(
      "The parameters (String) don't match the method signature for ContentService.TextOutput.setMimeType.",
    );
  });

  test('downloadAsFile sets the file name; getFileName is null before', () => {
    const { ContentService } = setup();
    const out = ContentService.createTextOutput('a,b');
    expect(out.getFileName()).toBeNull();
    expect(out.downloadAsFile('export.csv').getFileName()).toBe('export.csv');
  });
});

describe('describeOutput: what a doGet/doPost answer shows', () => {
  test('an HtmlOutput is served as text/html', () => {
    const { service, HtmlService } = setup();
    expect(service.describeOutput(HtmlService.createHtmlOutput('<p>ok</p>'))).toEqual({ kind: 'html', contentType: 'text/html', content: '<p>ok</p>' });
  });

  test('a TextOutput is served with its MIME type', () => {
    const { service, ContentService } = setup();
    const out = ContentService.createTextOutput('{}').setMimeType(ContentService.MimeType.JSON);
    expect(service.describeOutput(out)).toEqual({ kind: 'content', contentType: 'application/json', content: '{}' });
    expect(service.describeOutput(ContentService.createTextOutput('a')).contentType).toBe('text/plain');
  });

  test('nothing returned shows "The script completed but did not return anything."', () => {
    const { service, HtmlService } = setup();
    expect(service.describeOutput(undefined)).toEqual({ kind: 'html', contentType: 'text/html', content: NOTHING_RETURNED });
    expect(NOTHING_RETURNED).toBe('The script completed but did not return anything.');
    expect(service.describeOutput(HtmlService.createTemplate('x')).content).toBe(NOTHING_RETURNED);
  });
});
