import type { NumbersEventFailureCode, NumbersEventStatus, NumbersEventType } from './generated-events.js';
import type { ProviderState, Provenance } from './types.js';

export type { NumbersEventFailureCode, NumbersEventStatus, NumbersEventType };

/** The two kinds of resource a callback event is about. */
export type CallbackResourceType = 'ACTIVE_NUMBER' | 'NUMBER_ORDER';

/**
 * One documented callback event variant: an example of `x-webhooks.EventsCallback` with its
 * `x-numbers-event` annotation (openapi/README.md, "Callback events").
 */
export interface EventCase {
  /** Stable id: `<operationId>/<exampleName>`, e.g. `NumberService_EventsCallback/number_order_rejected`. */
  id: string;
  /** The webhook's operationId (`NumberService_EventsCallback`). */
  operationId: string;
  exampleName: string;
  summary: string;
  resourceType: CallbackResourceType;
  eventType: NumbersEventType;
  status: NumbersEventStatus;
  /** Only on FAILED events whose failure the documentation names. */
  failureCode?: NumbersEventFailureCode;
  /** The documented event body (fictional data). */
  body: Record<string, unknown>;
  /** The API call after which the event arrives, e.g. `NumberService_RentNumber`, and what happened. */
  trigger: { operationId: string; description: string };
  /** The provider state in which the reference provider sends this event. */
  state: ProviderState;
  provenance: Provenance;
  /** True when the variant rests on the kit's reading, not on a documented sentence. */
  inferred: boolean;
  /** JSON pointer of the example in the spec. */
  pointer: string;
  /** JSON pointer of the schema the body must satisfy. */
  schemaPointer: string;
}
