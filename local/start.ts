// `npm start`: the local server (see server.ts). Options: --port N (or PORT), --reset.
import { startServer } from './server';
import { LocalError } from './state';

function parseArgs(argv: string[]): { port: number; reset: boolean } {
  let port = process.env.PORT ? Number(process.env.PORT) : 8080;
  let reset = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--reset') reset = true;
    else if (arg === '--port') port = Number(argv[++i]);
    else if (arg.startsWith('--port=')) port = Number(arg.slice('--port='.length));
    else throw new LocalError(`Option inconnue : ${arg}. Options : --port N, --reset.`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new LocalError('Port invalide : un nombre entre 1 et 65535, par exemple --port 8080.');
  return { port, reset };
}

async function main(): Promise<void> {
  const server = await startServer(parseArgs(process.argv.slice(2)));
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof LocalError) console.error(`\n${error.message}\n`);
  else console.error(error);
  process.exit(1);
});
