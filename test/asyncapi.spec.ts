import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { EVENT_CATALOGUE, EVENT_TYPES } from '@broadsheet/contracts';
import { join } from 'node:path';
import { ASYNCAPI_PATH, channelId, deadLetterChannelId, packageVersion, renderAsyncApi } from '../scripts/generate-asyncapi';

type Node = Record<string, any>;

/** Every `$ref` string anywhere under `node`. */
function refs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refs(value, found);
    }
  }
  return found;
}

function resolve(doc: Node, ref: string): unknown {
  assert.match(ref, /^#\//, `only local refs are used: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, part) => (node as Node | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

describe('docs/asyncapi.yaml', () => {
  let committed: string;
  let doc: Node;

  before(() => {
    committed = readFileSync(ASYNCAPI_PATH, 'utf8');
    doc = parse(committed);
  });

  it('is what the generator makes from the contracts today (run `npm run docs:asyncapi` if not)', () => {
    assert.equal(committed, renderAsyncApi(packageVersion()), 'docs/asyncapi.yaml is stale: run `npm run docs:asyncapi` and commit it');
  });

  it('is an AsyncAPI 3.0 document whose every $ref resolves', () => {
    assert.equal(doc.asyncapi, '3.0.0');
    assert.ok(doc.info?.title && doc.info?.version);
    const all = refs(doc);
    assert.ok(all.length > EVENT_TYPES.length * 4);
    for (const ref of new Set(all)) assert.notEqual(resolve(doc, ref), undefined, `unresolved ${ref}`);
  });

  it('has an event channel and a dead-letter channel for every event type', () => {
    for (const type of EVENT_TYPES) {
      const channel = doc.channels[channelId(type)];
      assert.ok(channel, `no channel for ${type}`);
      assert.equal(channel.address, `events.${type}`);
      const dlq = doc.channels[deadLetterChannelId(type)];
      assert.ok(dlq, `no dead-letter channel for ${type}`);
      assert.equal(dlq.address, `events-dlq.{consumer}.${type}`);
      assert.ok(dlq.parameters.consumer, 'the {consumer} parameter is declared');
    }
    const addresses = Object.values<Node>(doc.channels).map((c) => c.address);
    assert.equal(addresses.length, EVENT_TYPES.length * 2, 'no channel without an event type');
  });

  it("types each message as the envelope around the event's own payload schema", () => {
    assert.ok(doc.components.schemas.CloudEventEnvelope.required.includes('id'));
    for (const type of EVENT_TYPES) {
      const message = resolve(doc, Object.values<Node>(doc.channels[channelId(type)].messages)[0].$ref) as Node;
      assert.equal(message.name, type);
      assert.equal(message.summary, EVENT_CATALOGUE[type].summary);
      const envelope = resolve(doc, message.payload.$ref) as Node;
      assert.equal(envelope.allOf[0].$ref, '#/components/schemas/CloudEventEnvelope');
      const { type: typeSchema, source, data } = envelope.allOf[1].properties;
      assert.equal(typeSchema.const, type);
      assert.equal(source.const, `/broadsheet/${EVENT_CATALOGUE[type].producer}`);
      let payload = resolve(doc, data.$ref) as Node;
      while (payload.$ref) payload = resolve(doc, payload.$ref) as Node; // aliases such as ArticlePublishedV1
      assert.equal(payload.type, 'object', `${type} payload`);
      assert.ok(payload.required.length > 0, `${type} payload lists its required fields`);
    }
  });

  it('docs/events.md lists every event type with its producer', () => {
    const catalogue = readFileSync(join(ASYNCAPI_PATH, '..', 'events.md'), 'utf8');
    for (const type of EVENT_TYPES) {
      assert.ok(catalogue.includes(`| \`${type}\` | ${EVENT_CATALOGUE[type].producer} |`), `docs/events.md lacks ${type}`);
    }
  });
});
