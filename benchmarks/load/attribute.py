#!/usr/bin/env python3
"""Attributes the samples of `perf script -F comm,tid,time,ip,sym,dso` of one `tradeproof serve` process to the parts
of a submission (benchmarks/load/profile.sh): by the innermost frame of a known owner, walking from the leaf up.

  verification   Tradeproof.Credentials/JsonLd/Rdf/Cryptography/Trade/Dids/JsonSchema, libsodium
  store          Tradeproof.Storage, Transparency, Microsoft.Data.Sqlite, SQLitePCL, libe_sqlite3, Node.Intake
                 (group commit, intake, twin streams), and the file syscalls (pwrite, pread, fsync)
  node           the rest of Tradeproof.Node (body, auth, endpoint, response, request log, metrics), by function
  HTTP           Kestrel, sockets, the socket syscalls
  JIT            any frame in libclrjit (tiering: tier-0, instrumented and tier-1 compiles)
  SHA-256        libcrypto frames (OpenSSL's digest; perf does not unwind through it, so the caller is unknown)
  runtime        libcoreclr without managed frames above (GC on its own threads, finalizer, timers)

usage: attribute.py PERF_SCRIPT_OUTPUT [FROM [TO]]
  FROM, TO: seconds after the first sample, @T for perf's own timestamp T, or end-S for S seconds before the last
  sample; only the samples in [FROM, TO) count
"""
import collections
import re
import sys

VERIFICATION = ('Tradeproof.Credentials', 'Tradeproof.JsonLd', 'Tradeproof.Rdf', 'Tradeproof.Cryptography',
                'Tradeproof.Trade', 'Tradeproof.Dids', 'Tradeproof.JsonSchema', 'NSec', 'libsodium')
STORE = ('Tradeproof.Storage', 'Tradeproof.Transparency', 'Microsoft.Data.Sqlite', 'SQLitePCL', 'libe_sqlite3',
         'Tradeproof.Node.GroupCommit', 'Tradeproof.Node.PresentationIntake', 'Tradeproof.Node.TwinStreams')
NODE_PARTS = [('RequestObserver', 'request log and metrics'), ('PrometheusExporter', 'request log and metrics'),
              ('RequestBody', 'body read and strict parse'), ('AuthorizeAsync', 'authorization'),
              ('AccessTokens', 'authorization'), ('TenantCache', 'authorization'), ('JsonResponse', 'response'),
              ('LogEndpoints', 'log-index header (a store read)'), ('PresentationEndpoints', 'presentation endpoint'),
              ('NodeOperability', 'rate limiter and middleware'), ('TradeproofNode', 'pipeline')]


def owner(frames):
    text = [f[0] + ' ' + f[1] for f in frames]
    if any('libclrjit' in f[1] for f in frames):
        return 'JIT (tiered compilation)'
    for sym, dso in frames:
        s = sym + ' ' + dso
        if any(k in s for k in STORE):
            return 'store'
        if any(k in s for k in VERIFICATION):
            return 'verification'
        if 'Tradeproof.Node' in sym:
            for key, name in NODE_PARTS:
                if key in sym:
                    return 'node: ' + name
            return 'node: other (' + re.sub(r'\(.*', '', re.sub(r'^.*?\] ', '', sym))[:60] + ')'
    libc = [f[0] for f in frames if 'libc.so' in f[1]]
    if libc:
        f = libc[0]
        if any(k in f for k in ('pwrite', 'fsync', 'pread', 'fdatasync', 'fcntl')):
            return 'store: file syscalls (pwrite, pread, fsync)'
        if any(k in f for k in ('recv', 'send', 'epoll', 'writev', 'readv')):
            return 'HTTP: socket syscalls'
        if any(k in f for k in ('sched_yield', 'futex', 'lll_lock', 'pthread_cond')):
            return 'threads: spin, wait and wake'
    if any('libcrypto' in f[1] for f in frames):
        return 'SHA-256 in OpenSSL (caller not unwound)'
    joined = ' '.join(text)
    if 'Kestrel' in joined or 'Microsoft.AspNetCore' in joined:
        return 'HTTP: Kestrel and ASP.NET Core'
    if 'System.Net.Sockets' in joined:
        return 'HTTP: sockets'
    if 'Microsoft.Extensions.Logging' in joined:
        return 'node: request log (console logger thread)'
    if 'ThreadPool' in joined:
        return 'threads: thread pool'
    if all('libcoreclr' in f[1] or 'libc.so' in f[1] or 'kallsyms' in f[1] for f in frames):
        return 'runtime (GC threads, finalizer, stubs; no managed frame)'
    return 'other (' + frames[0][1].split('/')[-1] + ')'


def main():
    path = sys.argv[1]
    bounds = sys.argv[2:4]
    samples, frames, t0, keep = [], None, None, False
    last = 0.0
    if any(b.startswith('end-') for b in bounds):
        for line in open(path, errors='replace'):
            if line.strip() and not line.startswith('\t') and not line.startswith(' '):
                m = re.search(r'(\d+\.\d+):', line)
                last = max(last, float(m.group(1))) if m else last

    def limit_of(bound):
        if bound.startswith('@'):
            return float(bound[1:])
        if bound.startswith('end-'):
            return last - float(bound[4:])
        return t0 + float(bound)

    def inside(t):
        for i, bound in enumerate(bounds):
            limit = limit_of(bound)
            if (i == 0 and t < limit) or (i == 1 and t >= limit):
                return False
        return True

    for line in open(path, errors='replace'):
        if not line.strip():
            if frames is not None and keep:
                samples.append(frames)
            frames = None
            continue
        if not line.startswith('\t') and not line.startswith(' '):
            m = re.search(r'(\d+\.\d+):', line)
            t = float(m.group(1)) if m else 0.0
            t0 = t if t0 is None else t0
            keep = inside(t)
            frames = []
            continue
        m = re.match(r'\s*[0-9a-f]+ (.*) \((.*)\)\s*$', line)
        if m and frames is not None:
            frames.append((m.group(1), m.group(2)))
    if frames is not None and keep:
        samples.append(frames)
    if bounds:
        print(f'window: {limit_of(bounds[0]):.2f} to {limit_of(bounds[1]) if len(bounds) > 1 else last:.2f} (perf timestamps)')
    counts = collections.Counter(owner(f) if f else 'no stack' for f in samples)
    total = sum(counts.values()) or 1
    groups = collections.Counter()
    for k, v in counts.items():
        groups[k.split(':')[0].split(' (')[0]] += v
    print('| part | samples | share |')
    print('| --- | ---: | ---: |')
    for k, v in counts.most_common():
        if v * 200 >= total:  # 0.5% and more
            print(f'| {k} | {v} | {100 * v / total:.1f}% |')
    print(f'| (parts under 0.5% each) | {sum(v for v in counts.values() if v * 200 < total)} | |')
    print(f'| **all** | {total} | 100% |')
    print()
    print('by owner: ' + ', '.join(f'{k} {100 * v / total:.1f}%' for k, v in groups.most_common()))
    # Where the sampled instruction was (libcoreclr: GC, allocation slow paths, write barriers, casts, stubs).
    leaves = collections.Counter()
    for f in samples:
        user = [x for x in f if 'kallsyms' not in x[1]]
        leaves['kernel' if not user else ('JIT-compiled code' if '.map' in user[0][1] else user[0][1].split('/')[-1])] += 1
    print('leaf: ' + ', '.join(f'{k} {100 * v / total:.1f}%' for k, v in leaves.most_common(8)))


if __name__ == '__main__':
    main()
