// Digital Bazaar's VC stack as a process for Tradeproof's interop tests (tests/Tradeproof.Interop.Tests): one JSON
// request per line on stdin, one JSON response per line on stdout, in order. Nothing is fetched: see
// digitalbazaar.mjs for the offline document loader. Keys are generated once per key type and kept for the process.
//
// Requests ({"op": ..., ...}) and their responses ({"ok": true, ...} or {"ok": false, "error": "..."}):
//   info                                           -> {vc, mechanisms}
//   key {keyType}                                  -> {did, verificationMethod}
//   issue {credential, mechanism, keyType?, created?, mandatoryPointers?}
//                                                  -> {document, did}  (the issuer, a string or an object's id, is
//                                                     set to the key's did:key; DB checks issuer = key controller)
//   derive {document, selectivePointers}           -> {document}  (ecdsa-sd-2023 disclosure)
//   verify {document, now?}                        -> {verified, errors}
//   present {presentation, mechanism, keyType?, challenge, domain?, created?}
//                                                  -> {document, did}  (holder set to the key's did:key)
//   verifyPresentation {document, challenge, domain?, now?}
//                                                  -> {verified, presentationVerified, credentialsVerified, errors}
import { createInterface } from 'node:readline';
import * as db from './digitalbazaar.mjs';

const keys = new Map();
async function keyOf(type) {
  if (!keys.has(type)) {
    keys.set(type, await db.generateKey(type));
  }
  return keys.get(type);
}

const dateOf = text => (text ? new Date(text) : undefined);

const handlers = {
  info: async () => ({ vc: db.vcVersion, mechanisms: Object.keys(db.mechanisms) }),
  key: async ({ keyType }) => {
    const key = await keyOf(keyType);
    return { did: key.controller, verificationMethod: key.id };
  },
  issue: async ({ credential, mechanism, keyType, created, mandatoryPointers }) => {
    const key = await keyOf(keyType ?? db.mechanisms[mechanism]);
    const unsigned = structuredClone(credential);
    if (unsigned.issuer !== null && typeof unsigned.issuer === 'object') {
      unsigned.issuer.id = key.controller;
    } else {
      unsigned.issuer = key.controller;
    }
    const document = await db.issue(unsigned, mechanism, key, { date: dateOf(created), mandatoryPointers });
    return { document, did: key.controller };
  },
  derive: async ({ document, selectivePointers }) => ({ document: await db.derive(document, selectivePointers) }),
  verify: async ({ document, now }) => {
    const result = await db.verifyCredential(document, { now });
    return { verified: result.verified === true, errors: db.errorsOf(result) };
  },
  present: async ({ presentation, mechanism, keyType, challenge, domain, created }) => {
    const key = await keyOf(keyType ?? db.mechanisms[mechanism]);
    const unsigned = { ...structuredClone(presentation), holder: key.controller };
    const document = await db.signPresentation(unsigned, mechanism, key, { challenge, domain, date: dateOf(created) });
    return { document, did: key.controller };
  },
  verifyPresentation: async ({ document, challenge, domain, now }) => {
    const result = await db.verifyPresentation(document, { challenge, domain, now });
    return {
      verified: result.verified === true,
      presentationVerified: result.presentationResult?.verified === true,
      credentialsVerified: (result.credentialResults ?? []).map(r => r.verified === true),
      errors: db.errorsOf(result),
    };
  },
};

// An error's message with its causes (jsonld wraps document loader errors in `details.cause`).
function describe(error) {
  const parts = [];
  for (let e = error, depth = 0; e && depth < 5; e = e.details?.cause ?? e.cause, depth++) {
    parts.push(String(e.message ?? e));
  }
  return parts.join(' <- ');
}

// Requests are handled one at a time, in order, so responses line up with requests.
let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', line => {
  if (line.trim() === '') {
    return;
  }
  queue = queue.then(async () => {
    let response;
    try {
      const request = JSON.parse(line);
      const handler = handlers[request.op];
      if (!handler) {
        throw new Error(`unknown op ${request.op}`);
      }
      response = { ok: true, ...(await handler(request)) };
    } catch (error) {
      response = { ok: false, error: describe(error) };
    }
    process.stdout.write(JSON.stringify(response) + '\n');
  });
});
lines.on('close', () => { queue.then(() => process.exit(0)); });
