import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeTag, stem, tokenize, weightedTermCounts } from './text.analyzer';

describe('text analyzer', () => {
  it('folds accents and case, drops stop words and joins plural and singular', () => {
    assert.deepEqual(tokenize('The Élysée sanctions: a sanction on the Ports'), ['elysee', 'sanction', 'sanction', 'port']);
  });

  it('stems common suffixes but leaves short words and numbers alone', () => {
    assert.equal(stem('policies'), 'policy');
    assert.equal(stem('negotiating'), 'negotiat');
    assert.equal(stem('negotiated'), 'negotiat');
    assert.equal(stem('bus'), 'bus');
    assert.equal(stem('2024s'), '2024s');
    assert.equal(stem('glass'), 'glass');
  });

  it('weights a title occurrence above a body one', () => {
    const counts = weightedTermCounts({ title: 'Harbour strike', description: 'Dockers walk out', body: 'The harbour is quiet.' });
    assert.equal(counts.get('harbour'), 4);
    assert.equal(counts.get('docker'), 2);
    assert.equal(counts.get('quiet'), 1);
  });

  it('normalizes tags so spelling variants match', () => {
    assert.equal(normalizeTag(' Climate  Policy '), 'climate-policy');
    assert.equal(normalizeTag('Élections'), 'elections');
  });
});
