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
console.log(`operation \`${op}\`, median of ${rounds} rounds, one thread each, alternating in one run`);
console.log();
console.log(`| input | ${impl('dotnet')} µs/op | ops/s | ${impl('node')} µs/op | ops/s | speed-up |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const input of inputs) {
  const side = s => rows.filter(r => r.side === s && r.data.input === input).map(r => r.data.usPerOp);
  const ours = median(side('dotnet'));
  const theirs = median(side('node'));
  const fmt = x => x >= 100 ? x.toFixed(0) : x.toFixed(1);
  console.log(`| ${input} | ${fmt(ours)} | ${Math.round(1e6 / ours).toLocaleString('en-US')} | ${fmt(theirs)} | ${Math.round(1e6 / theirs).toLocaleString('en-US')} | ${(theirs / ours).toFixed(1)}x |`);
}
