#!/usr/bin/env python3
"""Where a profiled run's CPU went, by category (docs/performance.md, "Bulk ingest into SQLite: where the time goes").

    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 499 -g -o perf.data -- \
      dotnet benchmarks/Tradeproof.Scale/bin/Release/net10.0/Tradeproof.Scale.dll ingest --store sqlite --path DIR \
      --fixture ../shared/design/fixtures/mill-test-report.json --credentials 100000 --samples 10 --skip-twins
    benchmarks/scale/perf-categories.py perf.data

Each sample is put in one category by the function on top of its stack (kernel samples by the system call below
them). Native SQLite frames carry no frame pointers, so SQLite's time cannot be split by statement from the stacks.
"""
import sys, subprocess, collections, re
data = sys.argv[1]
out = subprocess.run(['perf','script','-i',data,'-F','comm,tid,ip,sym,dso'], capture_output=True, text=True).stdout
samples = out.split('\n\n')
cats = collections.Counter()
total = 0
def cat(frames):
    # frames: list of (sym, dso), leaf first
    syms = ' '.join(s for s,_ in frames)
    leaf_sym, leaf_dso = frames[0]
    if 'kallsyms' in leaf_dso or leaf_dso.startswith('[k'):
        if 'pread64' in syms: return 'kernel: pread (checkpoint reads the WAL)'
        if 'pwrite64' in syms: return 'kernel: pwrite (WAL append, checkpoint copy)'
        if 'fsync' in syms: return 'kernel: fsync'
        if 'page_fault' in syms: return 'kernel: page faults'
        return 'kernel: other'
    if 'e_sqlite3' in leaf_dso:
        if re.search(r'walCheckpoint|walIterator|walMerge|sqlite3WalCheckpoint|walRestart', syms): return 'sqlite: checkpoint'
        if re.search(r'walChecksum|pagerWalFrames|walWriteOneFrame|walWriteToLog|sqlite3WalFrames', syms): return 'sqlite: WAL frames (commit)'
        return 'sqlite: b-tree, VDBE, pager'
    if 'libcrypto' in leaf_dso or 'OpenSsl' in leaf_dso: return 'SHA-256 (OpenSSL)'
    if 'clrjit' in leaf_dso: return '.NET JIT'
    if 'coreclr' in leaf_dso: return '.NET runtime (GC, stubs)'
    if leaf_dso.startswith('[JIT]') or leaf_dso.endswith('.dll') or 'memfd' in leaf_dso or 'perf-' in leaf_dso:
        if re.search(r'Microsoft\.Data\.Sqlite|SQLitePCL', leaf_sym): return 'managed: SQLite provider (binding)'
        if 'Tradeproof.Scale' in leaf_sym: return 'managed: benchmark data'
        if 'Tradeproof' in leaf_sym: return 'managed: Tradeproof (bulk ingest, log)'
        return 'managed: BCL (strings, collections, interop)'
    if 'libc' in leaf_dso or 'ld-linux' in leaf_dso: return 'libc (memcpy, malloc, strcmp)'
    return 'other'
for s in samples:
    lines = [l for l in s.strip().split('\n') if l.strip()]
    if not lines: continue
    frames = []
    for l in lines[1:]:
        m = re.match(r'\s*[0-9a-f]+\s+(.*)\s+\((.*)\)\s*$', l)
        if m: frames.append((m.group(1), m.group(2)))
    if not frames:
        m = re.match(r'.*?\s+[0-9a-f]+\s+(.*)\s+\((.*)\)\s*$', lines[0])
        if m: frames.append((m.group(1), m.group(2)))
    if not frames: continue
    total += 1
    cats[cat(frames)] += 1
for k,v in cats.most_common():
    print(f"{100*v/total:5.1f}%  {k}")
print(total, 'samples')
