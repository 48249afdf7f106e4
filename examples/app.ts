// `npm start`: the example app on http://localhost:3000 (or $PORT), with the provider emulator
// and a local OpenID provider beside it on free loopback ports, offline.
import { startExampleApp, type ExampleApp } from './server.js';

const port = Number(process.env['PORT'] ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${JSON.stringify(process.env['PORT'])}`);
  process.exit(1);
}

let app: ExampleApp;
try {
  app = await startExampleApp({ port });
} catch (err) {
  const { code, message } = err as { code?: unknown; message?: unknown };
  console.error(code === 'EADDRINUSE' ? `Port ${port} is in use: start with another, e.g. PORT=${port + 10} npm start` : `Cannot start the example app: ${String(message)}`);
  process.exit(1);
}
console.log(`passport-kit example app: ${app.url}  (provider emulator: ${app.emulator.url}; Ctrl-C to stop)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
