/**
 * What `import … from 'syndicard'` gives a Node program (the package's `exports` map points here, compiled to
 * dist/index.js with its types): signing ad-hoc card URLs, exactly as the service verifies them. The service itself
 * starts from src/main.ts (`npm start`, `syndicard serve`); other languages sign with docs/signing.md.
 */
export {
  CARD_QUERY_FIELDS,
  type CardQuery,
  type CardQueryField,
  canonicalCardQuery,
  type SignCardUrlOptions,
  signCardQuery,
  signCardUrl,
  verifyCardQuery,
} from './cards/signing.js';
