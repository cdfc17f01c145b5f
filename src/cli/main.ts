import { Command, Option } from 'commander';
import { loadConfig } from '../config.js';
import { runImport } from './import-command.js';

/**
 * The `syndicard` command. Like main.ts it reads the environment (through loadConfig) and nothing below it does.
 */
export function buildCli(): Command {
  const program = new Command('syndicard')
    .description('Feeds and social preview cards for newsroom article records')
    .showHelpAfterError();

  program
    .command('import')
    .description('validate and import article records from a .json or .ndjson file, or - for standard input')
    .argument('<file>', 'a JSON file (one record or an array), an NDJSON file (one record a line), or -')
    .option('--strict', 'import nothing if any record is invalid', false)
    .addOption(new Option('--format <format>', 'override the format guessed from the file').choices(['json', 'ndjson']))
    .action(async (file: string, options: { strict: boolean; format?: 'json' | 'ndjson' }) => {
      const config = loadConfig(process.env, process.cwd());
      process.exitCode = await runImport(file, options, config, process);
    });

  return program;
}

buildCli()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.stderr.write(`syndicard: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
