// JCS (RFC 8785) with the npm `canonicalize` package (the version pinned in package-lock.json).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import canonicalize from 'canonicalize';

const require = createRequire(import.meta.url);
const version = require('canonicalize/package.json').version;

export const operations = {
  // JSON text in, canonical text out: JSON.parse then canonicalize, each time (what Tradeproof's `jcs` does).
  'jcs': async (inputPath) => {
    const text = readFileSync(inputPath, 'utf8');
    return { impl: `canonicalize ${version}`, run: () => canonicalize(JSON.parse(text)) };
  },
  // An already parsed value in, canonical text out (the input is parsed once, outside the timing).
  'jcs-parsed': async (inputPath) => {
    const value = JSON.parse(readFileSync(inputPath, 'utf8'));
    return { impl: `canonicalize ${version}`, run: () => canonicalize(value) };
  },
};
