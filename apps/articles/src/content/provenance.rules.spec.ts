import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refusedFields } from '../../test/domain-error.assert';
import { assertSourced, disclosureFor, nextProvenance, type ProvenanceState } from './provenance.rules';

const now = new Date('2026-03-01T10:00:00.000Z');
const ai: ProvenanceState = { digitalSourceType: 'trainedAlgorithmicMedia', generator: 'writer 2', reviewedBy: null, reviewedAt: null };

describe('nextProvenance', () => {
  it('makes a plain article human-written', () => {
    assert.deepEqual(nextProvenance(null, { contentEdited: true, reviewer: 'ann', now }), {
      digitalSourceType: 'humanEdits',
      generator: null,
      reviewedBy: null,
      reviewedAt: null,
    });
  });

  it('requires a generator for AI-written articles', () => {
    assert.deepEqual(
      refusedFields(() => nextProvenance(null, { input: { digitalSourceType: 'trainedAlgorithmicMedia' }, contentEdited: true, reviewer: 'a', now })),
      ['provenance.generator'],
    );
  });

  it("turns an AI article composite when a person edits its content, not when only metadata changes", () => {
    assert.equal(nextProvenance(ai, { contentEdited: true, reviewer: 'ed', now }).digitalSourceType, 'compositeWithTrainedAlgorithmicMedia');
    assert.equal(nextProvenance(ai, { contentEdited: false, reviewer: 'ed', now }).digitalSourceType, 'trainedAlgorithmicMedia');
  });

  it('keeps the type an update states (a regeneration stays trainedAlgorithmicMedia)', () => {
    const next = nextProvenance(ai, { input: { digitalSourceType: 'trainedAlgorithmicMedia' }, contentEdited: true, reviewer: 'x', now });
    assert.equal(next.digitalSourceType, 'trainedAlgorithmicMedia');
  });

  it('never lets an AI article become human-written', () => {
    assert.deepEqual(
      refusedFields(() => nextProvenance(ai, { input: { digitalSourceType: 'humanEdits' }, contentEdited: false, reviewer: 'x', now })),
      ['provenance.digitalSourceType'],
    );
  });

  it('records the reviewer and clears the review when the content changes afterwards', () => {
    const reviewed = nextProvenance(ai, { input: { reviewed: true }, contentEdited: false, reviewer: 'editor_ed', now });
    assert.equal(reviewed.reviewedBy, 'editor_ed');
    assert.equal(reviewed.reviewedAt, now);
    const edited = nextProvenance(reviewed, { contentEdited: true, reviewer: 'other', now });
    assert.equal(edited.reviewedBy, null);
    const reEdited = nextProvenance(reviewed, { input: { reviewed: true }, contentEdited: true, reviewer: 'other', now });
    assert.equal(reEdited.reviewedBy, 'other');
  });
});

describe('assertSourced and disclosureFor', () => {
  const source = { publisher: 'Wire', title: 'Report', url: 'https://example.com/r', retrievedAt: now.toISOString() };

  it('requires at least one source only for AI-written articles', () => {
    assert.deepEqual(refusedFields(() => assertSourced('compositeWithTrainedAlgorithmicMedia', [])), ['sources']);
    assert.doesNotThrow(() => assertSourced('trainedAlgorithmicMedia', [source]));
    assert.doesNotThrow(() => assertSourced('humanEdits', []));
  });

  it('gives AI-written articles the default disclosure unless they bring one', () => {
    assert.equal(disclosureFor('trainedAlgorithmicMedia', null, 'DEFAULT'), 'DEFAULT');
    assert.equal(disclosureFor('trainedAlgorithmicMedia', '  ', 'DEFAULT'), 'DEFAULT');
    assert.equal(disclosureFor('trainedAlgorithmicMedia', 'Own text', 'DEFAULT'), 'Own text');
    assert.equal(disclosureFor('humanEdits', null, 'DEFAULT'), null);
  });
});
