/**
 * Entry point, compiled to dist/server/main.js by scripts/build.mjs (`npm start`, `npm run serve`) or run from source
 * (`node --import tsx server/src/main.ts`). Configuration comes from the environment (config.ts).
 */
import { ConfigError, parseConfig } from './config.ts';
import { consoleLogger } from './log.ts';
import { startServer } from './server.ts';

/** The address a person can open: a wildcard listen address is reachable as localhost on this machine. */
function toDisplayUrl(url: string, publicUrl: string | null): string {
  if (publicUrl) return publicUrl;
  return url.replace('//0.0.0.0:', '//localhost:').replace('//[::]:', '//localhost:');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Samenzicht kan niet starten: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const server = await startServer(config, { log: consoleLogger });
  console.log(`Samenzicht draait op ${toDisplayUrl(server.url, config.publicUrl)}`);
  if (config.publicUrl === null && !isLoopback(config.host)) {
    // Reachable from other machines, so links should name the address people use, and https behind a proxy.
    console.log(
      'Let op: PUBLIC_URL is niet gezet. Links gebruiken dan het adres uit de aanvraag, altijd met http://. ' +
        'Zet PUBLIC_URL (bijvoorbeeld https://samenzicht.example.nl) als anderen deze server gebruiken.',
    );
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      // A second Ctrl+C: the person wants out now.
      process.exit(1);
    }
    stopping = true;
    consoleLogger.info(`${signal}: alles opslaan en stoppen`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        consoleLogger.error('stoppen ging mis', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  consoleLogger.error('Samenzicht kan niet starten', error);
  process.exit(1);
});
