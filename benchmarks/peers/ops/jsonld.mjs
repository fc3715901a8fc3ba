// JSON-LD with Digital Bazaar's jsonld (the version pinned in package-lock.json), on the same work as the
// Tradeproof.JsonLd peer operations (benchmarks/Tradeproof.Benchmarks/JsonLd/JsonLdPeerOperations.cs):
// the document text is parsed each time; contexts come from shared/conformance/contexts through a document
// loader that never touches the network (jsonld caches processed contexts itself, so caches are warm too).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import jsonld from 'jsonld';

const require = createRequire(import.meta.url);
const version = require('jsonld/package.json').version;
const here = path.dirname(fileURLToPath(import.meta.url));
const contextsDir = process.env.TRADEPROOF_CONTEXTS
  ?? path.resolve(here, '..', '..', '..', '..', 'shared', 'conformance', 'contexts');
const index = JSON.parse(readFileSync(path.join(contextsDir, 'index.json'), 'utf8'));
const contexts = new Map(Object.entries(index).map(([url, file]) =>
  [url, JSON.parse(readFileSync(path.join(contextsDir, file), 'utf8'))]));

const documentLoader = async (url) => {
  const document = contexts.get(url);
  if (!document) {
    throw new Error(`loading remote context failed: ${url}`);
  }
  return { contextUrl: null, documentUrl: url, document };
};
const options = { documentLoader, safe: false };
const impl = `jsonld ${version}`;

export const operations = {
  // Expansion of the document text.
  'jsonld-expand': async (inputPath) => {
    const text = readFileSync(inputPath, 'utf8');
    return { impl, run: () => jsonld.expand(JSON.parse(text), options) };
  },
  // Expansion and deserialization to RDF (a dataset, not N-Quads text).
  'jsonld-to-rdf': async (inputPath) => {
    const text = readFileSync(inputPath, 'utf8');
    return { impl, run: () => jsonld.toRDF(JSON.parse(text), options) };
  },
  // Compaction of the document text with its own @context (expansion included, as the API does).
  'jsonld-compact': async (inputPath) => {
    const text = readFileSync(inputPath, 'utf8');
    const context = JSON.parse(text)['@context'];
    return { impl, run: () => jsonld.compact(JSON.parse(text), context, options) };
  },
  // Flattening of the document text (no context).
  'jsonld-flatten': async (inputPath) => {
    const text = readFileSync(inputPath, 'utf8');
    return { impl, run: () => jsonld.flatten(JSON.parse(text), null, options) };
  },
};
