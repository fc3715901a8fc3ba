// RDFC-1.0 with Digital Bazaar's rdf-canonize (the version pinned in package-lock.json).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import canonize from 'rdf-canonize';

const require = createRequire(import.meta.url);
const version = require('rdf-canonize/package.json').version;

export const operations = {
  // RDFC-1.0 of an already parsed dataset (the N-Quads file is parsed once, outside the timing).
  'rdfc': async (inputPath) => {
    const dataset = canonize.NQuads.parse(readFileSync(inputPath, 'utf8'));
    return {
      impl: `rdf-canonize ${version}`,
      run: () => canonize.canonize(dataset, { algorithm: 'RDFC-1.0' }),
    };
  },
  // Parse the N-Quads text and canonicalize it, each time.
  'rdfc-nq': async (inputPath) => {
    const text = readFileSync(inputPath, 'utf8');
    return {
      impl: `rdf-canonize ${version}`,
      run: () => canonize.canonize(text, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads' }),
    };
  },
  // N-Quads parsing alone.
  'nquads-parse': async (inputPath) => {
    const text = readFileSync(inputPath, 'utf8');
    return { impl: `rdf-canonize ${version}`, run: () => canonize.NQuads.parse(text) };
  },
};
