// API errors in the shape of a Kubernetes Status: a code, a reason and a message that names the field.

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'Gone'
  | 'InternalError'
  // Reasons only HTTP handling (the API server) meets:
  | 'Unauthorized'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'Expired'
  | 'TooManyRequests'
  | 'Timeout'
  | 'ServiceUnavailable';

/** The HTTP code of each metav1.StatusReason. */
export const STATUS_CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  Forbidden: 403,
  BadRequest: 400,
  MethodNotAllowed: 405,
  Gone: 410,
  InternalError: 500,
  Unauthorized: 401,
  NotAcceptable: 406,
  UnsupportedMediaType: 415,
  RequestEntityTooLarge: 413,
  Expired: 410,
  TooManyRequests: 429,
  Timeout: 504,
  ServiceUnavailable: 503,
};

/** One field-level problem, as in a Status's `details.causes`. */
export interface FieldCause {
  field: string; // `spec.containers[0].image`
  type: string; // `FieldValueRequired`, `FieldValueInvalid`, ...
  message: string; // the whole `spec.replicas: Invalid value: -1: must be ...`
}

export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly causes: FieldCause[] = [],
    readonly details: { kind?: string; name?: string; group?: string } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = STATUS_CODES[reason];
  }
}

export function isApiError(e: unknown, reason?: StatusReason): e is ApiError {
  return e instanceof ApiError && (reason === undefined || e.reason === reason);
}

export const notFound = (resource: string, name: string) =>
  new ApiError('NotFound', `${resource} "${name}" not found`, [], { kind: resource, name });

export const alreadyExists = (resource: string, name: string) =>
  new ApiError('AlreadyExists', `${resource} "${name}" already exists`, [], { kind: resource, name });

export const conflict = (resource: string, name: string) =>
  new ApiError(
    'Conflict',
    `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    [],
    { kind: resource, name },
  );

export const forbidden = (resource: string, name: string, why: string) =>
  new ApiError('Forbidden', `${resource} "${name}" is forbidden: ${why}`, [], { kind: resource, name });

/** `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
export function invalid(qualifiedKind: string, name: string, causes: FieldCause[]): ApiError {
  const list = causes.map((c) => c.message);
  const body = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return new ApiError('Invalid', `${qualifiedKind} "${name}" is invalid: ${body}`, causes, { kind: qualifiedKind, name });
}
