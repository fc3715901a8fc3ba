// Times one peer operation on one input file and prints one JSON line:
//   node time.mjs <op> <input-file> [--warmup-ms 1000] [--measure-ms 2000]   (CPU-time budgets)
// Operations live in ops/*.mjs: each module exports `operations`, an object mapping an operation name to
// `async (inputPath) => ({ impl, run })`, where `run()` performs the operation once (it may return a promise).
// It reports wall-clock and process CPU µs per operation (CPU time is less sensitive to other load).
// The .NET side prints the same JSON shape (`Tradeproof.Benchmarks peer <op> <file>`), so compare.sh can pair them.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const [op, input, ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const i = rest.indexOf(name);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};
const warmupMs = option('--warmup-ms', 1000);
const measureMs = option('--measure-ms', 2000);

const operations = {};
for (const file of readdirSync(path.join(here, 'ops')).filter(f => f.endsWith('.mjs')).sort()) {
  Object.assign(operations, (await import(pathToFileURL(path.join(here, 'ops', file)))).operations);
}
if (!operations[op] || !input) {
  console.error(`usage: node time.mjs <op> <input-file>; operations: ${Object.keys(operations).join(', ')}`);
  process.exit(2);
}

const { impl, run } = await operations[op](input);
const isAsync = run() instanceof Promise;

// Runs in growing batches until the process has used `ms` of CPU time (user + system): budgets in CPU time keep
// the work comparable on a shared, overloaded machine and give the JIT its warm-up for real.
async function loop(ms) {
  let count = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const limit = ms * 1000;
  let batch = 1;
  for (;;) {
    for (let i = 0; i < batch; i++) {
      if (isAsync) { await run(); } else { run(); }
    }
    count += batch;
    const cpu = process.cpuUsage(cpuStart);
    const used = cpu.user + cpu.system;
    if (used >= limit) { break; }
    if (used < limit / 20) { batch *= 2; }
  }
  return { count, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

await loop(warmupMs);
const cpuBefore = process.cpuUsage();
const { count, seconds } = await loop(measureMs);
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({
  impl,
  op,
  input: path.basename(input),
  ops: count,
  seconds: Number(seconds.toFixed(3)),
  opsPerSec: Math.round(count / seconds),
  usPerOp: Number((seconds * 1e6 / count).toFixed(2)),
  cpuUsPerOp: Number((cpuSeconds * 1e6 / count).toFixed(2)),
}));
