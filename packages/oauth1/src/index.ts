export { authorizationHeader } from './authorization-header.js';
export { percentDecode, percentEncode } from './percent-encode.js';
export {
  SIGNATURE_METHODS,
  baseStringURI,
  computeSignature,
  normalizeParameters,
  parseFormEncoded,
  signRequest,
  signatureBaseString,
  verifySignature,
  type Parameter,
  type Parameters,
  type SignRequestInput,
  type SignatureMethod,
  type SignedRequest,
  type SigningKey,
} from './signature.js';
