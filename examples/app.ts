// `npm start`: the example app on http://localhost:3000 (or $PORT), with the provider emulator
// and a local OpenID provider beside it on free loopback ports, offline.
import { startExampleApp } from './server.js';

const port = Number(process.env['PORT'] ?? 3000);
const app = await startExampleApp({ port });
console.log(`passport-kit example app: ${app.url}  (provider emulator: ${app.emulator.url}; Ctrl-C to stop)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
