import { describe, expect, it } from 'vitest';
import { groupCommit } from '@/lib/db/batch';

/** A batch runner that records each batch and waits for `release` before settling it. */
function recorder(settle: (item: string) => PromiseSettledResult<string> = (item) => ({ status: 'fulfilled', value: item.toUpperCase() })) {
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  const run = groupCommit<string, string>(async (items) => {
    batches.push(items);
    await new Promise<void>((release) => gates.push(release));
    return items.map(settle);
  }, 3);
  const releaseNext = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()!();
  };
  return { run, batches, releaseNext };
}

describe('groupCommit', () => {
  it('runs the first item at once, and the items that arrive meanwhile together, in order, at most maxBatch at a time', async () => {
    const { run, batches, releaseNext } = recorder();
    const results = ['a', 'b', 'c', 'd', 'e'].map((item) => run('k', item));
    expect(batches).toEqual([['a']]);
    await releaseNext();
    await releaseNext();
    await releaseNext();
    expect(await Promise.all(results)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(batches).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    expect(run.stats).toEqual({ batches: 3, items: 5 });
  });

  it('never mixes keys: another key runs beside, not behind', async () => {
    const { run, batches, releaseNext } = recorder();
    const first = run('one', 'a');
    const other = run('two', 'b');
    expect(batches).toEqual([['a'], ['b']]);
    await releaseNext();
    await releaseNext();
    expect([await first, await other]).toEqual(['A', 'B']);
  });

  it('keeps a failure with its own item', async () => {
    const { run, releaseNext } = recorder((item) =>
      item === 'bad' ? { status: 'rejected', reason: new Error('refused: bad') } : { status: 'fulfilled', value: item },
    );
    const head = run('k', 'head');
    const results = ['x', 'bad', 'y'].map((item) => run('k', item).catch((error: Error) => error.message));
    await releaseNext();
    await releaseNext();
    expect(await head).toBe('head');
    expect(await Promise.all(results)).toEqual(['x', 'refused: bad', 'y']);
  });

  it('rejects every item of a batch that throws, and the next batch still runs', async () => {
    let calls = 0;
    const run = groupCommit<number, number>(async (items) => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
      return items.map((value) => ({ status: 'fulfilled', value: value * 2 }));
    });
    await expect(run('k', 1)).rejects.toThrow('connection lost');
    expect(await run('k', 2)).toBe(4);
  });
});
