import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CardQuery } from '../cards/index.js';
import { loadConfig } from '../config.js';
import { errorMessage } from '../errors.js';
import type { CardOptions } from './card-command.js';

/**
 * The `syndicard` command. Like main.ts it reads the environment (through loadConfig) and nothing below it does.
 */
export function buildCli(): Command {
  const program = new Command('syndicard')
    .description('Feeds and social preview cards for newsroom article records')
    .version(packageVersion(), '-V, --version', 'print the version of syndicard')
    .showHelpAfterError();

  program
    .command('serve')
    .description('start the service, configured from the environment exactly as `npm start` (see the README, Settings)')
    .action(async () => {
      serving = true;
      // main.js is the service's entry (`npm start` runs it): it reads the configuration, listens and handles
      // SIGTERM/SIGINT itself; this process then lives as long as the server does.
      await import('../main.js');
    });

  program
    .command('import')
    .description('validate and import article records from a .json or .ndjson file, or - for standard input')
    .argument('<file>', 'a JSON file (one record or an array), an NDJSON file (one record a line), or -')
    .option('--strict', 'import nothing if any record is invalid (all are validated before the first write)', false)
    .addOption(new Option('--format <format>', 'override the format guessed from the file').choices(['json', 'ndjson']))
    .addOption(
      new Option('--batch-size <n>', 'records per transaction; the server can write between batches')
        .argParser(positiveInteger)
        .default(500),
    )
    .action(async (file: string, options: { strict: boolean; format?: 'json' | 'ndjson'; batchSize: number }) => {
      const config = loadConfig(process.env, process.cwd());
      // Commands load their modules on demand: `import` should not pay for satori, resvg and sharp.
      const { runImport } = await import('./import-command.js');
      process.exitCode = await runImport(file, options, config, process);
    });

  program
    .command('check')
    .description("verify the article store with SQLite's integrity_check: exit 0 when sound, 1 when damaged")
    .argument('[file]', 'a store file to check instead of DATA_DIR/syndicard.db (a backup before restoring it)')
    .action(async (file: string | undefined) => {
      const config = loadConfig(process.env, process.cwd());
      const { runCheck } = await import('./store-commands.js');
      process.exitCode = await runCheck(file ?? join(config.dataDir, 'syndicard.db'), process);
    });

  program
    .command('backup')
    .description('write a consistent copy of the article store to <file> (online: safe while the server runs)')
    .argument('<file>', 'where to write the copy; must not exist yet')
    .action(async (file: string) => {
      const config = loadConfig(process.env, process.cwd());
      const { runBackup } = await import('./store-commands.js');
      process.exitCode = await runBackup(join(config.dataDir, 'syndicard.db'), file, process);
    });

  program
    .command('card')
    .description('render the card of an article (a record file or a stored id) exactly as the server would')
    .argument('<article>', 'an article record file (.json) or the id of a stored article')
    .requiredOption('-o, --output <file>', 'where to write the image (.png or .jpg)')
    .addOption(new Option('--format <format>', 'image format (default: from the file name)').choices(['png', 'jpeg']))
    .addOption(new Option('--template <template>', "card template (default: the site's)").choices(['photo', 'plain']))
    .option('--lang <tag>', "BCP 47 language of the card (default: the article's, else the site's)")
    .action(async (source: string, options: CardOptions) => {
      const config = loadConfig(process.env, process.cwd());
      const { runCard } = await import('./card-command.js');
      process.exitCode = await runCard(source, options, config, process);
    });

  program
    .command('sign')
    .description('print a signed ad-hoc card URL (/og.png or /og.jpg) using the first SYNDICARD_SIGNING_KEYS key')
    .requiredOption('--headline <text>', 'the headline (at most 300 characters)')
    .option('--credit <text>', 'the photo credit')
    .option('--image <url>', 'the photo URL')
    .option('--site <name>', "the site name shown (default: the site's)")
    .addOption(new Option('--template <template>', 'card template').choices(['photo', 'plain']))
    .addOption(new Option('--format <format>', 'image format').choices(['png', 'jpeg']).default('png'))
    .option('--base-url <url>', "the server's public URL (default: SYNDICARD_BASE_URL, else http://HOST:PORT)")
    .option('--lang <tag>', "the headline's BCP 47 language, e.g. he, ar, zh-TW (default: detected from the text)")
    .action(async (options: CardQuery & { format: 'png' | 'jpeg'; baseUrl?: string }) => {
      const { AD_HOC_DISABLED_MESSAGE, signCardUrl } = await import('../cards/signing.js');
      const { serverAddress } = await import('./server-address.js');
      const { checkLanguageOption } = await import('./language-option.js');
      checkLanguageOption(options.lang);
      const config = loadConfig(process.env, process.cwd());
      const key = config.cards.signingKeys[0];
      if (!key) throw new Error(AD_HOC_DISABLED_MESSAGE);
      const { format, baseUrl: flag, ...query } = options;
      const server = serverAddress(config, process.env, flag);
      // The URL alone on stdout (for $(…)); where its address came from on stderr.
      process.stderr.write(`syndicard: URL for the server at ${server.url} (from ${server.source})\n`);
      process.stdout.write(`${signCardUrl(query, { baseUrl: server.url, key, format })}\n`);
    });

  return program;
}

/** From package.json beside src/ and dist/ (both are two levels below it), read only when the CLI starts. */
function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return version;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`must be a whole number of at least 1, got "${value}"`);
  }
  return n;
}

/** Set by `serve`, the one command whose process outlives its action. */
let serving = false;

/**
 * A one-shot command ends its process as soon as its output is out: Node's own exit after an empty event loop first
 * tears the heap and every native module down, ~30 ms of a cold `syndicard card` here (issue 11, docs/performance.md
 * "CLI"). The write callbacks run once stdout and stderr have taken everything written, pipes included.
 */
function endOneShot(): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit()));
}

buildCli()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.stderr.write(`syndicard: ${errorMessage(err)}\n`);
    process.exitCode = 1;
  })
  .then(() => {
    if (!serving) endOneShot();
  });
