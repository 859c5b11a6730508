import type { Envelope } from '../../libs/contracts/src/envelope';

/** The envelope with its payload left open: a root type the schema generator can name. */
export type CloudEventEnvelope = Envelope<string, unknown>;

export type { EventMap } from '../../libs/contracts/src/event-map';
