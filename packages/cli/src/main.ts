/**
 * The `juesuan` entry. `--version` alone is answered from the manifest before commander and the
 * command definitions load, as a script asking for the version should not wait for them; any other
 * call runs the command line (program.ts).
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${cliVersion()}\n`);
} else {
  const { runProgram } = await import('./program');
  await runProgram(cliVersion());
}

function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return manifest.version;
}
