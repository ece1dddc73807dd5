import { describe, expect, it } from 'vitest';
import { latestQueryRunner } from '../../../renderer/src/components/list/latestQuery';

/** A service whose answers the test releases one by one. */
function slowService() {
  const sent: string[] = [];
  const pending: Array<() => void> = [];
  return {
    sent,
    load: (q: { search: string }) =>
      new Promise<string>((resolve) => {
        sent.push(q.search);
        pending.push(() => resolve(`rows for ${q.search}`));
      }),
    /** Answer the oldest request still waiting, and let the runner go on. */
    async answer() {
      pending.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

const key = (search: string) => JSON.stringify({ search });

describe('a list sends its queries one at a time, the newest first', () => {
  it('sends a query once, however often the screen asks for it', async () => {
    const service = slowService();
    const shown: string[] = [];
    const runner = latestQueryRunner({ load: service.load, show: (_q, a) => shown.push(a), fail: () => undefined });
    runner.want(key('街道'));
    runner.want(key('街道'));
    await service.answer();
    runner.want(key('街道'));
    expect(service.sent).toEqual(['街道']);
    expect(shown).toEqual(['rows for 街道']);
  });

  it('while one request is on its way, sends only the newest of the queries typed meanwhile, and shows only its rows', async () => {
    const service = slowService();
    const shown: string[] = [];
    const runner = latestQueryRunner({ load: service.load, show: (_q, a) => shown.push(a), fail: () => undefined });
    runner.want(key('2'));
    runner.want(key('20'));
    runner.want(key('202'));
    runner.want(key('2023'));
    expect(service.sent).toEqual(['2']);
    await service.answer(); // the answer for "2" is overtaken: not shown
    expect(service.sent).toEqual(['2', '2023']);
    await service.answer();
    expect(shown).toEqual(['rows for 2023']);
    expect(runner.busy).toBe(false);
  });

  it('shows nothing once the page has gone', async () => {
    const service = slowService();
    const shown: string[] = [];
    const runner = latestQueryRunner({ load: service.load, show: (_q, a) => shown.push(a), fail: () => undefined });
    runner.want(key('青禾'));
    runner.detach();
    await service.answer();
    expect(shown).toEqual([]);
  });

  it('reports a failed request when it is the newest', async () => {
    const failures: unknown[] = [];
    const runner = latestQueryRunner<{ search: string }, string>({ load: async () => Promise.reject(new Error('无法连接本机服务')), show: () => undefined, fail: (e) => failures.push(e) });
    runner.want(key('x'));
    await new Promise((r) => setTimeout(r, 0));
    expect(failures.map((e) => (e as Error).message)).toEqual(['无法连接本机服务']);
  });
});
