// Official party documents (HD 36): numbering per type and committee term, the issuing body's
// place and upper line, the default signer and recipients. Plans, decisions and reports use them.
export { findOwnedFile, ownedFiles, storeMadeDocument } from "./exports.ts";
export { CAPITAL, issuedHeader } from "./issue.ts";
export {
  defaultRecipients,
  defaultSigner,
  documentPlace,
  type IssuingUnit,
  issuingUnit,
  partyBodyOf,
  upperBodyOf,
} from "./issuers.ts";
export {
  type DocumentType,
  documentSymbol,
  numberingTerm,
  peekDocumentNumber,
  takeDocumentNumber,
} from "./numbering.ts";
export { documentNumbers } from "./schema.ts";
