// Status objects: what the API server answers when a request fails (and, for some deletes, when it
// succeeds), with the reasons, codes and details kubectl reads to print its messages.
import { ApiError, STATUS_CODES, type FieldCause, type StatusReason } from '../api/errors.js';

/** metav1.StatusReason values the server uses. */
export type Reason = StatusReason;

const CODES = STATUS_CODES;

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** An error raised while serving a request that must reach the client as this Status. */
export class HttpError extends Error {
  readonly code: number;
  constructor(
    readonly reason: Reason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'HttpError';
    this.code = CODES[reason];
  }
}

export function failure(reason: Reason, message: string, details?: StatusDetails): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code: CODES[reason] };
  if (details && Object.keys(details).length) status.details = details;
  return status;
}

export function success(details?: StatusDetails): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) status.details = details;
  return status;
}

/** `deployments.apps` → {kind: deployments, group: apps}; `Deployment.apps` likewise. */
function splitQualified(qualified: string | undefined): { kind?: string; group?: string } {
  if (!qualified) return {};
  const dot = qualified.indexOf('.');
  return dot < 0 ? { kind: qualified } : { kind: qualified.slice(0, dot), group: qualified.slice(dot + 1) };
}

/** A cause as the API puts it: the field apart, the message without the field's prefix. */
function statusCause(cause: FieldCause): StatusCause {
  const prefix = `${cause.field}: `;
  const message = cause.field && cause.message.startsWith(prefix) ? cause.message.slice(prefix.length) : cause.message;
  const out: StatusCause = { reason: cause.type, message };
  if (cause.field) out.field = cause.field;
  return out;
}

/** Any thrown value as the Status a client should see; unknown errors are 500s. */
export function statusFromError(error: unknown): Status {
  if (error instanceof HttpError) return failure(error.reason, error.message, error.details);
  if (error instanceof ApiError) {
    const details: StatusDetails = { ...splitQualified(error.details.kind) };
    if (error.details.group) details.group = error.details.group;
    if (error.details.name !== undefined) details.name = error.details.name;
    if (error.causes.length) details.causes = error.causes.map(statusCause);
    return failure(error.reason, error.message, details);
  }
  const message = error instanceof Error ? error.message : String(error);
  return failure('InternalError', `Internal error occurred: ${message}`);
}
