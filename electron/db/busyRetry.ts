/**
 * Another program (the command line, a second process on the same data folder) may hold the database's write
 * lock longer than the connection's busy timeout on a slow, loaded machine. A transaction refused with
 * SQLITE_BUSY changed nothing (it rolled back), so it can simply be run again: `retryWhenBusy` does that a few
 * times with a growing, jittered pause before giving up with the same error.
 */
export async function retryWhenBusy<T>(attempt: () => Promise<T>, tries = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const code = (error as { code?: string } | null)?.code;
      if (i >= tries || (code !== 'SQLITE_BUSY' && code !== 'SQLITE_BUSY_SNAPSHOT')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * i + Math.random() * 100));
    }
  }
}
