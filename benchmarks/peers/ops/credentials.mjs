// Issue and verify of a credential with Digital Bazaar's @digitalbazaar/vc (versions pinned in package-lock.json),
// per securing mechanism, on the same work as the Tradeproof side
// (benchmarks/Tradeproof.Benchmarks/Credentials/CredentialPeerOperations.cs):
// - issue: the credential text is parsed, checked and signed (proof `created` fixed), each time;
// - verify: the signed text (signed once by this side, outside the timing, with its own key) is parsed and verified
//   (data model, proof, key resolution from did:key, issuer = key controller), each time;
// - ecdsa-sd-2023: issue = base proof (issuer and subject id mandatory), derive = disclosure of three claims,
//   verify = the derived credential;
// - floor: the bare signature verification of 64 bytes with Node's crypto (OpenSSL), what verify costs at least.
// The input's `issuer` (string or object id) is replaced by the key's did:key. Everything is offline: contexts from
// our copies, did:key computed locally (interop/digitalbazaar.mjs).
import { readFileSync } from 'node:fs';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import * as db from '../interop/digitalbazaar.mjs';

const impl = `@digitalbazaar/vc ${db.vcVersion}`;
const created = new Date('2025-03-14T09:30:00Z');
const mandatoryPointers = ['/issuer', '/credentialSubject/id'];
const selectivePointers = ['/credentialSubject/heatNumber', '/credentialSubject/countryOfMelt', '/credentialSubject/product/grade'];
const ed25519Context = 'https://w3id.org/security/suites/ed25519-2020/v1';

// The unsigned credential of an input file, issued by `key`, ready for `mechanism`.
function unsignedText(inputPath, mechanism, key) {
  const credential = JSON.parse(readFileSync(inputPath, 'utf8'));
  if (credential.issuer !== null && typeof credential.issuer === 'object') {
    credential.issuer.id = key.controller;
  } else {
    credential.issuer = key.controller;
  }
  if (mechanism === 'Ed25519Signature2020') {
    credential['@context'].push(ed25519Context);
  }
  return JSON.stringify(credential);
}

async function signedText(inputPath, mechanism, key) {
  const signed = await db.issue(JSON.parse(unsignedText(inputPath, mechanism, key)), mechanism, key, { date: created, mandatoryPointers });
  const text = JSON.stringify(signed);
  await mustVerify(text);
  return text;
}

async function mustVerify(text) {
  const result = await db.verifyCredential(JSON.parse(text));
  if (!result.verified) {
    throw new Error(`does not verify: ${db.errorsOf(result).join('; ')}`);
  }
}

const issueOperation = (mechanism, keyType) => async inputPath => {
  const key = await db.generateKey(keyType);
  const text = unsignedText(inputPath, mechanism, key);
  const options = { date: created, mandatoryPointers };
  return { impl, run: () => db.issue(JSON.parse(text), mechanism, key, options) };
};

const verifyOperation = (mechanism, keyType) => async inputPath => {
  const key = await db.generateKey(keyType);
  const text = await signedText(inputPath, mechanism, key);
  return {
    impl,
    run: async () => {
      const result = await db.verifyCredential(JSON.parse(text));
      if (!result.verified) { throw new Error('verification failed'); }
    },
  };
};

const floorOperation = (type, curve) => async () => {
  const { privateKey, publicKey } = type === 'ed25519'
    ? generateKeyPairSync('ed25519')
    : generateKeyPairSync('ec', { namedCurve: curve });
  const data = Buffer.alloc(64, 7);
  const algorithm = type === 'ed25519' ? null : (curve === 'P-384' ? 'sha384' : 'sha256');
  const signature = sign(algorithm, data, privateKey);
  return {
    impl: 'Node crypto (OpenSSL)',
    run: () => { if (!verify(algorithm, data, publicKey, signature)) { throw new Error('floor verify failed'); } },
  };
};

export const operations = {
  'vc-eddsa-rdfc-2022-issue': issueOperation('eddsa-rdfc-2022', 'Ed25519'),
  'vc-eddsa-rdfc-2022-verify': verifyOperation('eddsa-rdfc-2022', 'Ed25519'),
  'vc-eddsa-jcs-2022-issue': issueOperation('eddsa-jcs-2022', 'Ed25519'),
  'vc-eddsa-jcs-2022-verify': verifyOperation('eddsa-jcs-2022', 'Ed25519'),
  'vc-ecdsa-rdfc-2019-p256-issue': issueOperation('ecdsa-rdfc-2019', 'P-256'),
  'vc-ecdsa-rdfc-2019-p256-verify': verifyOperation('ecdsa-rdfc-2019', 'P-256'),
  'vc-ecdsa-rdfc-2019-p384-issue': issueOperation('ecdsa-rdfc-2019', 'P-384'),
  'vc-ecdsa-rdfc-2019-p384-verify': verifyOperation('ecdsa-rdfc-2019', 'P-384'),
  'vc-ecdsa-jcs-2019-p256-issue': issueOperation('ecdsa-jcs-2019', 'P-256'),
  'vc-ecdsa-jcs-2019-p256-verify': verifyOperation('ecdsa-jcs-2019', 'P-256'),
  'vc-ecdsa-sd-2023-issue': issueOperation('ecdsa-sd-2023', 'P-256'),
  'vc-ecdsa-sd-2023-derive': async inputPath => {
    const key = await db.generateKey('P-256');
    // (a base proof is not verifiable by itself: the holder derives, the verifier checks the derived proof)
    const base = await db.issue(JSON.parse(unsignedText(inputPath, 'ecdsa-sd-2023', key)), 'ecdsa-sd-2023', key, { date: created, mandatoryPointers });
    const text = JSON.stringify(base);
    await mustVerify(JSON.stringify(await db.derive(JSON.parse(text), selectivePointers)));
    return { impl, run: () => db.derive(JSON.parse(text), selectivePointers) };
  },
  'vc-ecdsa-sd-2023-verify': async inputPath => {
    const key = await db.generateKey('P-256');
    const base = await db.issue(JSON.parse(unsignedText(inputPath, 'ecdsa-sd-2023', key)), 'ecdsa-sd-2023', key, { date: created, mandatoryPointers });
    const text = JSON.stringify(await db.derive(base, selectivePointers));
    await mustVerify(text);
    return {
      impl,
      run: async () => {
        const result = await db.verifyCredential(JSON.parse(text));
        if (!result.verified) { throw new Error('verification failed'); }
      },
    };
  },
  'vc-ed25519signature2020-issue': issueOperation('Ed25519Signature2020', 'Ed25519'),
  'vc-ed25519signature2020-verify': verifyOperation('Ed25519Signature2020', 'Ed25519'),
  'floor-ed25519-verify': floorOperation('ed25519'),
  'floor-p256-verify': floorOperation('ec', 'P-256'),
  'floor-p384-verify': floorOperation('ec', 'P-384'),
};
