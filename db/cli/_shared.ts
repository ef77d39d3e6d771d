import { createDb, databaseUrlFromEnv, type DbHandle } from "../client";

/** Opens the database named by DATABASE_URL (default: the SQLite file under data/). */
export function openFromEnv(): DbHandle {
  return createDb(databaseUrlFromEnv());
}

/** Runs a command-line step, printing a clear message (never a stack trace) on failure. */
export async function runCli(name: string, fn: (handle: DbHandle, args: string[]) => Promise<number | void>): Promise<void> {
  const handle = openFromEnv();
  let code = 0;
  try {
    code = (await fn(handle, process.argv.slice(2))) ?? 0;
  } catch (error) {
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  } finally {
    await handle.destroy();
  }
  process.exit(code);
}

export function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${flag}=`));
  return eq?.slice(flag.length + 1);
}
