import { RestError, type PipelineResponse } from '@azure/core-rest-pipeline';

/**
 * The error the SDK would throw for a refused request: a RestError with the HTTP status and the service's
 * error code (`{"odata.error": {"code", "message": {"value"}}}` in JSON answers), so that callers classify it
 * the same way whichever path sent the request (statusCodeOf, toStorageError).
 */
export function tableRestError(body: string, statusCode: number, response: PipelineResponse, what: string): RestError {
  let code: string | undefined;
  let message = `the Table service refused ${what} (HTTP ${statusCode})`;
  try {
    const parsed = JSON.parse(body.slice(0, body.lastIndexOf('}') + 1)) as { 'odata.error'?: { code?: unknown; message?: { value?: unknown } } };
    const error = parsed['odata.error'];
    if (typeof error?.code === 'string') code = error.code;
    if (typeof error?.message?.value === 'string') message = error.message.value;
  } catch {
    // Not JSON (an XML error, or no body): the status says enough.
  }
  return new RestError(message, { statusCode, response, ...(code ? { code } : {}) });
}
