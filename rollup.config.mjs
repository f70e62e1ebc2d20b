// Builds src/main.ts into dist/Code.js for Apps Script.
// All code lives inside one IIFE (so no helper becomes a global that google.script.run could call);
// each export of src/main.ts is re-declared at top level as a plain `function name() {}`.
import typescript from '@rollup/plugin-typescript';
import { readFileSync, mkdirSync, copyFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_ENTRY_POINTS } from './scripts/contract.mjs';
import ts from 'typescript';

const NAMESPACE = 'Carnet_';

function appsScriptEntryPoints() {
  return {
    name: 'apps-script-entry-points',
    renderChunk(code, chunk) {
      const source = readFileSync('src/main.ts', 'utf8');
      const problems = [];
      for (const name of chunk.exports) {
        if (!new RegExp(`^export function ${name}\\(`, 'm').test(source)) {
          problems.push(`${name}: export it as "export function ${name}(...)", not an alias or a const`);
        }
      }
      for (const name of CONTRACT_ENTRY_POINTS) {
        if (!chunk.exports.includes(name)) problems.push(`${name}: contract entry point missing from src/main.ts`);
      }
      if (problems.length) this.error(`Entry points are wrong:\n  ${problems.join('\n  ')}`);
      const wrappers = chunk.exports.map((name) => `function ${name}() {\n  return ${NAMESPACE}.${name}.apply(this, arguments);\n}`).join('\n');
      return `${code}\n${wrappers}\n`;
    },
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        if (/^\s*(import|export)\s/m.test(file.code) || /\brequire\(/.test(file.code)) {
          this.error('dist/Code.js must not contain import, export or require');
        }
      }
    },
    writeBundle() {
      mkdirSync('dist', { recursive: true });
      copyFileSync('appsscript.json', 'dist/appsscript.json');
      if (existsSync('src/html')) {
        for (const f of readdirSync('src/html')) if (f.endsWith('.html')) copyFileSync(join('src/html', f), join('dist', f));
      }
    },
  };
}

/**
 * `virtual:cockpit-page`: the admin's page (src/pages/cockpit.html) with its CSS and its script
 * (cockpit.ts, compiled here; its imports are types only) inlined, so HtmlService serves one
 * self-contained page: no CDN, no external file. Type-checked by `tsc -p tsconfig.pages.json`.
 */
function cockpitPage() {
  const id = 'virtual:cockpit-page';
  return {
    name: 'cockpit-page',
    resolveId(source) {
      return source === id ? `\0${id}` : null;
    },
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      for (const f of ['cockpit.html', 'cockpit.css', 'cockpit.ts']) this.addWatchFile(join('src/pages', f));
      const source = readFileSync('src/pages/cockpit.ts', 'utf8');
      const { outputText, diagnostics } = ts.transpileModule(source, {
        compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ES2020, removeComments: true, verbatimModuleSyntax: false },
        reportDiagnostics: true,
      });
      if (diagnostics?.length) this.error(`src/pages/cockpit.ts: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`);
      const script = outputText.replace(/^export \{\};?\s*$/m, '');
      if (/^\s*(import|export)\s/m.test(script)) this.error('src/pages/cockpit.ts may import types only');
      const css = readFileSync('src/pages/cockpit.css', 'utf8').trim();
      const page = readFileSync('src/pages/cockpit.html', 'utf8')
        .replace('/*CARNET_CSS*/', () => css)
        // The script may not close its own element.
        .replace('/*CARNET_JS*/', () => `(function(){\n${script.replace(/<\/script/gi, '<\\/script')}\n})();`);
      return `export const COCKPIT_PAGE = ${JSON.stringify(page)};`;
    },
  };
}

export default {
  input: 'src/main.ts',
  output: { file: 'dist/Code.js', format: 'iife', name: NAMESPACE, generatedCode: 'es2015', indent: '  ' },
  treeshake: { moduleSideEffects: false },
  plugins: [cockpitPage(), typescript({ tsconfig: 'tsconfig.build.json', noEmitOnError: true }), appsScriptEntryPoints()],
};
