import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Whether this module file is the script node was started with (a bench part run on its own). */
export const isMainScript = (moduleFile: string) => Boolean(process.argv[1]) && path.resolve(process.argv[1]) === path.resolve(moduleFile);

/** The value after `--name` on the command line. */
export function argOf(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/**
 * Run a bench part in a process of its own (so what it measures, memory or stalls, is its own and not what
 * the parts before it left behind). The part prints its result as JSON on its last line; `echo` shows the
 * lines before it.
 */
export function runBenchPartInChild<T>(script: string, args: string[], options: { nodeFlags?: string[]; echo?: boolean } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let last = '';
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (options.echo) console.log(line);
      last = line;
    });
    child.once('error', reject);
    // 'close', not 'exit': only then has all of the child's output been read.
    child.once('close', (code) => {
      try {
        if (code !== 0) throw new Error(`${script} exited ${code}`);
        resolve(JSON.parse(last) as T);
      } catch (error) {
        reject(error);
      }
    });
  });
}
