/**
 * The callback events of a spec: every example of its `x-webhooks` request bodies, annotated with
 * `x-numbers-event` and held to the event rules (`event-rules.ts`), in spec order.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { KitError } from '../errors.js';
import type { LoadedSpec } from '../openapi/load.js';
import { pointerOf, walkOperations } from '../openapi/walk.js';
import { isRecord } from '../util/record.js';
import { suggestion } from '../util/suggest.js';
import { readEventAnnotation } from './event-annotation.js';
import { checkEventRules } from './event-rules.js';
import type { EventCase } from './types.js';
import type { NumbersEventFailureCode, NumbersEventStatus, NumbersEventType } from './generated-events.js';

/** The event cases of `x-webhooks` (none when the spec has no callbacks). */
export function buildEvents(spec: LoadedSpec): EventCase[] {
  const file = spec.path;
  const webhooks = (spec.document as unknown as Record<string, unknown>)['x-webhooks'];
  if (webhooks === undefined) return [];
  if (!isRecord(webhooks)) throw new KitError('SPEC_INVALID', 'x-webhooks must map webhook names to path items', { file, pointer: '/x-webhooks' });
  const events: EventCase[] = [];
  const seen = new Set<string>();
  const operationIds = new Set(walkOperations(spec.document).map((o) => o.operationId));
  for (const [name, item] of Object.entries(webhooks)) {
    const post = isRecord(item) && isRecord(item.post) ? item.post : undefined;
    const base = pointerOf('x-webhooks', name, 'post');
    if (post === undefined || typeof post.operationId !== 'string') {
      throw new KitError('SPEC_INVALID', 'a webhook needs a post operation with an operationId', { file, pointer: pointerOf('x-webhooks', name) });
    }
    const operationId = post.operationId;
    const content = isRecord(post.requestBody) && isRecord(post.requestBody.content) ? post.requestBody.content : {};
    const media = content['application/json'];
    const mediaPointer = `${base}${pointerOf('requestBody', 'content', 'application/json')}`;
    if (!isRecord(media) || !isRecord(media.examples)) {
      throw new KitError('SPEC_EVENT_EXAMPLES', 'a webhook needs application/json examples, one per event variant', { file, pointer: mediaPointer });
    }
    for (const [exampleName, exampleObject] of Object.entries(media.examples)) {
      const pointer = `${mediaPointer}${pointerOf('examples', exampleName)}`;
      if (!isRecord(exampleObject)) throw new KitError('SPEC_INVALID', 'an example must be an object', { file, pointer });
      const example = exampleObject as OpenAPIV3.ExampleObject & Record<string, unknown>;
      const annotation = readEventAnnotation(example['x-numbers-event'], { file, pointer });
      const trigger = annotation.trigger.operationId;
      if (!operationIds.has(trigger)) {
        throw new KitError('SPEC_ANNOTATION', `the trigger names operation "${trigger}", which the spec does not have${suggestion(trigger, operationIds)}`, {
          file,
          pointer: `${pointer}/x-numbers-event/trigger/operationId`,
        });
      }
      if (!isRecord(example.value)) throw new KitError('SPEC_EXAMPLE_MISMATCH', 'the example value must be an event object', { file, pointer: `${pointer}/value` });
      const rule = checkEventRules(annotation, example.value, { file, pointer });
      const id = `${operationId}/${exampleName}`;
      if (seen.has(id)) throw new KitError('SPEC_DUPLICATE_CASE', `event case id ${id} is produced twice`, { file, pointer });
      seen.add(id);
      events.push({
        id,
        operationId,
        exampleName,
        summary: typeof example.summary === 'string' ? example.summary : annotation.trigger.description,
        resourceType: rule.resourceType,
        eventType: annotation.eventType as NumbersEventType,
        status: annotation.status as NumbersEventStatus,
        ...(annotation.failureCode === undefined ? {} : { failureCode: annotation.failureCode as NumbersEventFailureCode }),
        body: example.value,
        trigger: annotation.trigger,
        // As an HTTP case's state carries its path's projectId: the project whose event it is (verify swaps it per worker).
        state: { name: annotation.state.name, params: { ...(typeof example.value.projectId === 'string' ? { projectId: example.value.projectId } : {}), ...annotation.state.params } },
        provenance: annotation.provenance,
        inferred: annotation.inferred,
        pointer,
        schemaPointer: `${mediaPointer}/schema`,
      });
    }
  }
  return events;
}
