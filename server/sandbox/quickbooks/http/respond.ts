import { randomUUID } from "node:crypto";
import type { QboFault } from "../domain/faults";
import { formatResponseTime } from "../domain/time";

/** Response helpers that give every answer the shapes and the `intuit_tid` header real QBO uses. */
export function newIntuitTid(): string {
  return `1-${randomUUID().replaceAll("-", "").slice(0, 24)}`;
}

export function jsonResponse(body: unknown, status: number, tid: string, contentType = "application/json;charset=UTF-8"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": contentType, intuit_tid: tid } });
}

export function faultBody(fault: QboFault, at: Date, utcOffset: string): unknown {
  return { Fault: fault.toFault(), time: formatResponseTime(at, utcOffset) };
}

/** 401 and 403 come in a different, lowercase-keyed envelope. */
export function authFailureBody(status: 401 | 403, detail: string, at: Date): unknown {
  const [name, code] = status === 401 ? ["AuthenticationFailed", "3200"] : ["AuthorizationFailed", "3100"];
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [{ message: `message=${name}; errorCode=00${code}; statusCode=${status}`, detail, code, element: null }],
      type: status === 401 ? "AUTHENTICATION" : "AUTHORIZATION",
    },
    time: at.getTime(),
  };
}

export function throttledBody(at: Date): unknown {
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [
        {
          message: "message=ThrottleExceeded; errorCode=003001; statusCode=429",
          detail: "The request limit was reached.  Try again later",
          code: "3001",
          element: null,
        },
      ],
      type: "SERVICE",
    },
    time: at.getTime(),
  };
}
