/**
 * Micro-batching of one kind of statement across concurrent requests (docs/adr/0012-batched-intake.md).
 *
 * Each call queues its input; the queue is sent as one batch on the next turn of the event loop, so every request
 * that arrived in the same turn shares one round trip, one statement and one commit. While `maxInFlight` batches
 * are at the database, new calls wait and go together in the next batch as soon as one returns: under load the
 * batches grow by themselves, and an idle server sends a lone call at once (one `setImmediate` later).
 *
 * A batch is all or nothing at the database. When it fails with an error of the data (SQLSTATE class 22, a value
 * out of range, or 23, a constraint), one input may be the cause: each input is then run again alone, one after
 * another, so only the guilty one fails. Any other error (connection lost, server shutting down) fails every call of the batch as it
 * would have failed each of them alone: running them again could write twice what may already be committed.
 */
import { pgErrorCode } from './pg-errors';

export interface BatcherOptions {
  /** the most inputs one batch carries */
  maxBatch: number;
  /** the most batches of this kind at the database at once */
  maxInFlight: number;
}

/**
 * Runs a batch: one output per input, in the same order. An `Error` in place of an output fails that call only
 * (for example "not found" for one input of a lookup).
 */
export type BatchRunner<I, O> = (inputs: readonly I[]) => Promise<readonly (O | Error)[]>;

interface Pending<I, O> {
  input: I;
  resolve(output: O): void;
  reject(error: unknown): void;
}

export interface Batcher<I, O> {
  run(input: I): Promise<O>;
}

/** Errors of one input's data: worth running each input of the failed batch alone. */
function isDataError(error: unknown): boolean {
  const code = pgErrorCode(error);
  return !!code && (code.startsWith('22') || code.startsWith('23'));
}

export function createBatcher<I, O>(runBatch: BatchRunner<I, O>, options: BatcherOptions): Batcher<I, O> {
  if (options.maxBatch < 1 || options.maxInFlight < 1) throw new Error('batcher: limits must be at least 1');
  const queue: Pending<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const settle = (items: readonly Pending<I, O>[], outputs: readonly (O | Error)[]) => {
    if (outputs.length !== items.length)
      throw new Error(`batcher: ${outputs.length} outputs for ${items.length} inputs`);
    items.forEach((item, i) => {
      const output = outputs[i];
      if (output instanceof Error) item.reject(output);
      else item.resolve(output);
    });
  };

  async function runAlone(item: Pending<I, O>) {
    try {
      settle([item], await runBatch([item.input]));
    } catch (error) {
      item.reject(error);
    }
  }

  async function execute(items: Pending<I, O>[]) {
    let outputs: readonly (O | Error)[];
    try {
      outputs = await runBatch(items.map((item) => item.input));
    } catch (error) {
      try {
        // One after another: the retries stay within this batch's place in maxInFlight, and numbers drawn again
        // come out in the order they were asked.
        if (items.length > 1 && isDataError(error)) for (const item of items) await runAlone(item);
        else for (const item of items) item.reject(error);
      } finally {
        release();
      }
      return;
    }
    // The next batch leaves before this one's callers go on: their work (a response each) would otherwise run
    // first and hold back the statement that sets the pace under load. The pool hands out its connection on the
    // next tick (pg-pool), so the callers go on one tick after that.
    release();
    process.nextTick(() => {
      try {
        settle(items, outputs);
      } catch (error) {
        for (const item of items) item.reject(error);
      }
    });
  }

  /** A batch is done: what queued up behind it leaves now, as one batch. */
  function release() {
    inFlight--;
    flush();
  }

  function flush() {
    scheduled = false;
    while (inFlight < options.maxInFlight && queue.length) {
      const items = queue.splice(0, options.maxBatch);
      inFlight++;
      void execute(items);
    }
  }

  function schedule() {
    if (scheduled || !queue.length || inFlight >= options.maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    run(input: I): Promise<O> {
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        schedule();
      });
    },
  };
}
