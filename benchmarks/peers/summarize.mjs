// Reads the JSON lines of compare.sh from stdin and prints a markdown table of medians per input.
import { readFileSync } from 'node:fs';

const rows = readFileSync(0, 'utf8').trim().split('\n').map(l => JSON.parse(l));
const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const inputs = [...new Set(rows.map(r => r.data.input))];
const impl = side => rows.find(r => r.side === side)?.data.impl ?? side;
const op = rows[0].data.op;
const rounds = Math.max(...rows.map(r => r.round));
console.log(`operation \`${op}\`, median of ${rounds} rounds, one thread each, alternating in one run;`);
console.log('wall = wall-clock µs per operation, cpu = process CPU µs per operation');
console.log();
console.log(`| input | ${impl('dotnet')} wall µs | cpu µs | ops/s | ${impl('node')} wall µs | cpu µs | ops/s | speed-up (wall) | speed-up (cpu) |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const fmt = x => x >= 100 ? x.toFixed(0) : x.toFixed(1);
for (const input of inputs) {
  const pick = (s, key) => median(rows.filter(r => r.side === s && r.data.input === input).map(r => r.data[key]));
  const [ours, oursCpu, theirs, theirsCpu] = [pick('dotnet', 'usPerOp'), pick('dotnet', 'cpuUsPerOp'), pick('node', 'usPerOp'), pick('node', 'cpuUsPerOp')];
  console.log(`| ${input} | ${fmt(ours)} | ${fmt(oursCpu)} | ${Math.round(1e6 / ours).toLocaleString('en-US')} | ${fmt(theirs)} | ${fmt(theirsCpu)} | ${Math.round(1e6 / theirs).toLocaleString('en-US')} | ${(theirs / ours).toFixed(1)}x | ${(theirsCpu / oursCpu).toFixed(1)}x |`);
}
