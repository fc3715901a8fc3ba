// Digital Bazaar's VC stack (@digitalbazaar/vc and its cryptosuites, versions pinned in ../package-lock.json), set
// up once for the interop tests (server.mjs) and the side-by-side benchmarks (../ops/credentials.mjs):
// - an OFFLINE document loader: JSON-LD contexts from our copies (shared/conformance/contexts, or the folder named by
//   TRADEPROOF_CONTEXTS) and did:key documents computed locally by @digitalbazaar/did-method-key; any other URL is
//   an error, so nothing is ever fetched;
// - keys (Ed25519, P-256, P-384 Multikeys) and their did:key identifiers;
// - signing suites per securing mechanism and one list of verifying suites for every mechanism.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as vc from '@digitalbazaar/vc';
import * as DidKey from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as eddsaJcs2022 from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as ecdsaJcs2019 from '@digitalbazaar/ecdsa-jcs-2019-cryptosuite';
import * as ecdsaSd2023 from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';

const here = path.dirname(fileURLToPath(import.meta.url));
// (the package's `exports` hide package.json from require, so read it from node_modules)
export const vcVersion = JSON.parse(readFileSync(
  path.join(here, '..', 'node_modules', '@digitalbazaar', 'vc', 'package.json'), 'utf8')).version;
export { vc };
const contextsDir = process.env.TRADEPROOF_CONTEXTS
  ?? path.resolve(here, '..', '..', '..', '..', 'shared', 'conformance', 'contexts');
const contextIndex = JSON.parse(readFileSync(path.join(contextsDir, 'index.json'), 'utf8'));
const contexts = new Map(Object.entries(contextIndex).map(([url, file]) =>
  [url, JSON.parse(readFileSync(path.join(contextsDir, file), 'utf8'))]));

// did:key resolution computed from the identifier alone (multicodec headers: Ed25519 z6Mk, P-256 zDna, P-384 z82L).
const didKeyDriver = DidKey.driver();
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
didKeyDriver.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from });
didKeyDriver.use({ multibaseMultikeyHeader: 'z82L', fromMultibase: EcdsaMultikey.from });

/** Serves our context copies and locally computed did:key documents; every other URL is an error. */
export async function documentLoader(url) {
  const context = contexts.get(url);
  if (context) {
    return { contextUrl: null, documentUrl: url, document: context };
  }
  if (url.startsWith('did:key:')) {
    const document = await didKeyDriver.get({ url });
    return { contextUrl: null, documentUrl: url, document };
  }
  throw new Error(`offline document loader: refusing to load ${url}`);
}

/** A key pair with its did:key controller: type is Ed25519, P-256 or P-384. */
export async function generateKey(type) {
  const keyPair = type === 'Ed25519'
    ? await Ed25519Multikey.generate()
    : await EcdsaMultikey.generate({ curve: type });
  const { publicKeyMultibase } = await keyPair.export({ publicKey: true, includeContext: false });
  const did = `did:key:${publicKeyMultibase}`;
  keyPair.controller = did;
  keyPair.id = `${did}#${publicKeyMultibase}`;
  return keyPair;
}

/** The securing mechanisms this module can sign with, and the key type each needs by default. */
export const mechanisms = {
  'eddsa-rdfc-2022': 'Ed25519',
  'eddsa-jcs-2022': 'Ed25519',
  'ecdsa-rdfc-2019': 'P-256',
  'ecdsa-jcs-2019': 'P-256',
  'ecdsa-sd-2023': 'P-256',
  'Ed25519Signature2020': 'Ed25519',
};

/** A signing suite for one mechanism (`options.mandatoryPointers` for ecdsa-sd-2023; `date` for `created`). */
export function signingSuite(mechanism, keyPair, { date, mandatoryPointers } = {}) {
  const signer = keyPair.signer();
  switch (mechanism) {
    case 'eddsa-rdfc-2022': return new DataIntegrityProof({ signer, date, cryptosuite: eddsaRdfc2022 });
    case 'ecdsa-rdfc-2019': return new DataIntegrityProof({ signer, date, cryptosuite: ecdsaRdfc2019 });
    case 'eddsa-jcs-2022': return new DataIntegrityProof({ signer, date, cryptosuite: eddsaJcs2022.createSignCryptosuite() });
    case 'ecdsa-jcs-2019': return new DataIntegrityProof({ signer, date, cryptosuite: ecdsaJcs2019.createSignCryptosuite() });
    case 'ecdsa-sd-2023':
      return new DataIntegrityProof({ signer, date, cryptosuite: ecdsaSd2023.createSignCryptosuite({ mandatoryPointers: mandatoryPointers ?? [] }) });
    case 'Ed25519Signature2020': return new Ed25519Signature2020({ signer, date });
    default: throw new Error(`unknown securing mechanism ${mechanism}`);
  }
}

/** The suite that derives a selective disclosure from an ecdsa-sd-2023 base proof. */
export function discloseSuite(selectivePointers) {
  return new DataIntegrityProof({ cryptosuite: ecdsaSd2023.createDiscloseCryptosuite({ selectivePointers }) });
}

/** One suite per mechanism for verification: jsonld-signatures picks the one matching each proof. */
export const verifyingSuites = [
  new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
  new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 }),
  new DataIntegrityProof({ cryptosuite: eddsaJcs2022.createVerifyCryptosuite() }),
  new DataIntegrityProof({ cryptosuite: ecdsaJcs2019.createVerifyCryptosuite() }),
  new DataIntegrityProof({ cryptosuite: ecdsaSd2023.createVerifyCryptosuite() }),
  new Ed25519Signature2020(),
];

/** Issues (signs) a credential; the credential object is not modified. */
export function issue(credential, mechanism, keyPair, options = {}) {
  return vc.issue({
    credential: structuredClone(credential),
    suite: signingSuite(mechanism, keyPair, options),
    documentLoader,
  });
}

/** Verifies a credential with every verifying suite; `now` (ISO string) defaults to the clock. */
export function verifyCredential(credential, { now } = {}) {
  return vc.verifyCredential({ credential, suite: verifyingSuites, documentLoader, now });
}

/** Derives an ecdsa-sd-2023 disclosure of the given JSON pointers. */
export function derive(credential, selectivePointers) {
  return vc.derive({ verifiableCredential: credential, suite: discloseSuite(selectivePointers), documentLoader });
}

/** Signs a presentation (authentication purpose, with challenge and optional domain). */
export function signPresentation(presentation, mechanism, keyPair, { challenge, domain, date } = {}) {
  return vc.signPresentation({
    presentation: structuredClone(presentation),
    suite: signingSuite(mechanism, keyPair, { date }),
    challenge,
    domain,
    documentLoader,
  });
}

/** Verifies a presentation's proof and every credential in it, expecting the challenge and domain. */
export function verifyPresentation(presentation, { challenge, domain, now } = {}) {
  return vc.verify({ presentation, suite: verifyingSuites, challenge, domain, documentLoader, now });
}

/** The error messages of a jsonld-signatures / vc result, flattened (for reports). */
export function errorsOf(result) {
  const messages = [];
  const visit = error => {
    if (!error) { return; }
    if (Array.isArray(error)) { error.forEach(visit); return; }
    if (error.errors) { visit(error.errors); }
    messages.push(String(error.message ?? error));
  };
  visit(result?.error);
  for (const r of result?.results ?? []) { visit(r.error); }
  for (const r of result?.credentialResults ?? []) { messages.push(...errorsOf(r)); }
  if (result?.presentationResult) { messages.push(...errorsOf(result.presentationResult)); }
  return [...new Set(messages)];
}
