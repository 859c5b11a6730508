import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { stringify } from 'yaml';
import { EVENT_CATALOGUE, EVENT_TYPES, DOMAIN_SERVICES, type EventType } from '@broadsheet/contracts';
import { BUS_DEFAULTS, deadLetterSubject, eventSubject } from '@broadsheet/messaging';

/*
 * Builds docs/asyncapi.yaml (AsyncAPI 3.0) from the contracts: one channel per event type on
 * `events.<type>`, one dead-letter channel per type on `events-dlq.<consumer>.<type>`, each
 * message a CloudEvents envelope whose `data` is the payload interface from libs/contracts,
 * turned into JSON Schema by ts-json-schema-generator. `npm run docs:asyncapi` rewrites the file;
 * test/asyncapi.spec.ts fails when it is stale.
 */

const ROOT = join(__dirname, '..', '..');
export const ASYNCAPI_PATH = join(ROOT, 'docs', 'asyncapi.yaml');
const ENVELOPE = 'CloudEventEnvelope';
const PREFIXES = { eventsPrefix: BUS_DEFAULTS.eventsPrefix };

type Schema = Record<string, unknown>;

/** Channel, message and operation ids: the event type with dots as underscores. */
export const channelId = (type: string): string => type.replace(/\./g, '_');
export const deadLetterChannelId = (type: string): string => `dlq_${channelId(type)}`;

/** JSON Schema `#/definitions/X` refs as AsyncAPI component refs. */
function toComponentRefs<T>(schema: T): T {
  return JSON.parse(
    JSON.stringify(schema).replace(/"#\/definitions\/([^"]+)"/g, (_, name: string) => `"#/components/schemas/${decodeURIComponent(name)}"`),
  ) as T;
}

/** Every schema the events need, from the TypeScript contracts. */
function contractSchemas(): { schemas: Record<string, Schema>; payloadOf: Record<EventType, Schema> } {
  const generator = createGenerator({
    path: join(ROOT, 'scripts', 'asyncapi', 'contract-roots.ts'),
    tsconfig: join(ROOT, 'tsconfig.json'),
    type: '*',
    skipTypeCheck: true,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
  });
  const events = generator.createSchema('EventMap') as { definitions: Record<string, Schema> };
  const envelope = generator.createSchema(ENVELOPE) as { definitions: Record<string, Schema> };
  const { EventMap: map, ...payloads } = events.definitions;
  const [, generic] = Object.entries(envelope.definitions).find(([name]) => name.startsWith('Envelope<'))!;
  const schemas: Record<string, Schema> = { [ENVELOPE]: generic };
  for (const name of Object.keys(payloads).sort()) schemas[name] = payloads[name];
  const properties = (map as { properties: Record<EventType, Schema> }).properties;
  return { schemas: toComponentRefs(schemas), payloadOf: toComponentRefs(properties) };
}

const EVENT_HEADERS: Schema = {
  type: 'object',
  description: 'NATS headers the outbox relay sets; the envelope in the body is authoritative.',
  properties: {
    'Nats-Msg-Id': { type: 'string', description: 'The event id: JetStream drops a re-send within the duplicate window (2 min).' },
    'ce-id': { type: 'string', description: 'The event id (envelope `id`).' },
    'ce-type': { type: 'string', description: 'The event type (envelope `type`).' },
    'ce-source': { type: 'string', description: 'The producing service (envelope `source`).' },
    'x-correlation-id': { type: 'string', description: 'The envelope `correlationid`.' },
  },
};

const DEAD_LETTER_HEADERS: Schema = {
  type: 'object',
  description: "The original event's headers (minus `Nats-*`) plus why and where it died.",
  properties: {
    ...(EVENT_HEADERS.properties as Schema),
    'x-dead-letter-reason': { type: 'string', maxLength: 1000, description: "The handler's last error message, or why the message is malformed." },
    'x-dead-letter-consumer': { type: 'string', description: 'The durable consumer (service) that gave up.' },
    'x-dead-letter-deliveries': { type: 'string', description: 'Deliveries attempted (EVENT_MAX_DELIVER).' },
    'x-original-subject': { type: 'string', description: 'The subject the event was published on.' },
    'x-original-sequence': { type: 'string', description: "The event's sequence number in the stream." },
  },
};

/** The AsyncAPI document as a plain object. */
export function buildAsyncApi(version: string): Schema {
  const { schemas, payloadOf } = contractSchemas();
  Object.assign(schemas, { EventHeaders: EVENT_HEADERS, DeadLetterHeaders: DEAD_LETTER_HEADERS });
  const channels: Schema = {};
  const operations: Schema = {};
  const messages: Schema = {};
  for (const type of EVENT_TYPES) {
    const { producer, summary } = EVENT_CATALOGUE[type];
    const id = channelId(type);
    const dlq = deadLetterChannelId(type);
    const envelopeId = `${id}_envelope`;
    schemas[envelopeId] = {
      description: `A ${type} event: the envelope with this type, source and payload.`,
      allOf: [
        { $ref: `#/components/schemas/${ENVELOPE}` },
        {
          type: 'object',
          properties: { type: { const: type }, source: { const: `/broadsheet/${producer}` }, data: payloadOf[type] },
        },
      ],
    };
    const payload = { $ref: `#/components/schemas/${envelopeId}` };
    messages[id] = {
      name: type,
      title: type,
      summary,
      contentType: 'application/json',
      correlationId: { location: '$message.payload#/correlationid' },
      headers: { $ref: '#/components/schemas/EventHeaders' },
      payload,
    };
    messages[dlq] = {
      name: `${type} (dead letter)`,
      title: `${type} (dead letter)`,
      summary: `A ${type} event a consumer gave up on, unchanged.`,
      contentType: 'application/json',
      correlationId: { location: '$message.payload#/correlationid' },
      headers: { $ref: '#/components/schemas/DeadLetterHeaders' },
      payload,
    };
    channels[id] = {
      address: eventSubject(PREFIXES, type),
      title: type,
      summary,
      description: `Published by the ${producer} service through its outbox, stored in the \`${BUS_DEFAULTS.stream}\` stream.`,
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
    };
    channels[dlq] = {
      address: deadLetterSubject(PREFIXES, '{consumer}', type),
      title: `${type} dead letters`,
      description: `Events of type ${type} that the consumer named in the subject failed to apply EVENT_MAX_DELIVER times (or could not parse).`,
      parameters: { consumer: { enum: [...DOMAIN_SERVICES], description: 'The durable consumer that gave up.' } },
      messages: { [dlq]: { $ref: `#/components/messages/${dlq}` } },
    };
    operations[`publish_${id}`] = {
      action: 'send',
      title: `${producer} publishes ${type}`,
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
    operations[`deadLetter_${id}`] = {
      action: 'send',
      title: `A consumer dead-letters ${type}`,
      channel: { $ref: `#/channels/${dlq}` },
      messages: [{ $ref: `#/channels/${dlq}/messages/${dlq}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Broadsheet events',
      version,
      description: [
        'Domain events of the Broadsheet services on NATS JetStream. Each message is a CloudEvents 1.0',
        'envelope (structured JSON) whose `data` is the payload below. Subjects use the default prefixes',
        `(\`EVENTS_SUBJECT_PREFIX=${BUS_DEFAULTS.eventsPrefix}\`); a deployment may change them. Delivery is`,
        'at least once: dedupe on the envelope `id`. See docs/events.md.',
      ].join('\n'),
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      development: { host: '127.0.0.1:4222', protocol: 'nats', description: 'npm start / docker compose (JetStream enabled).' },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}

/** docs/asyncapi.yaml as it should read now. */
export function renderAsyncApi(version: string): string {
  const header = '# Generated from libs/contracts by `npm run docs:asyncapi`. Do not edit by hand.\n';
  return header + stringify(buildAsyncApi(version), { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The package version the document carries. */
export const packageVersion = (): string => (require(join(ROOT, 'package.json')) as { version: string }).version;

if (require.main === module) {
  writeFileSync(ASYNCAPI_PATH, renderAsyncApi(packageVersion()));
  console.log(`wrote ${ASYNCAPI_PATH} (${EVENT_TYPES.length} event types)`);
}
