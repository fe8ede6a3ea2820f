import { describe, expect, it } from 'vitest';
import { createBatcher, type BatchRunner } from './batcher';

/** A runner that records its batches and answers when told to. */
function recordingRunner<I, O>(answer: (input: I) => O | Error) {
  const batches: I[][] = [];
  const gates: (() => void)[] = [];
  let holding = false;
  const run: BatchRunner<I, O> = async (inputs) => {
    batches.push([...inputs]);
    if (holding) await new Promise<void>((release) => gates.push(release));
    return inputs.map(answer);
  };
  return {
    run,
    batches,
    hold() {
      holding = true;
    },
    releaseAll() {
      holding = false;
      for (const release of gates.splice(0)) release();
    },
  };
}

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const settleAll = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);

describe('batcher', () => {
  it('sends the calls of one turn as one batch and gives each call its own output', async () => {
    const r = recordingRunner((n: number) => n * 10);
    const b = createBatcher(r.run, { maxBatch: 64, maxInFlight: 2 });
    const out = await Promise.all([1, 2, 3].map((n) => b.run(n)));
    expect(out).toEqual([10, 20, 30]);
    expect(r.batches).toEqual([[1, 2, 3]]);
  });

  it('splits a queue longer than maxBatch', async () => {
    const r = recordingRunner((n: number) => n);
    const b = createBatcher(r.run, { maxBatch: 2, maxInFlight: 4 });
    await Promise.all([1, 2, 3, 4, 5].map((n) => b.run(n)));
    expect(r.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('holds new calls while maxInFlight batches are out, then sends them together', async () => {
    const r = recordingRunner((n: number) => n);
    r.hold();
    const b = createBatcher(r.run, { maxBatch: 64, maxInFlight: 1 });
    const first = b.run(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((n) => b.run(n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.batches).toEqual([[1]]);
    r.releaseAll();
    await first;
    // The held calls go out as soon as the batch in flight returns; let that one through too.
    await new Promise((resolve) => setImmediate(resolve));
    r.releaseAll();
    expect(await Promise.all(later)).toEqual([2, 3, 4]);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
  });

  it("sends the batch that waited before the returning batch's callers go on", async () => {
    const order: string[] = [];
    const r = recordingRunner((n: number) => n);
    const b = createBatcher<number, number>(
      async (inputs) => {
        order.push(`batch ${inputs.join(',')}`);
        return r.run(inputs);
      },
      { maxBatch: 64, maxInFlight: 1 },
    );
    r.hold();
    const first = b.run(1).then(() => order.push('caller 1 goes on'));
    await new Promise((resolve) => setImmediate(resolve));
    const second = b.run(2);
    await new Promise((resolve) => setImmediate(resolve));
    r.releaseAll();
    await first;
    r.releaseAll();
    await second;
    // The waiting batch leaves at once, not after caller 1's work (a response to build and write) nor a turn later.
    expect(order).toEqual(['batch 1', 'batch 2', 'caller 1 goes on']);
  });

  it('fails only the call whose output is an Error', async () => {
    const r = recordingRunner((n: number) => (n === 2 ? new Error('not found') : n));
    const b = createBatcher(r.run, { maxBatch: 64, maxInFlight: 2 });
    const [one, two, three] = await settleAll([1, 2, 3].map((n) => b.run(n)));
    expect(one).toEqual({ status: 'fulfilled', value: 1 });
    expect(two).toMatchObject({ status: 'rejected', reason: { message: 'not found' } });
    expect(three).toEqual({ status: 'fulfilled', value: 3 });
  });

  it('runs each input alone after a data error (SQLSTATE 22/23), so only the guilty input fails', async () => {
    const batches: number[][] = [];
    const b = createBatcher(
      async (inputs: readonly number[]) => {
        batches.push([...inputs]);
        if (inputs.includes(2)) throw pgError('23503');
        return inputs;
      },
      { maxBatch: 64, maxInFlight: 2 },
    );
    const results = await settleAll([1, 2, 3].map((n) => b.run(n)));
    expect(results.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: { code: '23503' } });
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('runs those retries one after another, within the batch’s place in maxInFlight', async () => {
    let running = 0;
    let most = 0;
    const b = createBatcher(
      async (inputs: readonly number[]) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running--;
        if (inputs.length > 1) throw pgError('22P02');
        return inputs;
      },
      { maxBatch: 64, maxInFlight: 1 },
    );
    expect(await Promise.all([1, 2, 3, 4].map((n) => b.run(n)))).toEqual([1, 2, 3, 4]);
    expect(most).toBe(1);
  });

  it('fails every call of the batch on any other error, without running them again', async () => {
    const batches: number[][] = [];
    const b = createBatcher(
      async (inputs: readonly number[]) => {
        batches.push([...inputs]);
        throw Object.assign(new Error('Connection terminated'), { code: 'ECONNRESET' });
      },
      { maxBatch: 64, maxInFlight: 2 },
    );
    const results = await settleAll([1, 2].map((n) => b.run(n)));
    expect(results.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    expect(batches).toEqual([[1, 2]]);
  });

  it('refuses a runner that answers a different number of outputs', async () => {
    const b = createBatcher(async () => [1], { maxBatch: 64, maxInFlight: 2 });
    const results = await settleAll([1, 2].map((n) => b.run(n)));
    expect(results.map((x) => x.status)).toEqual(['rejected', 'rejected']);
  });

  it('frees its place after each way a batch can end, so a call waiting behind it is sent (maxInFlight 1)', async () => {
    // Each runner's first batch ends one way; a call queued while it is out must still be answered.
    const endings: Record<string, (inputs: readonly number[]) => readonly number[]> = {
      'data error, then retries': (inputs) => {
        if (inputs.length > 1) throw pgError('23505');
        return inputs;
      },
      'wrong number of outputs': (inputs) => (inputs.length > 1 ? [0] : inputs),
      'other error': (inputs) => {
        if (inputs.length > 1) throw new Error('down');
        return inputs;
      },
    };
    for (const [ending, answer] of Object.entries(endings)) {
      const b = createBatcher(
        async (inputs: readonly number[]) => {
          await new Promise((resolve) => setTimeout(resolve, 2));
          return answer(inputs);
        },
        { maxBatch: 64, maxInFlight: 1 },
      );
      const first = settleAll([1, 2].map((n) => b.run(n)));
      await new Promise((resolve) => setImmediate(resolve));
      const waiting = b.run(3);
      await first;
      await expect(waiting, ending).resolves.toBe(3);
    }
  });

  it('keeps working after a failed batch', async () => {
    let fail = true;
    const b = createBatcher(
      async (inputs: readonly number[]) => {
        if (fail) throw new Error('down');
        return inputs;
      },
      { maxBatch: 64, maxInFlight: 1 },
    );
    await expect(b.run(1)).rejects.toThrow('down');
    fail = false;
    await expect(b.run(2)).resolves.toBe(2);
  });
});
