/**
 * Memory of the embedded PostgreSQL, from the machine's RAM (the embedded mode is the single-server install).
 *
 * shared_buffers: a quarter of the RAM, the usual starting point, between 128 MB (PostgreSQL's default) and 4 GB.
 * The case register's working set is larger than the old fixed 512 MB at a million cases: a full-text search for a
 * common word visits ~18,000 heap pages, and searches for different words pushed each other's pages out
 * (bench: search p95 159 ms with 512 MB, 84 ms with 2 GB on a 23 GB machine).
 */
const MB = 1024 * 1024;
const MIN_SHARED_BUFFERS_MB = 128;
const MAX_SHARED_BUFFERS_MB = 4096;

export function sharedBuffersFor(totalMemBytes: number): string {
  const quarter = Math.floor(totalMemBytes / 4 / MB);
  return `${Math.min(MAX_SHARED_BUFFERS_MB, Math.max(MIN_SHARED_BUFFERS_MB, quarter))}MB`;
}
