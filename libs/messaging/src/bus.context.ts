import { BaseRpcContext } from '@nestjs/microservices';
import type { MsgHdrs } from '@nats-io/transport-node';

type BusContextArgs = [subject: string, headers: MsgHdrs | undefined, deliveryCount: number];

/** What `@Ctx()` gives a handler: the subject, the NATS headers and, for events, the delivery count. */
export class BusContext extends BaseRpcContext<BusContextArgs> {
  getSubject(): string {
    return this.args[0];
  }
  getHeaders(): MsgHdrs | undefined {
    return this.args[1];
  }
  /** 1 on first delivery of an event; always 1 for requests. */
  getDeliveryCount(): number {
    return this.args[2];
  }
}
