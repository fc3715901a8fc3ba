// Reads the JSON lines of compare.sh from stdin and prints a markdown table of medians per operation and input
// (an `operation` column appears when the run timed several operations).
import { readFileSync } from 'node:fs';

const rows = readFileSync(0, 'utf8').trim().split('\n').map(l => JSON.parse(l));
const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ops = [...new Set(rows.map(r => r.data.op))];
const inputs = [...new Set(rows.map(r => r.data.input))];
const several = ops.length > 1;
const impl = side => [...new Set(rows.filter(r => r.side === side).map(r => r.data.impl))].join(' / ') || side;
const rounds = Math.max(...rows.map(r => r.round));
console.log(several
  ? `operations ${ops.map(o => `\`${o}\``).join(', ')}, median of ${rounds} rounds, one thread each, alternating in one run;`
  : `operation \`${ops[0]}\`, median of ${rounds} rounds, one thread each, alternating in one run;`);
console.log('wall = wall-clock µs per operation, cpu = process CPU µs per operation');
console.log();
const first = several ? '| operation | input ' : '| input ';
console.log(`${first}| ${impl('dotnet')} wall µs | cpu µs | ops/s | ${impl('node')} wall µs | cpu µs | ops/s | speed-up (wall) | speed-up (cpu) |`);
console.log(`${several ? '| --- | --- ' : '| --- '}| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
const fmt = x => x >= 100 ? x.toFixed(0) : x.toFixed(1);
for (const op of ops) {
  for (const input of inputs) {
    const of = s => rows.filter(r => r.side === s && r.data.op === op && r.data.input === input);
    if (of('dotnet').length === 0 || of('node').length === 0) { continue; }
    const pick = (s, key) => median(of(s).map(r => r.data[key]));
    const [ours, oursCpu, theirs, theirsCpu] = [pick('dotnet', 'usPerOp'), pick('dotnet', 'cpuUsPerOp'), pick('node', 'usPerOp'), pick('node', 'cpuUsPerOp')];
    const lead = several ? `| ${op} | ${input} ` : `| ${input} `;
    console.log(`${lead}| ${fmt(ours)} | ${fmt(oursCpu)} | ${Math.round(1e6 / ours).toLocaleString('en-US')} | ${fmt(theirs)} | ${fmt(theirsCpu)} | ${Math.round(1e6 / theirs).toLocaleString('en-US')} | ${(theirs / ours).toFixed(1)}x | ${(theirsCpu / oursCpu).toFixed(1)}x |`);
  }
}
