/**
 * The envelope every Broadsheet event travels in: CloudEvents 1.0 attributes (structured JSON
 * mode) plus the correlation and causation ids, so a subscriber in any language can read it.
 */
export interface Envelope<TType extends string = string, TData = unknown> {
  /** Unique event id (UUID); also the JetStream `Nats-Msg-Id` and the inbox key. */
  id: string;
  /** The producing service, as a URI reference: `/broadsheet/articles`. */
  source: string;
  /** The event name, e.g. `articles.article.published.v1`. */
  type: TType;
  specversion: '1.0';
  /** RFC 3339 time at which the change was committed. */
  time: string;
  /** The aggregate id the event is about. */
  subject: string;
  datacontenttype: 'application/json';
  /** Id of the request or event chain this event belongs to. */
  correlationid: string;
  /** Id of the request or event that directly caused this one. */
  causationid: string;
  data: TData;
}
