// Builds src/main.ts into dist/Code.js for Apps Script.
// All code lives inside one IIFE (so no helper becomes a global that google.script.run could call);
// each export of src/main.ts is re-declared at top level as a plain `function name() {}`.
import typescript from '@rollup/plugin-typescript';
import { readFileSync, mkdirSync, copyFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_ENTRY_POINTS } from './scripts/contract.mjs';

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
      const wrappers = chunk.exports
        .map((name) => `function ${name}() {\n  return ${NAMESPACE}.${name}.apply(this, arguments);\n}`)
        .join('\n');
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

export default {
  input: 'src/main.ts',
  output: { file: 'dist/Code.js', format: 'iife', name: NAMESPACE, generatedCode: 'es2015', indent: '  ' },
  treeshake: { moduleSideEffects: false },
  plugins: [typescript({ tsconfig: 'tsconfig.build.json', noEmitOnError: true }), appsScriptEntryPoints()],
};
