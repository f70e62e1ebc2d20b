// Lets Node run the TypeScript of emulator/ and bench/ directly (transpile only; `npm run typecheck` checks types).
const ts = require('typescript');
const fs = require('node:fs');

require.extensions['.ts'] = function register(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, sourceMap: false },
  });
  module._compile(outputText, filename);
};
