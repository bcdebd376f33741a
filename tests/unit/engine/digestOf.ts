// Hand-built digests for engine tests, independent of src/core/digest, so engine tests fail only
// for engine reasons.
import type { ContextDigest } from '../../../src/core/protocol';

export function digestOf(partial: Partial<ContextDigest> & { before: string }): ContextDigest {
  return {
    docType: 'unknown', title: '', issuer: '', recipients: '', docNumber: '', signer: '', cc: '',
    urgency: '', classification: null, classificationPeriod: '', outline: [], section: [],
    nextOrdinals: {}, facts: { dates: [], orgs: [], amounts: [], names: [], attachments: [] },
    after: '', budgetChars: 2000,
    ...partial,
  };
}
