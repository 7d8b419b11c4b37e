import type { TargetObject } from '../targetConnector';
import { parseScimJson } from './parseScimJson';
import { toTargetObject } from './toTargetObject';

/** The single resource in a 2xx body (GET by id, POST). */
export function readScimResource(bodyText: string, operation: string): TargetObject {
  return toTargetObject(parseScimJson(bodyText, operation), operation);
}
