/**
 * Group commit for writes that serialize on one lock anyway (the SCIM creates of one directory,
 * under its organization's row lock): the first item for a key runs at once; items for that key
 * that arrive while it runs wait, and then run together, as one batch (at most `maxBatch`), so a
 * burst pays for one transaction, one lock and one state recompute instead of one each.
 *
 * `run` settles each item of a batch on its own: one item's failure is that item's answer. A batch
 * that throws rejects all its items with that error. Within one process only: across instances
 * the lock still serializes, each instance batching its own requests.
 */
export function groupCommit<I, O>(run: (items: I[]) => Promise<PromiseSettledResult<O>[]>, maxBatch = 32) {
  type Waiter = { item: I; resolve: (value: O) => void; reject: (reason: unknown) => void };
  const queues = new Map<string, Waiter[]>();
  /** Batches run and items in them, since the process started (the benchmark prints them). */
  const stats = { batches: 0, items: 0 };

  async function drain(key: string, queue: Waiter[]) {
    while (queue.length) {
      const batch = queue.splice(0, maxBatch);

      stats.batches += 1;
      stats.items += batch.length;
      try {
        const settled = await run(batch.map((waiter) => waiter.item));
        batch.forEach((waiter, index) => {
          const result = settled[index];
          if (!result) waiter.reject(new Error('The batch returned no result for this item.'));
          else if (result.status === 'fulfilled') waiter.resolve(result.value);
          else waiter.reject(result.reason);
        });
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    queues.delete(key);
  }

  const submit = (key: string, item: I) =>
    new Promise<O>((resolve, reject) => {
      const running = queues.get(key);
      if (running) {
        running.push({ item, resolve, reject });
        return;
      }
      const queue: Waiter[] = [{ item, resolve, reject }];
      queues.set(key, queue);
      void drain(key, queue);
    });
  return Object.assign(submit, { stats });
}
