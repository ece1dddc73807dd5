import { createInterface } from 'node:readline';

/** Output for a person, or one JSON document with --json. Failures: a message and a non-zero exit. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1, readonly code = 'CLI_ERROR') {
    super(message);
  }
}

/** LEDGER_PASSWORD, else ask on the terminal without echo; refuse when there is no terminal to ask on. */
export async function readPassword(prompt: string): Promise<string> {
  const fromEnv = process.env.LEDGER_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new CliError('需要密码：请设置环境变量 LEDGER_PASSWORD，或在终端中运行以便输入', 2);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(prompt);
  muted._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}
